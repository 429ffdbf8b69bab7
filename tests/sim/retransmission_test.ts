/**
 * The retransmission schedule of every client message type, checked against
 * RFC 9915 §15 and the §7.6 table over many seeds: each RT in its ±10 % band,
 * MRT, MRC and MRD honoured.
 */
import assert from "node:assert/strict";
import { MessageType } from "../../src/dhcp6/constants.ts";
import { Simulation, testConfig } from "./harness.ts";
import { serverA } from "./fixtures.ts";
import { scheduleViolations } from "./schedule.ts";

const SEEDS = Array.from({ length: 40 }, (_, i) => 1000 + i * 7919);
const times = (sim: Simulation, type: number) => sim.sentOfType(type).map((s) => s.time);

/** A bound client whose server then disappears. */
function boundThenSilent(seed: number): Simulation {
  const sim = new Simulation({ config: testConfig(), servers: [serverA()], seed }).start();
  sim.runFor(5000);
  assert.equal(sim.client.status(sim.now).state, "bound");
  sim.serversReachable = false;
  return sim;
}

Deno.test("SOLICIT: IRT 1 s (first RT > IRT), MRT 3600 s, no MRC/MRD, one transaction id", () => {
  for (const seed of SEEDS) {
    const sim = new Simulation({ config: testConfig(), seed }).start();
    sim.runFor(6 * 3600_000);
    const t = times(sim, MessageType.SOLICIT);
    assert.ok(t.length >= 15, `seed ${seed}: only ${t.length} Solicits in 6 h`);
    assert.deepEqual(
      scheduleViolations(t, { irt: 1000, mrt: 3600_000, firstAboveIrt: true }),
      [],
      `seed ${seed}`,
    );
    const xids = new Set(sim.sentOfType(MessageType.SOLICIT).map((s) => s.message.transactionId));
    assert.equal(xids.size, 1, "retransmissions keep the transaction id (§16.1)");
  }
});

Deno.test("SOLICIT: first one delayed 0–SOL_MAX_DELAY when configured", () => {
  const delays = SEEDS.map((seed) => {
    const sim = new Simulation({ config: testConfig({ initialDelay: true }), seed, start: 500 })
      .start();
    assert.equal(sim.sent.length, 0, "nothing is sent before the delay");
    assert.equal(sim.client.status(sim.now).state, "init-delay");
    sim.runFor(1000);
    const first = sim.sentOfType(MessageType.SOLICIT)[0];
    assert.ok(first, `seed ${seed}: no Solicit within SOL_MAX_DELAY`);
    return first.time - 500;
  });
  assert.ok(delays.every((d) => d >= 0 && d <= 1000));
  assert.ok(new Set(delays).size > SEEDS.length / 2, "delays are random");
});

Deno.test("REQUEST: IRT 1 s, MRT 30 s, MRC 10, then back to Solicit", () => {
  for (const seed of SEEDS) {
    const server = serverA({ script: (m, s) => (m.type === 3 ? [] : s.defaultAnswer(m)) });
    const sim = new Simulation({ config: testConfig(), servers: [server], seed }).start();
    sim.runFor(400_000);
    const req = sim.sentOfType(MessageType.REQUEST);
    const firstTen = req.slice(0, 10).map((s) => s.time);
    assert.deepEqual(scheduleViolations(firstTen, { irt: 1000, mrt: 30_000 }), [], `seed ${seed}`);
    // After the 10th Request's RT, a new Solicit goes out (not an 11th Request).
    const solicitsAfter = sim.sentOfType(MessageType.SOLICIT).filter((s) => s.time > firstTen[9]!);
    assert.ok(solicitsAfter.length > 0, `seed ${seed}: no Solicit after REQ_MAX_RC`);
    const between = req.filter((s) => s.time > firstTen[9]! && s.time < solicitsAfter[0]!.time);
    assert.equal(between.length, 0, "no 11th Request");
    const wait = solicitsAfter[0]!.time - firstTen[9]!;
    assert.ok(wait >= 27_000 && wait <= 33_000, `last RT ${wait} is MRT ± 10 %`);
  }
});

Deno.test("CONFIRM: delay ≤ CNF_MAX_DELAY, IRT 1 s, MRT 4 s, MRD 10 s, then leases kept", () => {
  for (const seed of SEEDS) {
    const config = testConfig({ iaPd: [] });
    const only = new Simulation({ config, servers: [serverA()], seed }).start();
    only.runFor(5000);
    only.serversReachable = false;
    only.link(false);
    only.runFor(1000);
    const downAt = only.now;
    only.link(true);
    only.runFor(30_000);
    const t = only.sentOfType(MessageType.CONFIRM).map((s) => s.time);
    assert.ok(t.length >= 3, `seed ${seed}: ${t.length} Confirms`);
    assert.ok(t[0]! - downAt >= 0 && t[0]! - downAt <= 1000, "first Confirm within CNF_MAX_DELAY");
    assert.deepEqual(scheduleViolations(t, { irt: 1000, mrt: 4000 }), [], `seed ${seed}`);
    assert.ok(t[t.length - 1]! - t[0]! < 10_000, "no Confirm after MRD");
    const gaveUp = only.actionsOf("state-changed").find((a) => a.action.from === "confirming");
    assert.equal(gaveUp?.time, t[0]! + 10_000, "the exchange ends exactly at MRD");
    assert.equal(only.client.status(only.now).state, "bound");
    assert.equal(only.client.status(only.now).addresses.length, 1, "leases kept (§18.2.3)");
  }
});

