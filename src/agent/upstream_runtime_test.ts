import assert from "node:assert/strict";
import { decodeMessage, encodeMessage } from "../dhcp6/codec.ts";
import type { ClientServerMessage } from "../dhcp6/message.ts";
import { Dhcp6Client } from "../dhcp6/client/mod.ts";
import type { InterfaceConfig } from "../config/types.ts";
import { seededRandom } from "../../tests/sim/random.ts";
import { testConfig } from "../../tests/sim/harness.ts";
import { serverA } from "../../tests/sim/fixtures.ts";
import { HookQueue } from "./hook_queue.ts";
import type { AddressSpec, HookRequest, InterfaceAddress, LinkInfo } from "./ports.ts";
import { UpstreamRuntime } from "./upstream_runtime.ts";
import { testInterface, testLink } from "../../tests/fakes/interfaces.ts";

const WAN: LinkInfo = testLink();
const LAN: LinkInfo = { ...WAN, index: 3, name: "lan0", mac: Uint8Array.of(2, 0, 0, 0, 0, 3) };

const IFACE: InterfaceConfig = testInterface({
  iaPd: [{ iaid: 0, prefixes: [], delegate: [{ interface: "lan0", slaId: 1 }] }],
  script: "/etc/edge6/hook.sh",
});

/**
 * A runtime over fake ports and a real engine: the kernel is a list of
 * operations, the wire a list of sent messages answered by a scripted server
 * on demand, the clock a number the test moves.
 */
async function fixture(
  options: {
    tentative?: boolean;
    /** The engine's wait for the RELEASE hook (ms); absent: none. */
    releaseHookWait?: number;
    /** Runs a hook; default: ends at once. */
    runHook?: (request: HookRequest) => Promise<void>;
    /** Configure no hook script. */
    noScript?: boolean;
  } = {},
) {
  const dir = await Deno.makeTempDir();
  let now = 1_000;
  const kernel: string[] = [];
  const sent: ClientServerMessage[] = [];
  /** LAN-side notices and sends, in the order they happened. */
  const order: string[] = [];
  const hooks: HookRequest[] = [];
  const log: string[] = [];
  const linkLocal: InterfaceAddress = {
    address: "fe80::1",
    prefixLength: 64,
    tentative: options.tentative ?? false,
    dadFailed: false,
  };
  const links = new Map([[WAN.name, WAN], [LAN.name, LAN]]);
  const logger = { log: (level: string, message: string) => log.push(`${level} ${message}`) };
  let wakes = 0;
  const config = testConfig(
    options.releaseHookWait === undefined ? {} : { releaseHookWait: options.releaseHookWait },
  );
  const { script: _script, ...withoutScript } = IFACE;
  const iface: InterfaceConfig = options.noScript ? withoutScript : IFACE;
  const runtime = new UpstreamRuntime(iface, config, {
    clock: { monotonic: () => now, wall: () => 1_700_000_000_000 + now },
    net: {
      links: () => Promise.resolve([...links.values()]),
      addresses: () => Promise.resolve([linkLocal]),
      setAddress: (s: AddressSpec) => (
        kernel.push(`set ${s.address}/${s.prefixLength} ${s.preferredLifetime}/${s.validLifetime}`),
          Promise.resolve()
      ),
      removeAddress: (_i, a, l) => (kernel.push(`del ${a}/${l}`), Promise.resolve()),
      setUnreachableRoute: (p, l) => (kernel.push(`route ${p}/${l}`), Promise.resolve()),
      removeUnreachableRoute: (p, l) => (kernel.push(`del-route ${p}/${l}`), Promise.resolve()),
      unreachableRoutes: () => Promise.resolve([]),
    },
    transport: {
      send: (index, destination, bytes) => {
        assert.equal(index, WAN.index);
        assert.equal(destination, "ff02::1:2");
        sent.push(decodeMessage(bytes) as ClientServerMessage);
        order.push(`send ${sent.at(-1)!.type}`);
      },
    },
    links: {
      get: (name) => links.get(name),
      addresses: () => Promise.resolve([linkLocal]),
    },
    hooks: new HookQueue({
      run: (r) => (hooks.push(r), options.runHook?.(r) ?? Promise.resolve()),
    }, logger),
    engines: (config, random) => new Dhcp6Client(config, random),
    random: seededRandom(7),
    logger,
    stateDir: () => dir,
    changed: () => {},
    lanChanged: () => (order.push("lan changed"), Promise.resolve()),
    wake: () => wakes++,
  });
  const server = serverA();
  return {
    runtime,
    kernel,
    sent,
    order,
    hooks,
    log,
    dir,
    setNow: (t: number) => (now = t),
    get wakes() {
      return wakes;
    },
    get now() {
      return now;
    },
    /** Lets the server answer the last message sent, and drains the runtime. */
    async answer(): Promise<void> {
      const last = sent.at(-1);
      assert.ok(last, "something was sent");
      for (const a of server.handle(last)) {
        runtime.handleDatagram(now, {
          bytes: encodeMessage(a.message),
          source: server.address,
          interfaceIndex: WAN.index,
          destination: "fe80::1",
        });
      }
      await runtime.drain();
    },
    /** Fires the runtime's timer at its due time, and drains. */
    async fire(): Promise<void> {
      const due = runtime.pollTimeout();
      assert.ok(due !== undefined, "a timer is set");
      now = Math.max(now, due);
      runtime.fireTimer(now);
      await runtime.drain();
    },
    async cleanup() {
      await runtime.drain();
      await Deno.remove(dir, { recursive: true });
    },
  };
}

