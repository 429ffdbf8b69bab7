/**
 * Behaviour 11 (RFC 9915 §16: nothing off the wire may throw out of the
 * engine), as a property: random configurations driven by random sequences
 * of inputs — mutated server answers, random datagrams, signed and forged
 * Reconfigures, link flaps, DAD results, commands, restarts with a saved
 * lease, hours of virtual time — never make the engine fault, and what it
 * sends and reports stays well-formed.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { encodeMessage } from "../../src/dhcp6/codec.ts";
import { INFINITY } from "../../src/dhcp6/constants.ts";
import type { ClientServerMessage } from "../../src/dhcp6/message.ts";
import type { Option } from "../../src/dhcp6/options/types.ts";
import { Simulation, testConfig } from "./harness.ts";
import { reconfigureKeyOption, serverA, signedReconfigure } from "./fixtures.ts";
import { seededRandom } from "./random.ts";
import { type Answer, type ScriptedServer, status } from "./server.ts";

const KEY = Uint8Array.from({ length: 16 }, (_, i) => i + 1);
const FORGED_KEY = KEY.map((b) => ~b & 0xff);
const LIFETIMES = [0, 1, 30, 600, 7200, INFINITY];

/** Mutates one answer at random: statuses, lifetimes, T1/T2, identifiers, bytes. */
function mutate(a: Answer, r: () => number): Answer {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const m = a.message;
  const life = (o: Option): Option =>
    o.name === "IAADDR" || o.name === "IAPREFIX"
      ? { ...o, preferredLifetime: pick(LIFETIMES), validLifetime: pick(LIFETIMES) }
      : o;
  const ias = (f: (o: Option) => Option): ClientServerMessage => ({
    ...m,
    options: m.options.map((o) => (o.name === "IA_NA" || o.name === "IA_PD" ? f(o) : o)),
  });
  switch (Math.floor(r() * 10)) {
    case 0:
      return a;
    case 1:
      return { message: { ...m, options: [...m.options, status(pick([1, 2, 3, 4, 6, 99]))] } };
    case 2:
      return {
        message: ias((o) =>
          o.name === "IA_NA" || o.name === "IA_PD"
            ? { ...o, options: [...o.options.map(life), status(pick([2, 3, 4, 6]))] }
            : o
        ),
      };
    case 3:
      return {
        message: ias((o) =>
          o.name === "IA_NA" || o.name === "IA_PD"
            ? { ...o, t1: pick(LIFETIMES), t2: pick(LIFETIMES), options: o.options.map(life) }
            : o
        ),
      };
    case 4:
      return {
        message: {
          ...m,
          options: m.options.filter((o) => o.name !== pick(["CLIENTID", "SERVERID"])),
        },
      };
    case 5:
      return { message: { ...m, type: pick([2, 7] as const) } };
    case 6:
      return {
        message: {
          ...m,
          options: [
            ...m.options,
            { name: "PREFERENCE", code: 7, value: pick([0, 255]) },
            { name: "SOL_MAX_RT", code: 82, seconds: pick([0, 60, 86400, INFINITY]) },
            { name: "INFORMATION_REFRESH_TIME", code: 32, seconds: pick(LIFETIMES) },
          ],
        },
      };
    case 7: {
      const bytes = encodeMessage(m);
      bytes[Math.floor(r() * bytes.length)] = Math.floor(r() * 256);
      return { message: m, bytes };
    }
    case 8: {
      const bytes = encodeMessage(m);
      return { message: m, bytes: bytes.slice(0, Math.floor(r() * bytes.length)) };
    }
    default:
      return { ...a, delay: Math.floor(r() * 3000) };
  }
}

function mutatingServer(seed: number): ScriptedServer {
  const r = seededRandom(seed);
  return serverA({
    extra: [{ name: "RECONF_ACCEPT", code: 20 }, reconfigureKeyOption(KEY, 1n)],
    script: (m, s) => r() < 0.15 ? [] : s.defaultAnswer(m).map((a) => mutate(a, r)),
  });
}

