/**
 * Timing details of behaviours 1 and 6 (RFC 9915 §15, §18.2.1, §18.2.4,
 * §21.9): where Elapsed Time counts from, which RAND may be negative, and
 * which T1/T2 govern a Renew when the IAs disagree.
 */
import assert from "node:assert/strict";
import { MessageType } from "../../src/dhcp6/constants.ts";
import type { Option } from "../../src/dhcp6/options/types.ts";
import { optionOf, Simulation, testConfig } from "./harness.ts";
import { serverA } from "./fixtures.ts";

const SEEDS = Array.from({ length: 40 }, (_, i) => 7 + i * 104_729);

Deno.test("1: Elapsed Time counts from the first transmission, not from the start of the delay", () => {
  let checked = 0;
  for (const seed of SEEDS) {
    const sim = new Simulation({ config: testConfig({ initialDelay: true }), seed }).start();
    sim.runFor(5000);
    const [first, second] = sim.sentOfType(MessageType.SOLICIT);
    // Only a delay of 10 ms or more tells the two starting points apart.
    if (first!.time < 10) continue;
    checked++;
    assert.equal(optionOf(first!.message, "ELAPSED_TIME")?.centiseconds, 0);
    assert.equal(
      optionOf(second!.message, "ELAPSED_TIME")?.centiseconds,
      Math.floor((second!.time - first!.time) / 10),
      `seed ${seed}: delay ${first!.time} ms must not count`,
    );
  }
  assert.ok(checked > SEEDS.length / 2, `only ${checked} seeds had a delay`);
});

Deno.test("1: RAND is forced above 0 only for the first Solicit RT; other RTs use the whole ±10 % band", () => {
  let requestBelowIrt = 0;
  let requestAboveIrt = 0;
  let solicitBelowDouble = 0;
  for (const seed of SEEDS) {
    const mute = serverA({ script: (m, s) => (m.type === 3 ? [] : s.defaultAnswer(m)) });
    const sim = new Simulation({ config: testConfig(), servers: [mute], seed }).start();
    sim.runFor(5000);
    const [r0, r1] = sim.sentOfType(MessageType.REQUEST).map((s) => s.time);
    if (r1! - r0! < 1000) requestBelowIrt++;
    if (r1! - r0! > 1000) requestAboveIrt++;

    const alone = new Simulation({ config: testConfig(), seed }).start();
    alone.runFor(5000);
    const [s0, s1, s2] = alone.sentOfType(MessageType.SOLICIT).map((s) => s.time);
    assert.ok(s1! - s0! > 1000, `seed ${seed}: first Solicit RT must exceed IRT`);
    if (s2! - s1! < 2 * (s1! - s0!)) solicitBelowDouble++;
  }
  assert.ok(requestBelowIrt > 0, "a Request's first RT may be below IRT");
  assert.ok(requestAboveIrt > 0, "a Request's first RT may be above IRT");
  assert.ok(solicitBelowDouble > 0, "later Solicit RTs may take a negative RAND");
});

/** IA_NA with T1 1000 s / T2 1600 s and IA_PD with T1 1800 s / T2 2880 s. */
function unevenServer() {
  return serverA({
    script: (m, s) => {
      if (m.type !== 3 && m.type !== 5 && m.type !== 6) return undefined;
      const ias = s.leases(m).map((o): Option =>
        o.name === "IA_NA" ? { ...o, t1: 1000, t2: 1600 } : o
      );
      return [{ message: s.response(m, 7, ias) }];
    },
  });
}

Deno.test("6: with IAs of different T1/T2, Renew starts at the earliest T1 and stops at the earliest T2", () => {
  for (const seed of SEEDS.slice(0, 10)) {
    const sim = new Simulation({ config: testConfig(), servers: [unevenServer()], seed }).start();
    sim.runFor(5000);
    const bound = sim.actionsOf("hook")[0]!.time;
    sim.serversReachable = false;
    sim.runFor(3000_000);
    const renew = sim.sentOfType(MessageType.RENEW).map((s) => s.time);
    const rebind = sim.sentOfType(MessageType.REBIND).map((s) => s.time);
    assert.equal(renew[0], bound + 1000_000, "Renew at the earliest T1 (IA_NA)");
    assert.ok(renew.length >= 5, `seed ${seed}: ${renew.length} Renews`);
    assert.ok(renew.at(-1)! < bound + 1600_000, "no Renew at or after the earliest T2");
    assert.equal(rebind[0], bound + 1600_000, "Rebind at the earliest T2 (IA_NA)");
    const m = sim.sentOfType(MessageType.RENEW)[0]!.message;
    assert.ok(optionOf(m, "IA_NA") && optionOf(m, "IA_PD"), "one Renew carries every IA");
    for (const type of [MessageType.RENEW, MessageType.REBIND]) {
      const oro = optionOf(sim.sentOfType(type)[0]!.message, "ORO")!;
      assert.ok(oro.codes.includes(82), `ORO of ${type} asks for SOL_MAX_RT`);
      assert.ok(!oro.codes.includes(32), `no INFORMATION_REFRESH_TIME in ${type}`);
    }
  }
});