Deno.test("RENEW at T1 (IRT 10 s, MRT 600 s) until T2; REBIND from T2 (IRT 10 s, MRT 600 s) until the valid lifetime ends", () => {
  for (const seed of SEEDS) {
    const sim = boundThenSilent(seed);
    const boundAt = sim.actionsOf("hook")[0]!.time;
    sim.runFor(8000_000);
    const renew = times(sim, MessageType.RENEW);
    const rebind = times(sim, MessageType.REBIND);
    assert.equal(renew[0], boundAt + 1800_000, "first Renew exactly at T1");
    assert.deepEqual(
      scheduleViolations(renew, { irt: 10_000, mrt: 600_000 }),
      [],
      `seed ${seed} renew`,
    );
    assert.ok(renew[renew.length - 1]! < boundAt + 2880_000, "no Renew at or after T2");
    assert.equal(rebind[0], boundAt + 2880_000, "first Rebind exactly at T2");
    assert.deepEqual(
      scheduleViolations(rebind, { irt: 10_000, mrt: 600_000 }),
      [],
      `seed ${seed} rebind`,
    );
    assert.ok(
      rebind[rebind.length - 1]! < boundAt + 7200_000,
      "no Rebind after the valid lifetime",
    );
    const removed = sim.actionsOf("address-remove");
    assert.equal(
      removed[0]!.time,
      boundAt + 7200_000,
      "address removed exactly at the valid lifetime",
    );
    const solicit = sim.sentOfType(MessageType.SOLICIT).filter((s) => s.time >= boundAt + 7200_000);
    assert.equal(solicit[0]?.time, boundAt + 7200_000, "Solicit again at expiry (§18.2.13)");
  }
});

Deno.test("INFORMATION-REQUEST: delay ≤ INF_MAX_DELAY, IRT 1 s, MRT 3600 s", () => {
  for (const seed of SEEDS) {
    const sim = new Simulation({ config: testConfig({ informationOnly: true }), seed }).start();
    assert.equal(sim.sent.length, 0, "the first Information-request is delayed (a MUST)");
    sim.runFor(6 * 3600_000);
    const t = times(sim, MessageType.INFORMATION_REQUEST);
    assert.ok(t[0]! <= 1000);
    assert.deepEqual(scheduleViolations(t, { irt: 1000, mrt: 3600_000 }), [], `seed ${seed}`);
  }
});

Deno.test("RELEASE: IRT 1 s, MRC 4, then stopped", () => {
  for (const seed of SEEDS) {
    const sim = boundThenSilent(seed);
    sim.command("stop");
    sim.runFor(60_000);
    const t = times(sim, MessageType.RELEASE);
    assert.equal(t.length, 4, "REL_MAX_RC");
    assert.deepEqual(scheduleViolations(t, { irt: 1000, mrt: 0 }), [], `seed ${seed}`);
    const stopped = sim.actionsOf("stopped");
    assert.equal(stopped.length, 1);
    const lastRt = stopped[0]!.time - t[3]!;
    const prevRt = t[3]! - t[2]!;
    assert.ok(
      lastRt >= 1.9 * prevRt && lastRt <= 2.1 * prevRt,
      "waits the last RT before giving up",
    );
  }
});

Deno.test("DECLINE: IRT 1 s, MRC 4, then a Request for a new address", () => {
  for (const seed of SEEDS) {
    const sim = boundThenSilent(seed);
    sim.address("2001:db8::100", "dad-failed");
    sim.runFor(60_000);
    const t = times(sim, MessageType.DECLINE);
    assert.equal(t.length, 4, "DEC_MAX_RC");
    assert.deepEqual(scheduleViolations(t, { irt: 1000, mrt: 0 }), [], `seed ${seed}`);
    const req = sim.sentOfType(MessageType.REQUEST).filter((s) => s.time > t[3]!);
    assert.ok(req.length > 0, "a Request follows the Decline");
  }
});

Deno.test("scheduleViolations: catches out-of-band intervals", () => {
  assert.deepEqual(
    scheduleViolations([0, 1000], { irt: 1000, mrt: 0, firstAboveIrt: true }).length,
    1,
  );
  assert.equal(scheduleViolations([0, 1050, 3300], { irt: 1000, mrt: 0 }).length, 1);
  assert.equal(scheduleViolations([0, 1000, 2000], { irt: 1000, mrt: 0 }).length, 1);
  assert.equal(
    scheduleViolations([0, 1000, 3000, 6800, 10800], { irt: 1000, mrt: 4000 }).length,
    0,
  );
  assert.ok(scheduleViolations([0, 1000, 3000, 7000, 15000], { irt: 1000, mrt: 4000 }).length > 0);
});