const step = fc.oneof(
  fc.record({
    op: fc.constant("wait" as const),
    ms: fc.oneof(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 0, max: 4_000_000 })),
  }),
  fc.record({ op: fc.constant("bytes" as const), data: fc.uint8Array({ maxLength: 120 }) }),
  fc.record({ op: fc.constant("link" as const), up: fc.boolean() }),
  fc.record({ op: fc.constant("dad" as const), failed: fc.boolean(), i: fc.nat(3) }),
  fc.record({
    op: fc.constant("command" as const),
    cmd: fc.constantFrom("renew", "rebind", "release", "stop") as fc.Arbitrary<
      "renew" | "rebind" | "release" | "stop"
    >,
  }),
  fc.record({
    op: fc.constant("reconfigure" as const),
    type: fc.constantFrom(5, 6, 11, 7),
    replay: fc.bigInt({ min: 0n, max: 20n }),
    good: fc.boolean(),
    multicast: fc.boolean(),
  }),
  fc.record({
    op: fc.constant("restart" as const),
    keep: fc.boolean(),
    // A wall clock behind the lease's: its age is unknown (the lease waits for a Rebind).
    clockBehind: fc.boolean(),
  }),
);

const configArb = fc.record({
  informationOnly: fc.boolean(),
  rapidCommit: fc.boolean(),
  reconfigureAccept: fc.boolean(),
  initialDelay: fc.boolean(),
  releaseOnStop: fc.boolean(),
  na: fc.integer({ min: 0, max: 2 }),
  pd: fc.integer({ min: 0, max: 2 }),
});

Deno.test("11: random input sequences over random configurations never fault the engine", () => {
  fc.assert(
    fc.property(
      configArb,
      fc.nat(),
      fc.array(step, { minLength: 10, maxLength: 60 }),
      (c, seed, steps) => {
        const config = testConfig({
          informationOnly: c.informationOnly,
          rapidCommit: c.rapidCommit,
          reconfigureAccept: c.reconfigureAccept,
          initialDelay: c.initialDelay,
          releaseOnStop: c.releaseOnStop,
          iaNa: Array.from({ length: c.na }, (_, i) => ({ iaid: i + 1, hints: [] })),
          iaPd: Array.from({ length: c.pd }, (_, i) => ({ iaid: i, hints: [] })),
        });
        const sim = new Simulation({ config, servers: [mutatingServer(seed)], seed }).start();
        for (const s of steps) {
          const now = sim.now;
          switch (s.op) {
            case "wait":
              sim.runFor(s.ms);
              break;
            case "bytes":
              sim.deliverAt(now, "fe80::66", s.data);
              sim.runFor(1);
              break;
            case "link":
              sim.link(s.up);
              break;
            case "dad": {
              const a = sim.client.status(now).addresses[s.i];
              if (a) sim.address(a.address, s.failed ? "dad-failed" : "ready");
              break;
            }
            case "command":
              sim.command(s.cmd);
              break;
            case "reconfigure":
              sim.deliverAt(
                now,
                "fe80::a",
                signedReconfigure(s.type, s.replay, s.good ? KEY : FORGED_KEY),
                s.multicast ? "ff02::1" : "2001:db8::100",
              );
              sim.runFor(1);
              break;
            case "restart": {
              const lease = sim.client.savedLease(now);
              sim.command("stop");
              sim.client.start(
                sim.now,
                s.keep && lease ? { ...lease, savedAt: 1_700_000_000_000 } : undefined,
                s.clockBehind ? 1_699_999_995_000 : 1_700_000_005_000,
              );
              sim.drain();
              break;
            }
          }
          const st = sim.client.status(sim.now);
          if (st.counters.dropped["internal-error"] !== undefined) {
            const fault = sim.logs().find((l) => l.includes("internal error"));
            assert.fail(`after ${s.op}: ${fault}`);
          }
          const next = sim.client.pollTimeout();
          assert.ok(next === undefined || Number.isFinite(next), `timeout ${next}`);
          for (const l of [...st.addresses, ...st.prefixes]) {
            assert.ok(l.validLifetime > 0, "no lease with a zero valid lifetime is held");
            assert.ok(l.preferredLifetime <= l.validLifetime, "preferred ≤ valid");
          }
        }
        assert.ok(sim.sent.every((t) => t.destination === "ff02::1:2"), "always multicast");
      },
    ),
    { numRuns: 300 },
  );
});
