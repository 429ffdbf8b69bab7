/**
 * Faults around an upstream runtime on the virtual clock, with the real
 * engine and a scripted server (issue 9, items 17 and 19): a hook that never
 * finishes, and a state directory that refuses every save. In both, the
 * exchange goes on exactly on time: Renew at T1 (RFC 9915 §18.2.4).
 */
import assert from "node:assert/strict";
import { decodeMessage, encodeMessage } from "../dhcp6/codec.ts";
import type { ClientServerMessage } from "../dhcp6/message.ts";
import { Dhcp6Client } from "../dhcp6/client/mod.ts";
import type { InterfaceConfig } from "../config/types.ts";
import { seededRandom } from "../../tests/sim/random.ts";
import { testConfig } from "../../tests/sim/harness.ts";
import { serverA } from "../../tests/sim/fixtures.ts";
import { HookQueue } from "./hook_queue.ts";
import type { HookPort, HookRequest, InterfaceAddress, LinkInfo } from "./ports.ts";
import { UpstreamRuntime } from "./upstream_runtime.ts";
import { testInterface, testLink } from "../../tests/fakes/interfaces.ts";

const WAN: LinkInfo = testLink();

const IFACE: InterfaceConfig = testInterface({ script: "/etc/edge6/hook.sh" });

/** Message types (RFC 9915 §7.3). */
const SOLICIT = 1, REQUEST = 3, RENEW = 5;

/** T1 of the scripted server's leases, ms (serverA: 1800 s). */
const T1_MS = 1_800_000;

/** A runtime over fake kernel ports, the real engine and serverA; the clock is `now`. */
function fixture(stateDir: string, hooks: HookPort) {
  let now = 1_000;
  const sent: { time: number; message: ClientServerMessage }[] = [];
  const log: string[] = [];
  const logger = { log: (level: string, message: string) => log.push(`${level} ${message}`) };
  const linkLocal: InterfaceAddress = {
    address: "fe80::1",
    prefixLength: 64,
    tentative: false,
    dadFailed: false,
  };
  const runtime = new UpstreamRuntime(IFACE, testConfig({ iaPd: [] }), {
    clock: { monotonic: () => now, wall: () => 1_700_000_000_000 + now },
    net: {
      links: () => Promise.resolve([WAN]),
      addresses: () => Promise.resolve([linkLocal]),
      setAddress: () => Promise.resolve(),
      removeAddress: () => Promise.resolve(),
      setUnreachableRoute: () => Promise.resolve(),
      removeUnreachableRoute: () => Promise.resolve(),
      unreachableRoutes: () => Promise.resolve([]),
    },
    transport: {
      send: (_index, _destination, bytes) => {
        sent.push({ time: now, message: decodeMessage(bytes) as ClientServerMessage });
      },
    },
    links: {
      get: (name) => name === WAN.name ? WAN : undefined,
      addresses: () => Promise.resolve([linkLocal]),
    },
    hooks: new HookQueue(hooks, logger),
    engines: (config, random) => new Dhcp6Client(config, random),
    random: seededRandom(7),
    logger,
    stateDir: () => stateDir,
    changed: () => {},
  });
  const server = serverA();
  const answer = async () => {
    for (const a of server.handle(sent.at(-1)!.message)) {
      runtime.handleDatagram(now, {
        bytes: encodeMessage(a.message),
        source: server.address,
        interfaceIndex: WAN.index,
        destination: "fe80::1",
      });
    }
    await runtime.drain();
  };
  const fire = async () => {
    const due = runtime.pollTimeout();
    assert.ok(due !== undefined, "a timer is set");
    now = Math.max(now, due);
    runtime.fireTimer(now);
    await runtime.drain();
  };
  /** Solicit, Advertise, Request, Reply: bound at the returned time. */
  const bind = async (): Promise<number> => {
    await runtime.start();
    await runtime.drain();
    if (sent.length === 0) await fire();
    assert.equal(sent.at(-1)?.message.type, SOLICIT);
    await answer();
    await fire();
    assert.equal(sent.at(-1)?.message.type, REQUEST);
    await answer();
    assert.equal(runtime.status(now).client.state, "bound");
    return now;
  };
  return {
    runtime,
    sent,
    log,
    answer,
    fire,
    bind,
    get now() {
      return now;
    },
  };
}

Deno.test("a hook that never finishes holds back no Renew: each goes out at T1", async () => {
  const dir = await Deno.makeTempDir();
  const started: HookRequest[] = [];
  // Every run hangs, as a script that never exits before its timeout.
  const stuck: HookPort = { run: (r) => (started.push(r), new Promise<void>(() => {})) };
  try {
    const f = fixture(dir, stuck);
    let bound = await f.bind();
    for (let renewal = 0; renewal < 3; renewal++) {
      await f.fire();
      const renew = f.sent.at(-1)!;
      assert.equal(renew.message.type, RENEW);
      assert.equal(renew.time, bound + T1_MS, `renewal ${renewal} at T1`);
      await f.answer();
      assert.equal(f.runtime.status(f.now).client.state, "bound");
      bound = f.now;
    }
    // Each event still asked for its hook, none of them finished.
    assert.deepEqual(started.map((r) => r.reason), ["REQUEST", "RENEW", "RENEW", "RENEW"]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a state directory that refuses every save: renewals on time, one error line", async () => {
  const dir = await Deno.makeTempDir();
  try {
    // A regular file where the state directory should be: every save fails with ENOTDIR.
    await Deno.writeTextFile(`${dir}/state`, "");
    const f = fixture(`${dir}/state`, { run: () => Promise.resolve() });
    let bound = await f.bind();
    for (let renewal = 0; renewal < 3; renewal++) {
      await f.fire();
      assert.equal(f.sent.at(-1)!.message.type, RENEW);
      assert.equal(f.sent.at(-1)!.time, bound + T1_MS);
      await f.answer();
      bound = f.now;
    }
    const saves = f.log.filter((l) => l.includes("wan0: saving the lease in"));
    assert.equal(saves.filter((l) => l.startsWith("error ")).length, 1, saves.join("\n"));
    assert.ok(saves.filter((l) => l.startsWith("debug ")).length >= 3, saves.join("\n"));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
