/**
 * Issue 9, item 1 (RFC 9915 §15, §18.2.1, §18.2.10.1, §21.24): a server that
 * answers but never delivers (every IA NoAddrsAvail / NoPrefixAvail, or
 * NotOnLink) must not draw a Solicit storm. Each round that binds nothing
 * counts as unanswered: discovery backs off, the RT doubling up to
 * SOL_MAX_RT, the server's SOL_MAX_RT honoured.
 */
import assert from "node:assert/strict";
import { MessageType } from "../../src/dhcp6/constants.ts";
import type { ClientServerMessage } from "../../src/dhcp6/message.ts";
import type { Option } from "../../src/dhcp6/options/types.ts";
import { Simulation, testConfig } from "./harness.ts";
import { serverA } from "./fixtures.ts";
import { type ScriptedServer, status } from "./server.ts";
import { scheduleViolations } from "./schedule.ts";

const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8];
const HOUR = 3600_000;

/** The IAs the client asked for, each with NoAddrsAvail or NoPrefixAvail (§21.13). */
function refusedIas(m: ClientServerMessage, s: ScriptedServer): Option[] {
  return s.leases(m).map((o) =>
    o.name === "IA_NA"
      ? { ...o, options: [status(2, "pool exhausted")] }
      : o.name === "IA_PD"
      ? { ...o, options: [status(6, "pool exhausted")] }
      : o
  );
}

/** A rapid-commit server whose Reply never holds a lease; `extra` goes in every answer. */
function exhaustedRapidCommit(extra: Option[] = []): ScriptedServer {
  return serverA({
    rapidCommit: true,
    extra,
    script: (m, s) =>
      m.type === 1
        ? [{ message: s.response(m, 7, refusedIas(m, s), [{ name: "RAPID_COMMIT", code: 14 }]) }]
        : undefined,
  });
}

/** A server that advertises leases but refuses every Request (NoAddrsAvail, NoPrefixAvail). */
function refusesRequests(preference?: number): ScriptedServer {
  return serverA({
    ...(preference !== undefined ? { preference } : {}),
    script: (
      m,
      s,
    ) => (m.type === 3 ? [{ message: s.response(m, 7, refusedIas(m, s)) }] : undefined),
  });
}

const times = (sim: Simulation, type?: number) =>
  (type === undefined ? sim.sent : sim.sentOfType(type)).map((s) => s.time);

Deno.test("1: a rapid-commit server that never delivers gets fewer than 20 messages in the first hour", () => {
  for (const seed of SEEDS) {
    const sim = new Simulation({
      config: testConfig({ rapidCommit: true }),
      servers: [exhaustedRapidCommit()],
      seed,
    }).start();
    sim.runFor(HOUR);
    const sent = times(sim);
    assert.ok(sent.length < 20, `seed ${seed}: ${sent.length} messages in the first hour`);
    assert.equal(sent.length, times(sim, MessageType.SOLICIT).length, "only Solicits");
    // The Solicits follow §15 exactly as if no server had answered.
    assert.deepEqual(
      scheduleViolations(sent, { irt: 1000, mrt: 3600_000, firstAboveIrt: true }),
      [],
      `seed ${seed}`,
    );
    assert.equal(sim.client.status(sim.now).state, "soliciting");
    assert.equal(sim.actionsOf("hook").length, 0);
    assert.ok(sim.logs().some((l) => l.includes("backing off: next SOLICIT in")));
  }
});

Deno.test("1: a server that advertises but refuses every Request gets fewer than 20 messages in the first hour", () => {
  for (const preference of [undefined, 255]) {
    for (const seed of SEEDS) {
      const sim = new Simulation({
        config: testConfig(),
        servers: [refusesRequests(preference)],
        seed,
      }).start();
      sim.runFor(HOUR);
      const what = `seed ${seed}, preference ${preference ?? "none"}`;
      assert.ok(sim.sent.length < 20, `${what}: ${sim.sent.length} messages in the first hour`);
      const solicits = times(sim, MessageType.SOLICIT);
      const requests = times(sim, MessageType.REQUEST);
      assert.ok(solicits.length >= 5, `${what}: discovery goes on (${solicits.length} Solicits)`);
      assert.equal(requests.length, solicits.length, "one Request per round");
      // Rounds grow apart: each gap at least 1.9 times the one before, up to SOL_MAX_RT.
      const gaps = solicits.slice(1).map((t, i) => t - solicits[i]!);
      for (let i = 1; i < gaps.length; i++) {
        assert.ok(
          gaps[i]! >= Math.min(1.9 * gaps[i - 1]!, 0.9 * 3600_000),
          `${what}: gap ${gaps[i]} after ${gaps[i - 1]}`,
        );
      }
    }
  }
});

