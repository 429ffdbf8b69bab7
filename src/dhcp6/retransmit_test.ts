import assert from "node:assert/strict";
import fc from "fast-check";
import {
  firstRt,
  IRT_DEFAULT,
  IRT_MINIMUM,
  limitsFor,
  MAX_WAIT_TIME,
  nextRt,
  randomFactor,
  Retransmission,
  TRANSMISSION_PARAMETERS,
} from "./retransmit.ts";

Deno.test("TRANSMISSION_PARAMETERS: the RFC 9915 §7.6 table", () => {
  const T = TRANSMISSION_PARAMETERS;
  assert.deepEqual(T.SOLICIT, { maxDelay: 1, irt: 1, mrt: 3600, mrc: 0, mrd: 0 });
  assert.deepEqual(T.REQUEST, { maxDelay: 0, irt: 1, mrt: 30, mrc: 10, mrd: 0 });
  assert.deepEqual(T.CONFIRM, { maxDelay: 1, irt: 1, mrt: 4, mrc: 0, mrd: 10 });
  assert.deepEqual(T.RENEW, { maxDelay: 0, irt: 10, mrt: 600, mrc: 0, mrd: 0 });
  assert.deepEqual(T.REBIND, { maxDelay: 0, irt: 10, mrt: 600, mrc: 0, mrd: 0 });
  assert.deepEqual(T.INFORMATION_REQUEST, { maxDelay: 1, irt: 1, mrt: 3600, mrc: 0, mrd: 0 });
  assert.deepEqual(T.RELEASE, { maxDelay: 0, irt: 1, mrt: 0, mrc: 4, mrd: 0 });
  assert.deepEqual(T.DECLINE, { maxDelay: 0, irt: 1, mrt: 0, mrc: 4, mrd: 0 });
  assert.deepEqual(T.RECONFIGURE, { maxDelay: 0, irt: 2, mrt: 0, mrc: 8, mrd: 0 });
  assert.equal(IRT_DEFAULT, 86400);
  assert.equal(IRT_MINIMUM, 600);
  assert.equal(MAX_WAIT_TIME, 60);
});

Deno.test("randomFactor: within ±0.1, and in (0, 0.1] when positive, even for a broken source", () => {
  fc.assert(fc.property(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (r) => {
    const f = randomFactor(() => r);
    const p = randomFactor(() => r, true);
    return f >= -0.1 && f < 0.1 && p > 0 && p <= 0.1;
  }));
  for (const bad of [NaN, -1, 1, 2, Infinity]) {
    const f = randomFactor(() => bad);
    assert.ok(f >= -0.1 && f <= 0.1, `source ${bad}`);
    assert.ok(randomFactor(() => bad, true) > 0);
  }
});

Deno.test("firstRt / nextRt: IRT ± 10 %, 2·RTprev ± 10 %, MRT ± 10 % once over MRT (§15)", () => {
  fc.assert(fc.property(
    fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
    fc.integer({ min: 1, max: 100_000 }),
    fc.integer({ min: 0, max: 4_000_000 }),
    (r, prev, mrt) => {
      const first = firstRt(prev, () => r);
      if (first < 0.9 * prev - 1e-9 || first > 1.1 * prev + 1e-9) return false;
      const above = firstRt(prev, () => r, true);
      if (!(above > prev)) return false;
      const rt = nextRt(prev, mrt, () => r);
      if (mrt > 0 && 2 * prev + (-0.1 + 0.2 * r) * prev > mrt) {
        return rt >= 0.9 * mrt - 1e-9 && rt <= 1.1 * mrt + 1e-9;
      }
      return rt >= 1.9 * prev - 1e-9 && rt <= 2.1 * prev + 1e-9;
    },
  ));
});

Deno.test("Retransmission: MRC counts transmissions, MRD and a deadline end the run", () => {
  const rel = new Retransmission(limitsFor("RELEASE"), () => 0.5);
  for (let i = 0; i < 4; i++) {
    rel.sent(rel.count === 0 ? 0 : rel.timeoutAt);
    assert.equal(rel.onTimeout(rel.timeoutAt), i < 3 ? "retransmit" : "fail");
  }
  assert.equal(rel.count, 4);

  const cnf = new Retransmission(limitsFor("CONFIRM"), () => 0.5);
  cnf.sent(100);
  assert.equal(cnf.deadline, 10_100);
  let t = 100;
  while (cnf.onTimeout(cnf.timeoutAt) === "retransmit") {
    t = cnf.timeoutAt;
    cnf.sent(t);
  }
  assert.ok(cnf.timeoutAt <= 10_100, "the last wait is cut at MRD");
  assert.equal(cnf.onTimeout(10_100), "fail");

  const ren = new Retransmission(limitsFor("RENEW", { deadline: 25_000 }), () => 0.5);
  ren.sent(0);
  assert.equal(ren.rt, 10_000);
  ren.sent(10_000);
  assert.equal(ren.timeoutAt, 25_000, "RT 20 s is cut at the deadline (T2)");
  assert.equal(ren.onTimeout(25_000), "fail");
});

Deno.test("Retransmission.setMrt: a new SOL_MAX_RT caps the following RTs", () => {
  const sol = new Retransmission(limitsFor("SOLICIT"), () => 0.5);
  sol.sent(0);
  for (let i = 0; i < 12; i++) sol.sent(sol.timeoutAt);
  assert.ok(sol.rt > 1000_000);
  sol.setMrt(60_000);
  sol.sent(sol.timeoutAt);
  assert.equal(sol.rt, 60_000);
});
