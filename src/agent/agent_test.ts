import assert from "node:assert/strict";
import type {
  Action,
  ClientCommand,
  ClientConfig,
  ClientStatus,
  ConfigChangeOutcome,
  SavedLease,
  Transmit,
} from "../dhcp6/client/types.ts";
import type { Config, InterfaceConfig } from "../config/types.ts";
import { Agent, type ConfigPort, sameProtocol, type Waiter } from "./agent.ts";
import type {
  AddressSpec,
  Datagram,
  Engine,
  InterfaceAddress,
  LinkInfo,
  NetConfig,
  NetEvent,
} from "./ports.ts";
import { testInterface } from "../../tests/fakes/interfaces.ts";
import { ERRNO, ErrnoError } from "../../ffi/mod.ts";

/** An engine that records its inputs and replays scripted outputs. */
class FakeEngine implements Engine {
  inputs: string[] = [];
  actions: Action[] = [];
  transmits: Transmit[] = [];
  timeout: number | undefined;
  /** What the engine does on a configuration change it applies in place. */
  onConfigChange: (config: ClientConfig) => Action[] = () => [];
  constructor(public config: ClientConfig) {}
  handleConfigChange(_now: number, config: ClientConfig): ConfigChangeOutcome {
    this.inputs.push("config change");
    // As the real engine: a switch to or from information-only needs a new client.
    if (config.informationOnly !== this.config.informationOnly) return "restart";
    this.config = config;
    this.actions.push(...this.onConfigChange(config));
    return "applied";
  }
  start(now: number, saved?: SavedLease): void {
    this.inputs.push(`start ${now} ${saved === undefined ? "fresh" : "saved"}`);
  }
  handleDatagram(_now: number, source: string, bytes: Uint8Array): void {
    this.inputs.push(`datagram ${bytes.length} from ${source}`);
  }
  handleTimeout(now: number): void {
    this.inputs.push(`timeout ${now}`);
    this.timeout = undefined;
  }
  handleLinkChange(_now: number, up: boolean): void {
    this.inputs.push(`link ${up ? "up" : "down"}`);
  }
  handleAddressEvent(_now: number, address: string, event: string): void {
    this.inputs.push(`${event} ${address}`);
  }
  handleHookDone(): void {
    this.inputs.push("hook done");
  }
  handleCommand(_now: number, command: ClientCommand): void {
    this.inputs.push(`command ${command}`);
    if (command === "stop") {
      this.actions.push({ type: "address-remove", lease: address });
      this.actions.push({ type: "stopped" });
      if (this.config.releaseOnStop) {
        this.transmits.push({
          interfaceName: "wan0",
          destination: "ff02::1:2",
          bytes: new Uint8Array([8]),
        });
      }
    }
  }
  pollAction(): Action | undefined {
    return this.actions.shift();
  }
  pollTransmit(): Transmit | undefined {
    return this.transmits.shift();
  }
  pollTimeout(): number | undefined {
    return this.timeout;
  }
  status(): ClientStatus {
    return {
      interfaceName: this.config.interfaceName,
      state: "bound",
      addresses: [],
      prefixes: [],
      ias: [],
      options: [],
      counters: { sent: {}, received: {}, dropped: {} },
    };
  }
}

const address = {
  iaid: 1,
  address: "2001:db8:1::100",
  preferredLifetime: 90,
  validLifetime: 120,
  receivedAt: 0,
};

/** The upstream link wan0 as the kernel reports it, less its carrier. */
const wan0Link = {
  index: 2,
  name: "wan0",
  hardwareType: 1,
  mac: new Uint8Array(6).fill(1),
  up: true,
};

/** Upstream `name` as the tests configure it (tests/fakes/interfaces.ts), with `extra`. */
function iface(name: string, extra: Partial<InterfaceConfig> = {}): InterfaceConfig {
  return testInterface({ name, ...extra });
}