Deno.test("upstream runtime: bind, renew and release without the loop", async () => {
  const f = await fixture();
  try {
    await f.runtime.start();
    await f.runtime.drain();
    // Solicit goes out at once (no initial delay); the server's Advertise leads to a Request.
    if (f.sent.length === 0) await f.fire();
    assert.equal(f.sent.at(-1)?.type, 1, "Solicit");
    await f.answer();
    await f.fire(); // the Advertise is collected for its first RT before Request
    assert.equal(f.sent.at(-1)?.type, 3, "Request");
    await f.answer();

    const status = f.runtime.status(f.now);
    assert.equal(status.client.state, "bound");
    assert.deepEqual(status.client.addresses.map((a) => a.address), ["2001:db8::100"]);
    assert.deepEqual(status.downstream.map((d) => `${d.interface} ${d.prefix}/${d.prefixLength}`), [
      "lan0 2001:db8:1000:1::/64",
    ]);
    // The kernel got the WAN address, the unreachable route and the LAN address, then the hook ran.
    assert.ok(f.kernel.includes("set 2001:db8::100/128 3600/7200"), f.kernel.join("\n"));
    assert.ok(f.kernel.includes("route 2001:db8:1000::/56"), f.kernel.join("\n"));
    assert.ok(
      f.kernel.some((k) => k.startsWith("set 2001:db8:1000:1:") && k.endsWith("/64 3600/7200")),
    );
    assert.deepEqual(f.hooks.map((h) => h.reason), ["REQUEST"]);
    assert.equal(f.hooks[0]!.lan.length, 1, "the hook sees the LAN subnet");
    const saved = JSON.parse(await Deno.readTextFile(`${f.dir}/wan0.lease.json`));
    assert.equal(saved.addresses[0].address, "2001:db8::100");

    // At T1 (1800 s) the engine renews; the Reply refreshes the lifetimes in the kernel.
    f.kernel.length = 0;
    await f.fire();
    assert.equal(f.sent.at(-1)?.type, 5, "Renew");
    assert.ok(f.now >= 1_000 + 1_800_000, `renewed at T1, not before (at ${f.now} ms)`);
    await f.answer();
    assert.equal(f.runtime.status(f.now).client.state, "bound");
    assert.ok(f.kernel.includes("set 2001:db8::100/128 3600/7200"), f.kernel.join("\n"));
    assert.deepEqual(f.hooks.map((h) => h.reason), ["REQUEST", "RENEW"]);

    // Release: everything derived from the prefix leaves the kernel before the Release is sent.
    f.kernel.length = 0;
    const sentBefore = f.sent.length;
    f.runtime.command(f.now, "release");
    await f.runtime.drain();
    assert.equal(f.sent.at(-1)?.type, 8, "Release");
    assert.equal(f.sent.length, sentBefore + 1);
    assert.deepEqual(f.order.slice(-2), ["lan changed", "send 8"], "the LAN hears first");
    assert.ok(f.kernel.includes("del 2001:db8::100/128"), f.kernel.join("\n"));
    assert.ok(f.kernel.includes("del-route 2001:db8:1000::/56"), f.kernel.join("\n"));
    assert.ok(f.kernel.some((k) => k.startsWith("del 2001:db8:1000:1:")), f.kernel.join("\n"));
    await f.answer();
    const after = f.runtime.status(f.now);
    assert.deepEqual(after.client.addresses, []);
    assert.deepEqual(after.downstream, []);
    assert.equal(f.hooks.at(-1)?.reason, "RELEASE");
  } finally {
    await f.cleanup();
  }
});