Deno.test("1: NotOnLink to every Request draws no storm either", () => {
  for (const seed of SEEDS) {
    const notOnLink = serverA({
      script: (m, s) =>
        m.type === 3 ? [{ message: s.response(m, 7, [], [status(4, "wrong link")]) }] : undefined,
    });
    const sim = new Simulation({ config: testConfig(), servers: [notOnLink], seed }).start();
    sim.runFor(HOUR);
    assert.ok(sim.sent.length < 20, `seed ${seed}: ${sim.sent.length} messages in the first hour`);
    assert.ok(sim.sentOfType(MessageType.REQUEST).length >= 5);
  }
});

Deno.test("1: the server's SOL_MAX_RT caps the back-off, low or high", () => {
  for (const seed of SEEDS) {
    const low = new Simulation({
      config: testConfig({ rapidCommit: true }),
      servers: [exhaustedRapidCommit([{ name: "SOL_MAX_RT", code: 82, seconds: 600 }])],
      seed,
    }).start();
    low.runFor(6 * HOUR);
    const t = times(low, MessageType.SOLICIT);
    assert.deepEqual(
      scheduleViolations(t, { irt: 1000, mrt: 600_000, firstAboveIrt: true }),
      [],
      `seed ${seed}`,
    );
    const gaps = t.slice(1).map((x, i) => x - t[i]!);
    assert.ok(gaps.slice(-10).every((g) => g >= 540_000 && g <= 660_000), "RT at 600 s ± 10 %");

    const high = new Simulation({
      config: testConfig({ rapidCommit: true }),
      servers: [exhaustedRapidCommit([{ name: "SOL_MAX_RT", code: 82, seconds: 7200 }])],
      seed,
    }).start();
    high.runFor(12 * HOUR);
    const h = times(high, MessageType.SOLICIT);
    assert.deepEqual(
      scheduleViolations(h, { irt: 1000, mrt: 7200_000, firstAboveIrt: true }),
      [],
      `seed ${seed}`,
    );
    assert.ok(h.at(-1)! - h.at(-2)! > 1.1 * 3600_000, "RT grows past the default SOL_MAX_RT");
  }
});

Deno.test("1: once the server can deliver, the backed-off discovery binds at its next round", () => {
  for (const seed of SEEDS) {
    let refusing = true;
    const server = serverA({
      preference: 10,
      script: (m, s) =>
        m.type === 3 && refusing ? [{ message: s.response(m, 7, refusedIas(m, s)) }] : undefined,
    });
    const sim = new Simulation({ config: testConfig(), servers: [server], seed }).start();
    sim.runFor(10 * 60_000);
    const before = sim.sentOfType(MessageType.SOLICIT).length;
    refusing = false;
    assert.ok(sim.runUntilTrue(() => sim.client.status(sim.now).state === "bound", HOUR));
    const last = sim.sentOfType(MessageType.SOLICIT).at(-1)!;
    assert.equal(sim.sentOfType(MessageType.SOLICIT).length, before + 1, "the very next round");
    // A backed-off Solicit acts on the Advertise at once instead of collecting for a long RT.
    assert.equal(sim.sentOfType(MessageType.REQUEST).at(-1)!.time, last.time + 5);
    // Bound: a later discovery starts from IRT again.
    sim.command("release").runFor(1000);
    sim.command("renew").runFor(100);
    const fresh = sim.sentOfType(MessageType.SOLICIT).at(-1)!.time;
    assert.ok(sim.client.pollTimeout()! - fresh <= 1100, "first RT of a fresh discovery ≤ 1.1 s");
  }
});