function harness(
  stateDir: string,
  options: {
    noRelease?: boolean;
    only?: string[];
    extra?: string;
    /** Unreachable routes already in the kernel. */
    routes?: { prefix: string; prefixLength: number }[];
    /** What the transport throws on send (default: sends succeed). */
    sendError?: Error;
    /** Addresses by interface index (default: one link-local past DAD on each). */
    addresses?: Map<number, InterfaceAddress[]>;
    /** What reading addresses throws (default: it works). */
    addressError?: Error;
  } = {},
) {
  const log: string[] = [];
  const order: string[] = [];
  const engines = new Map<string, FakeEngine>();
  const links: LinkInfo[] = [
    ...["lan0", "lan1"].map((name, i) => ({
      index: 4 + i,
      name,
      hardwareType: 1,
      mac: new Uint8Array(6).fill(4 + i),
      up: true,
      carrier: true,
    })),
    { ...wan0Link, carrier: true },
    {
      index: 3,
      name: "wan1",
      hardwareType: 1,
      mac: new Uint8Array(6).fill(2),
      up: true,
      carrier: true,
    },
  ];
  const routes = options.routes ?? [];
  const addresses = options.addresses ?? new Map(links.map((l) => [l.index, [{
    address: `fe80::${l.index}`,
    prefixLength: 64,
    tentative: false,
    dadFailed: false,
  }]]));
  const net: NetConfig = {
    links: () => Promise.resolve(links),
    addresses: (index) =>
      options.addressError === undefined
        ? Promise.resolve(addresses.get(index) ?? [])
        : Promise.reject(options.addressError),
    setAddress: (s: AddressSpec) => (order.push(`set ${s.address}`), Promise.resolve()),
    removeAddress: (_i, a) => (order.push(`del ${a}`), Promise.resolve()),
    setUnreachableRoute: () => Promise.resolve(),
    removeUnreachableRoute: (p, l) => (order.push(`del-route ${p}/${l}`), Promise.resolve()),
    unreachableRoutes: () => Promise.resolve(routes.map((r) => ({ ...r }))),
  };
  const datagrams: Datagram[] = [];
  const events: NetEvent[] = [];
  let wakeUp: ((r: { readable: ReadonlySet<number> }) => void) | undefined;
  let woken = false;
  let ended = false;
  loopBusy = () => !ended && wakeUp === undefined;
  const waits: number[] = [];
  const waiter: Waiter & { deliver(fds: number[]): void } = {
    wait(_fds, timeoutMs) {
      waits.push(timeoutMs);
      if (woken) {
        woken = false;
        return Promise.resolve({ readable: new Set<number>() });
      }
      return new Promise((resolve) => (wakeUp = resolve));
    },
    wake() {
      if (wakeUp) {
        const w = wakeUp;
        wakeUp = undefined;
        w({ readable: new Set() });
      } else woken = true;
    },
    deliver(fds) {
      const w = wakeUp!;
      wakeUp = undefined;
      w({ readable: new Set(fds) });
    },
  };
  let now = 1000;
  const config: Config = {
    global: {
      duidFile: `${stateDir}/duid`,
      stateDir,
      controlSocket: `${stateDir}/sock`,
      logLevel: "info",
      logTarget: "stderr",
      logFacility: "daemon",
      hookTimeout: 10,
    },
    interfaces: [
      iface("wan0", { script: "/etc/edge6/hook.sh" }),
      iface("wan1"),
      ...(options.extra === undefined ? [] : [iface(options.extra)]),
    ],
    authentication: {},
    keyinfo: {},
  };
  let nextConfig: Config | Error = config;
  const configPort: ConfigPort = {
    load: () =>
      nextConfig instanceof Error ? Promise.reject(nextConfig) : Promise.resolve(nextConfig),
    toClientConfig: (i, duid) => ({
      interfaceName: i.name,
      duid,
      iaNa: [],
      iaPd: i.iaPd.map((pd) => ({ iaid: pd.iaid, hints: [] })),
      requestOptions: [],
      rawOptions: [],
      rapidCommit: i.rapidCommit,
      informationOnly: i.informationOnly,
      initialDelay: i.initialDelay,
      releaseOnStop: i.releaseOnStop,
      reconfigureAccept: i.reconfigureAccept,
    }),
    diff: (a, b) => ({
      added: b.interfaces.filter((i) => !a.interfaces.some((j) => j.name === i.name)).map((i) =>
        i.name
      ),
      removed: a.interfaces.filter((i) => !b.interfaces.some((j) => j.name === i.name)).map((i) =>
        i.name
      ),
      changed: b.interfaces.filter((i) => {
        const old = a.interfaces.find((j) => j.name === i.name);
        // (a fixed ifid is a bigint, which JSON needs told how to write)
        const text = (x: InterfaceConfig) =>
          JSON.stringify(x, (_k, v) => typeof v === "bigint" ? `${v}n` : v);
        return old !== undefined && text(old) !== text(i);
      }).map((i) => i.name),
    }),
  };
  const agent = new Agent(
    {
      clock: { monotonic: () => now, wall: () => 1_700_000_000_000 },
      net,
      monitor: { fd: 11, read: () => events.splice(0), close() {} },
      transport: {
        fd: 10,
        send: (index, dest, bytes) => {
          if (options.sendError !== undefined) throw options.sendError;
          order.push(`send ${index} ${dest} ${bytes.length}`);
        },
        receive: () => datagrams.shift(),
        close() {},
      },
      waiter,
      engines: (c) => {
        const e = new FakeEngine(c);
        engines.set(c.interfaceName, e);
        return e;
      },
      hooks: { run: (r) => (order.push(`hook ${r.reason} ${r.lan.length}`), Promise.resolve()) },
      logger: { log: (level, message) => log.push(`${level} ${message}`) },
      random: () => 0.5,
      config: configPort,
      statusJson: (s) => s.map((x) => ({ name: x.client.interfaceName, state: x.client.state })),
    },
    {
      configPath: "/etc/edge6.toml",
      config,
      only: options.only ?? [],
      noRelease: options.noRelease ?? false,
      duid: new Uint8Array([0, 3, 0, 1, 1, 1, 1, 1, 1, 1]),
    },
  );
  // The loop has ended once run() resolves: nothing more to wait for in settle().
  const run = agent.run.bind(agent);
  agent.run = () => run().finally(() => (ended = true));
  /** Wakes the loop with `fds` readable and lets it run until it waits again. */
  const deliver = async (fds: number[]) => {
    waiter.deliver(fds);
    await settle();
  };
  return {
    agent,
    engines,
    log,
    order,
    waits,
    waiter,
    datagrams,
    addresses,
    deliver,
    /** Queues kernel events on the monitor and lets the loop read them (fd 11). */
    netEvents: async (...news: NetEvent[]) => {
      events.push(...news);
      await deliver([11]);
    },
    setNow: (t: number) => (now = t),
    setNextConfig: (c: Config | Error) => (nextConfig = c),
    config,
  };
}

