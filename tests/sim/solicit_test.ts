/** Behaviour 1 (RFC 9915 §18.2.1, §15, §21.9, §21.24): the Solicit exchange. */
import assert from "node:assert/strict";
import { MessageType } from "../../src/dhcp6/constants.ts";
import { optionOf, Simulation, testConfig } from "./harness.ts";
import { serverA } from "./fixtures.ts";
import { status } from "./server.ts";
import { scheduleViolations } from "./schedule.ts";

Deno.test("1: Solicit carries Client ID, Elapsed Time, every IA with hints, ORO with SOL_MAX_RT and PD_EXCLUDE; no Server ID", () => {
  const sim = new Simulation({ config: testConfig() }).start();
  sim.runFor(10_000);
  const [first, second] = sim.sentOfType(MessageType.SOLICIT);
  const m = first!.message;
  assert.deepEqual(optionOf(m, "CLIENTID")?.duid, testConfig().duid);
  assert.equal(optionOf(m, "SERVERID"), undefined);
  assert.equal(optionOf(m, "ELAPSED_TIME")?.centiseconds, 0, "0 in the first message");
  assert.deepEqual(
    optionOf(m, "ORO")?.codes,
    [23, 24, 82, 67],
    "PD_EXCLUDE: an IA_PD is asked for",
  );
  assert.equal(optionOf(m, "IA_NA")?.iaid, 1);
  const pd = optionOf(m, "IA_PD")!;
  assert.deepEqual(pd.options.map((o) => o.name === "IAPREFIX" && [o.prefix, o.prefixLength]), [[
    "::",
    56,
  ]]);
  assert.equal(optionOf(m, "RAPID_COMMIT"), undefined);
  const cs = optionOf(second!.message, "ELAPSED_TIME")!.centiseconds;
  assert.equal(
    cs,
    Math.floor((second!.time - first!.time) / 10),
    "centiseconds since the first transmission",
  );
});

Deno.test("1: Elapsed Time is capped at 0xffff", () => {
  const sim = new Simulation({ config: testConfig() }).start();
  sim.runFor(3 * 3600_000);
  const last = sim.sentOfType(MessageType.SOLICIT).at(-1)!;
  assert.ok(last.time > 655_350, "more than 0xffff cs have passed");
  assert.equal(optionOf(last.message, "ELAPSED_TIME")?.centiseconds, 0xffff);
});

Deno.test("1: one transaction id per exchange, a new one for the next", () => {
  const sim = new Simulation({ config: testConfig(), servers: [serverA()] }).start();
  sim.runFor(5000);
  const [sol] = sim.sentOfType(MessageType.SOLICIT);
  const [req] = sim.sentOfType(MessageType.REQUEST);
  assert.notEqual(sol!.message.transactionId, req!.message.transactionId);
});

Deno.test("1: a valid SOL_MAX_RT from an ignored Advertise caps Solicit RT; out-of-range values are ignored", () => {
  let n = 0;
  const stingy = serverA({
    script: (m, s) => {
      if (m.type !== 1) return [];
      n++;
      // An Advertise that is ignored (NoAddrsAvail) but carries SOL_MAX_RT (§18.2.9).
      const value = n === 1 ? 30 : 60; // 30 is out of range, 60 is valid
      return [{
        message: s.response(m, 2, [], [status(2, "none"), {
          name: "SOL_MAX_RT",
          code: 82,
          seconds: value,
        }]),
      }];
    },
  });
  const sim = new Simulation({ config: testConfig(), servers: [stingy] }).start();
  sim.runFor(3600_000);
  const t = sim.sentOfType(MessageType.SOLICIT).map((s) => s.time);
  assert.equal(sim.sentOfType(MessageType.REQUEST).length, 0, "the Advertises are ignored");
  assert.deepEqual(scheduleViolations(t, { irt: 1000, mrt: 60_000, firstAboveIrt: true }), []);
  const gaps = t.slice(1).map((x, i) => x - t[i]!);
  assert.ok(gaps.slice(-10).every((g) => g >= 54_000 && g <= 66_000), "RT capped at 60 s ± 10 %");
  assert.ok(sim.logs().some((l) => l.includes("ignoring SOL_MAX_RT 30")));
  assert.ok(sim.logs().some((l) => l.includes("SOL_MAX_RT set to 60 s")));
});

Deno.test("1: Advertises that disagree on SOL_MAX_RT leave the default: one rogue cannot set a day-long retry (§18.2.9)", () => {
  /** A server advertising nothing usable (NoAddrsAvail) with SOL_MAX_RT `seconds`, after `delay` ms. */
  const advertising = (seconds: number, delay: number, address: string) =>
    serverA({
      address,
      duid: Uint8Array.of(0, 2, 0, 0, 0, 9, Number.parseInt(address.slice(-2), 16)),
      script: (m, s) =>
        m.type === 1
          ? [{
            message: s.response(m, 2, [], [status(2, "none"), {
              name: "SOL_MAX_RT",
              code: 82,
              seconds,
            }]),
            delay,
          }]
          : [],
    });
  for (const seed of [1, 2, 3, 4, 5]) {
    // The honest server answers first, the rogue one last: the last value must not win.
    const sim = new Simulation({
      config: testConfig(),
      servers: [advertising(600, 5, "fe80::a"), advertising(86400, 10, "fe80::66")],
      seed,
    }).start();
    sim.runFor(12 * 3600_000);
    const t = sim.sentOfType(MessageType.SOLICIT).map((s) => s.time);
    assert.deepEqual(
      scheduleViolations(t, { irt: 1000, mrt: 3600_000, firstAboveIrt: true }),
      [],
      `seed ${seed}: the default SOL_MAX_RT caps the RT`,
    );
    assert.ok(t.length >= 20, `seed ${seed}: still soliciting hourly (${t.length})`);
    const warn = sim.actionsOf("log").find((a) =>
      a.action.message.includes("Advertises disagree on SOL_MAX_RT (600 s, 86400 s)")
    );
    assert.equal(warn?.action.level, "warn");
  }
  // Alone, or when all agree, a valid value is used as the server asks (§21.24).
  const alone = new Simulation({
    config: testConfig(),
    servers: [advertising(600, 5, "fe80::a"), advertising(600, 10, "fe80::b")],
  }).start();
  alone.runFor(3 * 3600_000);
  const t = alone.sentOfType(MessageType.SOLICIT).map((s) => s.time);
  assert.deepEqual(scheduleViolations(t, { irt: 1000, mrt: 600_000, firstAboveIrt: true }), []);
  assert.ok(t.at(-1)! - t.at(-2)! <= 660_000);
});
