/**
 * The kernel reconciled with the lease, through the whole loop (rtnetlink
 * events in, kernel operations out): an address someone deleted, an
 * interface that went down and up, or was deleted and re-created with a new
 * index, and notifications lost to a monitor overflow. What the lease holds is
 * put back at once, not at the next Renew; what the agent withdrew itself is
 * not. The upstream interface may also be a point-to-point one without a MAC
 * (PPPoE, tun) that exists only while its session is up.
 */
import assert from "node:assert/strict";
import type { Action, AddressLease, PrefixLease } from "../dhcp6/client/types.ts";
import type { Config, InterfaceConfig } from "../config/types.ts";
import { testConfig } from "../../tests/sim/harness.ts";
import { FakeKernel, removedEvent } from "../../tests/fakes/fake_kernel.ts";
import { ScriptedEngine } from "../../tests/fakes/scripted_engine.ts";
import { Agent, type Waiter } from "./agent.ts";
import type { NetEvent } from "./ports.ts";
import { testInterface } from "../../tests/fakes/interfaces.ts";

const WAN_MAC = Uint8Array.of(2, 0, 0, 0, 0, 2);
const LAN = { name: "lan0", hardwareType: 1, mac: Uint8Array.of(2, 0, 0, 0, 0, 3) };

const IFACE: InterfaceConfig = testInterface({
  iaPd: [{ iaid: 2, prefixes: [], delegate: [{ interface: "lan0", slaId: 1 }] }],
  releaseOnStop: false,
});

const NA: AddressLease = {
  iaid: 1,
  address: "2001:db8:1::100",
  preferredLifetime: 90,
  validLifetime: 120,
  receivedAt: 1_000,
};
const PD: PrefixLease = {
  iaid: 2,
  prefix: "2001:db8:100::",
  prefixLength: 56,
  preferredLifetime: 90,
  validLifetime: 120,
  receivedAt: 1_000,
};
/** lan0's address: sla-id 1, EUI-64 of 02:00:00:00:00:03. */
const LAN_ADDRESS = "2001:db8:100:1:0:ff:fe00:3";

/**
 * An agent over a fake kernel and a scripted engine, in a fresh state
 * directory; `wan` false: the upstream interface does not exist at start.
 */
async function withAgent(
  options: { wan?: boolean },
  body: (h: Awaited<ReturnType<typeof start>>) => Promise<void>,
): Promise<void> {
  const h = await start(options.wan ?? true);
  try {
    await body(h);
    h.agent.signal("exit");
    assert.equal(await h.running, 0);
  } finally {
    await Deno.remove(h.dir, { recursive: true });
  }
}

async function start(wan: boolean) {
  const dir = await Deno.makeTempDir();
  const kernel = new FakeKernel([
    ...(wan ? [{ index: 2, name: "wan0", hardwareType: 1, mac: WAN_MAC }] : []),
    { index: 3, ...LAN },
  ]);
  const log: string[] = [];
  const events: NetEvent[] = [];
  let engine: ScriptedEngine | undefined;
  let wakeUp: ((r: { readable: ReadonlySet<number> }) => void) | undefined;
  let woken = false;
  const waiter: Waiter = {
    wait() {
      if (woken) {
        woken = false;
        return Promise.resolve({ readable: new Set<number>() });
      }
      return new Promise((resolve) => (wakeUp = resolve));
    },
    wake() {
      const w = wakeUp;
      wakeUp = undefined;
      if (w) w({ readable: new Set() });
      else woken = true;
    },
  };
  const config: Config = {
    global: {
      duidFile: `${dir}/duid`,
      stateDir: dir,
      controlSocket: `${dir}/sock`,
      logLevel: "info",
      logTarget: "stderr",
      logFacility: "daemon",
      hookTimeout: 10,
    },
    interfaces: [IFACE],
    authentication: {},
    keyinfo: {},
  };
  const agent = new Agent(
    {
      clock: { monotonic: () => 1_000, wall: () => 1_700_000_000_000 },
      net: kernel,
      monitor: { fd: 11, read: () => events.splice(0), close() {} },
      transport: { fd: 10, send: () => {}, receive: () => undefined, close() {} },
      waiter,
      engines: (c) => (engine = new ScriptedEngine(c)),
      hooks: { run: () => Promise.resolve() },
      logger: { log: (level, message) => log.push(`${level} ${message}`) },
      random: () => 0.5,
      config: {
        load: () => Promise.resolve(config),
        toClientConfig: () => testConfig({ releaseOnStop: false }),
        diff: () => ({ added: [], removed: [], changed: [] }),
      },
      statusJson: () => ({}),
    },
    { configPath: `${dir}/edge6.toml`, config, only: [], noRelease: true, duid: new Uint8Array(3) },
  );
  const running = agent.run();
  await settle();
  const wakeWith = async (fds: number[]) => {
    const w = wakeUp!;
    wakeUp = undefined;
    w({ readable: new Set(fds) });
    await settle();
  };
  return {
    dir,
    kernel,
    log,
    agent,
    running,
    engine: () => engine!,
    /** The kernel notifies `news`; the loop reads them. */
    netEvents: async (news: NetEvent[]) => {
      events.push(...news);
      await wakeWith([11]);
    },
    /** The engine acts (a Reply, a timer); the loop carries it out. */
    step: async (...actions: Action[]) => {
      engine!.actions.push(...actions);
      await wakeWith([]);
    },
    /** What `status` shows of the LAN, as "interface address". */
    lan: () => agent.statuses()[0]!.downstream.map((d) => `${d.interface} ${d.address}`),
  };
}