Deno.test("upstream runtime: a tentative link-local address keeps the engine quiet until DAD ends", async () => {
  const f = await fixture({ tentative: true });
  try {
    await f.runtime.start();
    await f.runtime.drain();
    assert.ok(
      f.log.some((l) => l.includes("wan0: waiting for its link-local address")),
      f.log.join("\n"),
    );
    // Whatever timers the engine keeps, nothing goes out while the link is not usable.
    for (let i = 0; i < 5 && f.runtime.pollTimeout() !== undefined; i++) await f.fire();
    assert.equal(f.sent.length, 0, "nothing sent");
    f.runtime.linkInput(
      { type: "address", report: { address: "fe80::1", tentative: false, dadFailed: false } },
      f.now,
    );
    await f.runtime.drain();
    assert.ok(f.log.some((l) => l === "notice wan0: link up"), f.log.join("\n"));
    if (f.sent.length === 0) await f.fire();
    assert.equal(f.sent[0]?.type, 1, "the first Solicit goes out once DAD is done");
  } finally {
    await f.cleanup();
  }
});

Deno.test("upstream runtime: a Release waits for its hook; the LAN, then the hook, then the server", async () => {
  let finishHook: (() => void) | undefined;
  const order: string[] = [];
  const f = await fixture({
    releaseHookWait: 35_000,
    runHook: (r) => {
      if (r.reason !== "RELEASE") return Promise.resolve();
      order.push("hook started");
      return new Promise<void>((done) => (finishHook = () => (order.push("hook ended"), done())));
    },
  });
  try {
    await f.runtime.start();
    await f.runtime.drain();
    if (f.sent.length === 0) await f.fire();
    await f.answer();
    await f.fire();
    await f.answer();
    assert.equal(f.runtime.status(f.now).client.state, "bound");
    const sentBefore = f.sent.length;
    f.order.length = 0;
    f.kernel.length = 0;
    f.runtime.command(f.now, "release");
    await f.runtime.drain();
    // The prefix left the kernel and the LAN side heard of it; the hook runs; nothing sent yet.
    assert.ok(f.kernel.some((k) => k.startsWith("del 2001:db8:1000:1:")), f.kernel.join("\n"));
    assert.deepEqual(f.order, ["lan changed"]);
    assert.deepEqual(order, ["hook started"]);
    assert.equal(f.sent.length, sentBefore, "the Release waits for the hook");
    const hook = f.hooks.at(-1)!;
    assert.equal(hook.reason, "RELEASE");
    assert.deepEqual(hook.status.prefixes, [], "the hook sees the state after the withdrawal");
    assert.deepEqual(hook.lan, [], "and no LAN subnet");
    // The loop goes on meanwhile: a drain sends nothing.
    await f.runtime.drain();
    assert.equal(f.sent.length, sentBefore);
    finishHook!();
    await new Promise((r) => setTimeout(r, 0));
    assert.equal(f.wakes, 1, "the loop is woken");
    await f.runtime.drain();
    assert.deepEqual(order, ["hook started", "hook ended"]);
    assert.equal(f.sent.length, sentBefore + 1);
    assert.equal(f.sent.at(-1)?.type, 8, "Release");
    assert.deepEqual(f.order, ["lan changed", "send 8"]);
  } finally {
    await f.cleanup();
  }
});

Deno.test("upstream runtime: without a script, a held Release goes out at once", async () => {
  const f = await fixture({ releaseHookWait: 35_000, noScript: true });
  try {
    await f.runtime.start();
    await f.runtime.drain();
    if (f.sent.length === 0) await f.fire();
    await f.answer();
    await f.fire();
    await f.answer();
    f.runtime.command(f.now, "release");
    await f.runtime.drain();
    assert.equal(f.sent.at(-1)?.type, 8, "Release");
    assert.deepEqual(f.hooks, []);
  } finally {
    await f.cleanup();
  }
});