/** Lets the loop run until it is waiting in poll again. */
async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((r) => setTimeout(r, 0));
  // On a loaded machine the loop's file writes (state file, leases) may take longer than 20
  // turns: go on until it waits in poll again, or has ended.
  for (let i = 0; i < 2000 && loopBusy(); i++) await new Promise((r) => setTimeout(r, 1));
}

/** Whether the running harness's loop is between two waits (set by `harness`). */
let loopBusy: () => boolean = () => false;

/**
 * Starts an agent over the fakes in a fresh state directory, lets it settle into its loop, and
 * hands it to `body`, which ends it; the directory is removed whatever happens.
 */
async function withRunningAgent(
  ...args:
    | [body: RunningAgentBody]
    | [options: Parameters<typeof harness>[1], body: RunningAgentBody]
): Promise<void> {
  const [options, body] = args.length === 1 ? [{}, args[0]] : args;
  const dir = await Deno.makeTempDir();
  try {
    const h = harness(dir, options);
    const running = h.agent.run();
    await settle();
    await body(h, running, dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/** A test run against a started agent: its harness, its run, its state directory. */
type RunningAgentBody = (
  h: ReturnType<typeof harness>,
  running: Promise<number>,
  dir: string,
) => Promise<void>;

Deno.test("agent: starts every configured interface, sleeps until the earliest timer, fires it", async () => {
  await withRunningAgent(async (h, running, dir) => {
    assert.deepEqual([...h.engines.keys()], ["wan0", "wan1"]);
    assert.deepEqual(h.engines.get("wan0")!.inputs, ["start 1000 fresh"]);
    assert.equal(h.waits.at(-1), -1, "no timer: wait forever");
    h.engines.get("wan1")!.timeout = 1500.5;
    h.agent.request({ command: "status" });
    await settle();
    assert.equal(h.waits.at(-1), 501);
    h.setNow(1501);
    await h.deliver([]);
    assert.deepEqual(h.engines.get("wan1")!.inputs.at(-1), "timeout 1501");
    h.agent.signal("exit");
    assert.equal(await running, 0);
    const state = JSON.parse(await Deno.readTextFile(`${dir}/status.json`));
    assert.deepEqual(state, [{ name: "wan0", state: "bound" }, { name: "wan1", state: "bound" }]);
  });
});

Deno.test("agent: actions are carried out before transmits; stop waits for the release", async () => {
  await withRunningAgent({ only: ["wan0"] }, async (h, running) => {
    h.engines.get("wan0")!.actions.push(
      { type: "address-add", lease: address },
      { type: "hook", reason: "REQUEST", status: h.engines.get("wan0")!.status() },
    );
    h.agent.signal("stop");
    assert.equal(await running, 0);
    assert.deepEqual(h.order, [
      "set 2001:db8:1::100",
      "hook REQUEST 0",
      "del 2001:db8:1::100",
      "send 2 ff02::1:2 1",
    ]);
    assert.deepEqual(h.engines.get("wan0")!.inputs, ["start 1000 fresh", "command stop"]);
  });
});

Deno.test("agent: -n turns release off in the engine's configuration", async () => {
  await withRunningAgent({ noRelease: true, only: ["wan0"] }, async (h, running) => {
    assert.equal(h.engines.get("wan0")!.config.releaseOnStop, false);
    h.agent.signal("stop");
    await running;
    assert.ok(!h.order.some((o) => o.startsWith("send")));
  });
});

Deno.test("agent: datagrams go to the engine of the receiving interface; others are ignored", async () => {
  await withRunningAgent(async (h, running) => {
    h.datagrams.push(
      { bytes: new Uint8Array(7), source: "fe80::1", interfaceIndex: 3 },
      { bytes: new Uint8Array(5), source: "fe80::2", interfaceIndex: 99 },
    );
    await h.deliver([10]);
    assert.deepEqual(h.engines.get("wan1")!.inputs.slice(1), ["datagram 7 from fe80::1"]);
    assert.deepEqual(h.engines.get("wan0")!.inputs.slice(1), []);
    h.agent.signal("exit");
    await running;
  });
});

Deno.test("agent: carrier changes and DAD failures reach the engine", async () => {
  await withRunningAgent(async (h, running) => {
    await h.netEvents(
      { type: "link", link: { ...wan0Link, carrier: false } },
      { type: "link", link: { ...wan0Link, carrier: false } },
      { type: "link", link: { ...wan0Link, carrier: true } },
      {
        type: "address",
        interfaceIndex: 2,
        address: "2001:db8:1::100",
        prefixLength: 128,
        tentative: false,
        dadFailed: true,
        removed: false,
      },
    );
    assert.deepEqual(h.engines.get("wan0")!.inputs.slice(1), [
      "link down",
      "link up",
      "dad-failed 2001:db8:1::100",
    ]);
    h.agent.signal("exit");
    await running;
  });
});

Deno.test("agent: control requests renew one interface or report an unknown one", async () => {
  await withRunningAgent(async (h, running) => {
    assert.deepEqual(await h.agent.request({ command: "renew", interface: "wan1" }), {
      ok: true,
      message: "renew started on wan1",
    });
    assert.deepEqual(h.engines.get("wan1")!.inputs.slice(1), ["command renew"]);
    assert.deepEqual(await h.agent.request({ command: "rebind", interface: "eth9" }), {
      ok: false,
      error: "no running interface eth9 in this agent",
    });
    const status = await h.agent.request({ command: "status", interface: "wan0" });
    assert.deepEqual(status, { ok: true, status: [{ name: "wan0", state: "bound" }] });
    h.agent.signal("exit");
    await running;
  });
});

Deno.test("agent: an invalid reload keeps the running configuration and logs every error", async () => {
  await withRunningAgent(async (h, running) => {
    h.setNextConfig(new Error("line 3: unknown key foo\nline 9: sla-id must be a number"));
    const answer = await h.agent.request({ command: "reload" });
    assert.deepEqual(answer, {
      ok: false,
      error: "/etc/edge6.toml is invalid; the running configuration is kept",
    });
    assert.ok(h.log.includes("error reload: line 3: unknown key foo"));
    assert.ok(h.log.includes("error reload: line 9: sla-id must be a number"));
    assert.deepEqual([...h.engines.keys()], ["wan0", "wan1"]);
    h.agent.signal("exit");
    await running;
  });
});

Deno.test("agent: reload leaves unchanged interfaces, releases removed ones, starts new, updates changed", async () => {
  await withRunningAgent(async (h, running) => {
    const first = h.engines.get("wan0")!;
    const wan1 = h.engines.get("wan1")!;
    h.setNextConfig({
      ...h.config,
      interfaces: [iface("wan0", { rapidCommit: true }), iface("wan2")],
    });
    const answer = await h.agent.request({ command: "reload" });
    assert.deepEqual(answer, {
      ok: true,
      message: "reloaded: wan1 removed, wan2 added, wan0 updated",
    });
    await settle();
    assert.deepEqual(wan1.inputs.slice(1), ["command stop"]);
    assert.deepEqual(first.inputs.slice(1), ["config change"]);
    assert.equal(h.engines.get("wan0"), first, "the same engine goes on");
    assert.equal(first.config.rapidCommit, true);
    assert.ok(h.engines.has("wan2"));
    const status = await h.agent.request({ command: "status" });
    assert.deepEqual(status, {
      ok: true,
      status: [{ name: "wan0", state: "bound" }, { name: "wan2", state: "bound" }],
    });
    h.agent.signal("exit");
    await running;
  });
});

Deno.test("agent: reload restarts an interface the engine cannot change in place", async () => {
  await withRunningAgent({ only: ["wan0"] }, async (h, running) => {
    const first = h.engines.get("wan0")!;
    h.setNextConfig({ ...h.config, interfaces: [iface("wan0", { informationOnly: true })] });
    const answer = await h.agent.request({ command: "reload" });
    assert.deepEqual(answer, { ok: true, message: "reloaded: wan0 restarted" });
    await settle();
    assert.deepEqual(first.inputs.slice(1), ["config change", "command stop"]);
    assert.notEqual(h.engines.get("wan0"), first);
    assert.equal(h.engines.get("wan0")!.config.informationOnly, true);
    assert.deepEqual(h.engines.get("wan0")!.inputs, ["start 1000 fresh"]);
    h.agent.signal("exit");
    await running;
  });
});

Deno.test("agent: reload adds and removes an IA_PD in place; only its LAN changes", async () => {
  await withRunningAgent({ only: ["wan0"], noRelease: true }, async (h, running) => {
    const engine = h.engines.get("wan0")!;
    const lease = (iaid: number, prefix: string) => ({
      iaid,
      prefix,
      prefixLength: 56,
      preferredLifetime: 90,
      validLifetime: 120,
      receivedAt: 1000,
    });
    const pd2 = { iaid: 2, prefixes: [], delegate: [{ interface: "lan0", slaId: 1 }] };
    const pd3 = { iaid: 3, prefixes: [], delegate: [{ interface: "lan1", slaId: 2 }] };
    // A fake of the engine's answer: a prefix for each added IA, a withdrawal for each removed one.
    const held = new Set<number>();
    engine.onConfigChange = (c) => {
      const now = new Set(c.iaPd.map((pd) => pd.iaid));
      const out: Action[] = [];
      for (const iaid of now) {
        if (!held.has(iaid)) {
          out.push({ type: "prefix-add", lease: lease(iaid, `2001:db8:${iaid}00::`) });
        }
      }
      for (const iaid of held) {
        if (!now.has(iaid)) {
          out.push({
            type: "prefix-remove",
            lease: lease(iaid, `2001:db8:${iaid}00::`),
            deprecate: false,
          });
        }
      }
      held.clear();
      for (const iaid of now) held.add(iaid);
      return out;
    };
    const reload = async (iaPd: InterfaceConfig["iaPd"]) => {
      h.order.length = 0;
      h.setNextConfig({
        ...h.config,
        interfaces: [iface("wan0", { script: "/etc/edge6/hook.sh", iaPd })],
      });
      const answer = await h.agent.request({ command: "reload" });
      assert.deepEqual(answer, { ok: true, message: "reloaded: wan0 updated" });
      await settle();
      return [...h.order];
    };
    const added2 = await reload([pd2]);
    assert.equal(added2.length, 1, added2.join("; "));
    assert.match(added2[0]!, /^set 2001:db8:200:1:/);
    const added3 = await reload([pd2, pd3]);
    assert.equal(added3.length, 1, "the LAN of IA_PD 2 is left alone");
    assert.match(added3[0]!, /^set 2001:db8:300:2:/);
    const removed3 = await reload([pd2]);
    assert.deepEqual(removed3, [
      `del ${added3[0]!.slice(4)}`,
      "del-route 2001:db8:300::/56",
    ]);
    assert.equal(engine.config.releaseOnStop, false, "-n holds for reloads too");
    assert.deepEqual(engine.inputs.slice(1), ["config change", "config change", "config change"]);
    assert.equal(h.engines.get("wan0"), engine);
    h.agent.signal("exit");
    await running;
  });
});

Deno.test("agent: a reload that changes only a 64-bit ifid moves the LAN address to its exact bits", async () => {
  await withRunningAgent({ only: ["wan0"] }, async (h, running) => {
    const engine = h.engines.get("wan0")!;
    engine.onConfigChange = () => [{
      type: "prefix-add",
      lease: {
        iaid: 2,
        prefix: "2001:db8:200::",
        prefixLength: 56,
        preferredLifetime: 90,
        validLifetime: 120,
        receivedAt: 1000,
      },
    }];
    const reload = async (ifid: bigint) => {
      h.order.length = 0;
      const delegate = [{ interface: "lan0", slaId: 1, ifid }];
      h.setNextConfig({
        ...h.config,
        interfaces: [
          iface("wan0", {
            script: "/etc/edge6/hook.sh",
            iaPd: [{ iaid: 2, prefixes: [], delegate }],
          }),
        ],
      });
      const answer = await h.agent.request({ command: "reload" });
      await settle();
      return { answer, order: [...h.order] };
    };
    const first = await reload(144115612209124097n);
    assert.deepEqual(first.answer, { ok: true, message: "reloaded: wan0 updated" });
    assert.deepEqual(first.order, ["set 2001:db8:200:1:200:62:c050:1301"]);
    const second = await reload(18446744073709551615n);
    assert.deepEqual(second.answer, {
      ok: true,
      message: "reloaded: wan0 downstream/hook updated",
    });
    assert.deepEqual(second.order, [
      "del 2001:db8:200:1:200:62:c050:1301",
      "del-route 2001:db8:200::/56",
      "set 2001:db8:200:1:ffff:ffff:ffff:ffff",
    ]);
    const same = await reload(18446744073709551615n);
    assert.deepEqual(same.answer, { ok: true, message: "reloaded: nothing changed" });
    assert.deepEqual(same.order, []);
    h.agent.signal("exit");
    await running;
  });
});

Deno.test("sameProtocol ignores the downstream layout and the hook only", () => {
  const a = iface("wan0", {
    iaPd: [{ iaid: 1, prefixes: [], delegate: [{ interface: "lan0", slaId: 1 }] }],
  });
  const b = iface("wan0", {
    script: "/etc/hook",
    iaPd: [{ iaid: 1, prefixes: [], delegate: [{ interface: "lan1", slaId: 2 }] }],
  });
  assert.equal(sameProtocol(a, b), true);
  assert.equal(sameProtocol(a, { ...a, rapidCommit: true }), false);
});

Deno.test("agent: an interface absent at start waits for its link, then starts", async () => {
  await withRunningAgent({ extra: "wan9", only: ["wan9"] }, async (h, running) => {
    assert.deepEqual(h.engines.get("wan9")!.inputs, ["link down", "start 1000 fresh"]);
    assert.ok(h.log.includes("warn wan9: no such interface yet; waiting for it to appear"));
    await h.netEvents({
      type: "link",
      link: {
        index: 9,
        name: "wan9",
        hardwareType: 1,
        mac: new Uint8Array(6),
        up: true,
        carrier: true,
      },
    });
    assert.deepEqual(h.engines.get("wan9")!.inputs.slice(2), [], "no link-local yet");
    await h.netEvents({
      type: "address",
      interfaceIndex: 9,
      address: "fe80::9",
      prefixLength: 64,
      tentative: false,
      dadFailed: false,
      removed: false,
    });
    assert.deepEqual(h.engines.get("wan9")!.inputs.slice(2), ["link up"]);
    h.agent.signal("exit");
    await running;
  });
});

Deno.test("agent: on start, unreachable routes no saved lease holds are removed", async () => {
  const dir = await Deno.makeTempDir();
  try {
    // wan1's saved lease still holds 2001:db8:200::/56; nothing holds 2001:db8:100::/56.
    await Deno.writeTextFile(
      `${dir}/wan1.lease.json`,
      JSON.stringify({
        version: 1,
        interfaceName: "wan1",
        savedAt: 1_700_000_000_000 - 10_000,
        serverDuid: "000300010a0b0c0d0e0f",
        addresses: [],
        prefixes: [{
          iaid: 2,
          prefix: "2001:db8:200::",
          prefixLength: 56,
          preferredLifetime: 100,
          validLifetime: 200,
        }],
        options: [],
      }),
    );
    const h = harness(dir, {
      only: ["wan0"],
      routes: [
        { prefix: "2001:db8:100::", prefixLength: 56 },
        { prefix: "2001:db8:200::", prefixLength: 56 },
      ],
    });
    const running = h.agent.run();
    await settle();
    assert.deepEqual(h.order, ["del-route 2001:db8:100::/56"]);
    assert.ok(
      h.log.some((l) => /2001:db8:100::\/56 left by an earlier run/.test(l)),
      h.log.join("\n"),
    );
    h.agent.signal("exit");
    assert.equal(await running, 0);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("agent: a finished DAD reaches the engine once as ready; lifetime refreshes do not", async () => {
  await withRunningAgent({ only: ["wan0"] }, async (h, running) => {
    const event = (tentative: boolean, removed = false) => ({
      type: "address" as const,
      interfaceIndex: 2,
      address: "2001:db8:1::100",
      prefixLength: 128,
      tentative,
      dadFailed: false,
      removed,
    });
    // Added (tentative), DAD passed, then a Renew's lifetime update.
    await h.netEvents(event(true), event(false), event(false));
    // An address that was never tentative here, and one removed while tentative.
    await h.netEvents(
      { ...event(false), address: "2001:db8:1::200" },
      { ...event(true), address: "2001:db8:1::300" },
      { ...event(true, true), address: "2001:db8:1::300" },
      { ...event(false), address: "2001:db8:1::300" },
    );
    assert.deepEqual(h.engines.get("wan0")!.inputs.slice(1), ["ready 2001:db8:1::100"]);
    h.agent.signal("exit");
    await running;
  });
});

Deno.test("agent: engine events log at notice, state steps at info, an unready link-local at debug", async () => {
  const notReady = new ErrnoError("sendmsg to [ff02::1:2]:547", ERRNO.EADDRNOTAVAIL);
  await withRunningAgent({ sendError: notReady }, async (h, running) => {
    const wan0 = h.engines.get("wan0")!;
    wan0.actions.push(
      { type: "log", level: "info", message: "wan0: bound (REQUEST): addresses [], prefixes []" },
      { type: "state-changed", from: "requesting", to: "bound" },
      { type: "log", level: "debug", message: "a protocol decision" },
    );
    wan0.transmits.push({
      interfaceName: "wan0",
      destination: "ff02::1:2",
      bytes: new Uint8Array([1]),
    });
    await h.deliver([]);
    const mine = h.log.filter((line) => line.includes("wan0:") && !line.includes("starting"));
    assert.deepEqual(mine, [
      "notice wan0: bound (REQUEST): addresses [], prefixes []",
      "info wan0: requesting -> bound",
      "debug wan0: a protocol decision",
      "debug wan0: link-local address not ready yet (duplicate address detection); ff02::1:2 is tried again at the next retransmission",
    ]);
    // Long after the link came up the same failure is a fault worth a warning.
    h.setNow(1000 + 10_000);
    wan0.transmits.push({
      interfaceName: "wan0",
      destination: "ff02::1:2",
      bytes: new Uint8Array([1]),
    });
    await h.deliver([]);
    assert.equal(
      h.log.at(-1),
      "warn wan0: sending to ff02::1:2 failed: sendmsg to [ff02::1:2]:547 failed (EADDRNOTAVAIL) (no usable link-local address: is IPv6 enabled on wan0?)",
    );
    h.agent.signal("exit");
    await running;
    assert.ok(h.log.includes("notice exiting without release (SIGUSR1)"));
  });
});

Deno.test("agent: the engine hears of the link only with carrier and a link-local past DAD", async () => {
  const linkLocal = (tentative: boolean, removed = false) => ({
    type: "address" as const,
    interfaceIndex: 2,
    address: "fe80::2",
    prefixLength: 64,
    tentative,
    dadFailed: false,
    removed,
  });
  await withRunningAgent({
    only: ["wan0"],
    addresses: new Map([[2, [{ ...linkLocal(true), removed: undefined }]]]),
  }, async (h, running) => {
    const engine = h.engines.get("wan0")!;
    // Carrier at start, but the link-local address is still tentative: wait.
    assert.deepEqual(engine.inputs, ["link down", "start 1000 fresh"]);
    assert.ok(
      h.log.includes("info wan0: waiting for its link-local address (duplicate address detection)"),
    );
    const step = async (...events: NetEvent[]) => {
      const before = engine.inputs.length;
      await h.netEvents(...events);
      return engine.inputs.slice(before);
    };
    // A global address changes nothing; DAD finishing on the link-local brings the link up.
    assert.deepEqual(await step({ ...linkLocal(false), address: "2001:db8:1::100" }), []);
    assert.deepEqual(await step(linkLocal(false)), ["link up"]);
    assert.equal(h.log.at(-1), "notice wan0: link up");
    // The link-local removed: down though carrier stays; back when it returns past DAD.
    assert.deepEqual(await step(linkLocal(false, true)), ["link down"]);
    assert.equal(h.log.at(-1), "notice wan0: link down: no usable link-local address");
    assert.deepEqual(await step(linkLocal(true)), []);
    assert.deepEqual(await step(linkLocal(false)), ["link up"]);
    // Carrier loss as before; on regain the new link-local must pass DAD again.
    assert.deepEqual(
      await step({ type: "link", link: { ...wan0Link, carrier: false } }, linkLocal(false, true)),
      ["link down"],
    );
    assert.deepEqual(await step({ type: "link", link: { ...wan0Link, carrier: true } }), []);
    assert.equal(
      h.log.at(-1),
      "info wan0: carrier up; waiting for its link-local address (duplicate address detection)",
    );
    assert.deepEqual(await step(linkLocal(true), linkLocal(false)), ["link up"]);
    // A duplicate link-local: down, with a warning.
    assert.deepEqual(await step({ ...linkLocal(false), dadFailed: true }), ["link down"]);
    assert.equal(
      h.log.at(-2),
      "warn wan0: duplicate address detected on its link-local address fe80::2; DHCPv6 cannot send on it",
    );
    assert.deepEqual(await step(linkLocal(false)), ["link up"]);
    // Lost notifications: the addresses are read again.
    h.addresses.set(2, []);
    assert.deepEqual(await step({ type: "resync" }), ["link down"]);
    h.agent.signal("exit");
    await running;
  });
});

Deno.test("agent: addresses that cannot be read leave the carrier alone to decide", async () => {
  await withRunningAgent(
    { only: ["wan0"], addressError: new Error("EPERM: RTM_GETADDR") },
    async (h, running) => {
      assert.deepEqual(h.engines.get("wan0")!.inputs, ["start 1000 fresh"]);
      assert.ok(h.log.includes("warn wan0: reading its addresses failed: EPERM: RTM_GETADDR"));
      h.agent.signal("exit");
      await running;
    },
  );
});

Deno.test("agent: an upstream without any link-local address is named with a hint", async () => {
  await withRunningAgent({ only: ["wan0"], addresses: new Map([[2, []]]) }, async (h, running) => {
    assert.deepEqual(h.engines.get("wan0")!.inputs, ["link down", "start 1000 fresh"]);
    assert.ok(
      h.log.includes(
        "warn wan0: no IPv6 link-local address (is IPv6 enabled on wan0?); waiting for one",
      ),
    );
    h.agent.signal("exit");
    await running;
  });
});