/** Lets the loop run until it waits again. */
async function settle(): Promise<void> {
  for (let i = 0; i < 30; i++) await new Promise((r) => setTimeout(r, 0));
}

Deno.test("reconcile: an address deleted by hand, on the WAN or a LAN, is put back; the agent's own removals are not", async () => {
  await withAgent({}, async (h) => {
    await h.step({ type: "address-add", lease: NA }, { type: "prefix-add", lease: PD });
    assert.deepEqual(h.kernel.show("wan0"), ["2001:db8:1::100/128 90/120"]);
    assert.deepEqual(h.kernel.show("lan0"), [`${LAN_ADDRESS}/64 90/120`]);

    await h.netEvents(h.kernel.deleteAddress("wan0", "2001:db8:1::100"));
    assert.deepEqual(h.kernel.show("wan0"), ["2001:db8:1::100/128 90/120"]);
    await h.netEvents(h.kernel.deleteAddress("lan0", LAN_ADDRESS));
    assert.deepEqual(h.kernel.show("lan0"), [`${LAN_ADDRESS}/64 90/120`]);
    assert.ok(
      h.log.includes(
        "notice wan0: 2001:db8:1::100 is gone from wan0; putting it back (the lease holds it)",
      ),
      h.log.join("\n"),
    );

    // The engine withdraws both: the kernel's notices of it change nothing.
    await h.step({ type: "address-remove", lease: NA }, {
      type: "prefix-remove",
      lease: PD,
      deprecate: false,
    });
    const calls = h.kernel.calls.length;
    await h.netEvents([removedEvent(2, NA.address, 128), removedEvent(3, LAN_ADDRESS, 64)]);
    assert.deepEqual(h.kernel.calls.slice(calls), []);
    assert.deepEqual([h.kernel.show("wan0"), h.kernel.show("lan0"), h.lan()], [[], [], []]);
  });
});

Deno.test("reconcile: the WAN down and up (keep_addr_on_down=0): the IA_NA address is back at once, not at T1", async () => {
  await withAgent({}, async (h) => {
    await h.step({ type: "address-add", lease: NA });
    const calls = h.kernel.calls.length;
    await h.netEvents(h.kernel.setDown("wan0"));
    assert.deepEqual(h.kernel.show("wan0"), []);
    assert.deepEqual(h.kernel.calls.slice(calls), [], "nothing is added to a down interface");
    await h.netEvents(h.kernel.setUp("wan0"));
    assert.deepEqual(h.kernel.show("wan0"), ["2001:db8:1::100/128 90/120"]);
    assert.deepEqual(h.engine().inputs.slice(-2), ["link down", "link up"]);
  });
});

Deno.test("reconcile: a LAN interface deleted and re-created with a new index; status follows the kernel", async () => {
  await withAgent({}, async (h) => {
    await h.step({ type: "prefix-add", lease: PD });
    assert.deepEqual(h.lan(), [`lan0 ${LAN_ADDRESS}`]);
    await h.netEvents(h.kernel.remove("lan0"));
    assert.deepEqual(h.lan(), [], "the address went with its interface");
    await h.netEvents(h.kernel.create(LAN));
    const index = h.kernel.interfaces.get("lan0")!.index;
    assert.notEqual(index, 3);
    assert.deepEqual(h.kernel.show("lan0"), [`${LAN_ADDRESS}/64 90/120`]);
    assert.deepEqual(h.lan(), [`lan0 ${LAN_ADDRESS}`]);
    assert.ok(!h.log.some((l) => l.startsWith("error")), h.log.join("\n"));
  });
});

Deno.test("reconcile: lost notifications (ENOBUFS): the kernel is read again and what it lost is put back", async () => {
  await withAgent({}, async (h) => {
    await h.step({ type: "address-add", lease: NA }, { type: "prefix-add", lease: PD });
    // Changes whose notifications were lost: an address, a LAN address and the route gone.
    h.kernel.deleteAddress("wan0", NA.address);
    h.kernel.deleteAddress("lan0", LAN_ADDRESS);
    h.kernel.routes.clear();
    await h.netEvents([{ type: "resync" }, { type: "resync" }]);
    assert.deepEqual(h.kernel.show("wan0"), ["2001:db8:1::100/128 90/120"]);
    assert.deepEqual(h.kernel.show("lan0"), [`${LAN_ADDRESS}/64 90/120`]);
    assert.deepEqual([...h.kernel.routes.keys()], ["2001:db8:100::/56"]);
    assert.equal(h.log.filter((l) => l.includes("notifications were lost")).length, 1);
  });
});

Deno.test("reconcile: lost notifications hid a re-created LAN interface: its address goes on the new one", async () => {
  await withAgent({}, async (h) => {
    await h.step({ type: "prefix-add", lease: PD });
    h.kernel.remove("lan0");
    h.kernel.create(LAN);
    await h.netEvents([{ type: "resync" }]);
    assert.deepEqual(h.kernel.show("lan0"), [`${LAN_ADDRESS}/64 90/120`]);
    assert.deepEqual(h.lan(), [`lan0 ${LAN_ADDRESS}`]);
  });
});

Deno.test("reconcile: a LAN address that failed duplicate address detection is not put back", async () => {
  await withAgent({}, async (h) => {
    await h.step({ type: "prefix-add", lease: PD });
    const failed = { ...removedEvent(3, LAN_ADDRESS, 64), dadFailed: true };
    h.kernel.addrs.get(3)!.delete(LAN_ADDRESS);
    const calls = h.kernel.calls.length;
    await h.netEvents([{ ...failed, removed: false }, failed]);
    assert.deepEqual(h.kernel.calls.slice(calls), []);
    assert.deepEqual(h.lan(), [], "status shows what the kernel has");
  });
});

Deno.test("a point-to-point WAN without a MAC that comes and goes: waited for, lease kept, address back on the new index", async () => {
  await withAgent({ wan: false }, async (h) => {
    assert.deepEqual(h.engine().inputs, ["link down", "start fresh"]);
    const ppp = { name: "wan0", hardwareType: 512, mac: new Uint8Array() };
    await h.netEvents(h.kernel.create(ppp));
    assert.deepEqual(h.engine().inputs.slice(2), ["link up"]);
    await h.step({ type: "address-add", lease: NA });
    const first = h.kernel.interfaces.get("wan0")!.index;
    assert.deepEqual(h.kernel.show("wan0"), ["2001:db8:1::100/128 90/120"]);

    // The session ends: the interface and its address go; the lease stays.
    await h.netEvents(h.kernel.remove("wan0"));
    assert.deepEqual(h.engine().inputs.slice(3), ["link down"]);
    assert.ok(
      h.log.some((l) => l.startsWith("notice wan0: interface removed; the lease is kept")),
      h.log.join("\n"),
    );
    // It returns with a new index: the engine hears "link up" (it confirms or rebinds,
    // RFC 9915 §18.2.12) and the address is already back, before any Reply.
    await h.netEvents(h.kernel.create(ppp));
    assert.notEqual(h.kernel.interfaces.get("wan0")!.index, first);
    assert.deepEqual(h.engine().inputs.slice(4), ["link up"]);
    assert.deepEqual(h.kernel.show("wan0"), ["2001:db8:1::100/128 90/120"]);
    assert.equal(h.log.filter((l) => l.includes("waiting for it to appear")).length, 1);
    assert.ok(!h.log.some((l) => l.startsWith("error")), h.log.join("\n"));
  });
});
