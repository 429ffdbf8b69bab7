/**
 * Long runs on the virtual clock: days of lease time with packet loss, and
 * the §14.1 rate limit against exchanges restarted without pause.
 */
import assert from "node:assert/strict";
import { Simulation, testConfig } from "./harness.ts";
import { serverA } from "./fixtures.ts";

Deno.test("sim: 3 days with 30 % loss each way keep the lease without a gap", () => {
  for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
    const sim = new Simulation({ config: testConfig(), servers: [serverA()], seed, loss: 0.3 })
      .start();
    assert.ok(
      sim.runUntilTrue(() => sim.client.status(sim.now).state === "bound", 600_000),
      `seed ${seed}: bound`,
    );
    sim.runFor(3 * 86400_000);
    assert.equal(
      sim.actionsOf("address-remove").length,
      0,
      `seed ${seed}: the address never lapsed`,
    );
    assert.equal(sim.actionsOf("prefix-remove").length, 0, `seed ${seed}: the prefix never lapsed`);
    assert.ok(sim.sent.some((s) => s.lost), "some datagrams were lost");
    const renewals = sim.actionsOf("hook").filter((h) =>
      h.action.reason === "RENEW" || h.action.reason === "REBIND"
    );
    assert.ok(
      renewals.length >= 100,
      `seed ${seed}: ${renewals.length} renewals in 3 days (T1 30 min)`,
    );
    assert.equal(sim.client.status(sim.now).counters.dropped["internal-error"], undefined);
  }
});

Deno.test("sim: the §14.1 rate limit holds however fast exchanges are restarted", () => {
  const sim = new Simulation({ config: testConfig(), servers: [serverA()] }).start();
  sim.runFor(5000);
  assert.equal(sim.client.status(sim.now).state, "bound");
  sim.serversReachable = false;
  const from = sim.sent.length;
  // An operator (or a script) asking for a Rebind 50 times a second for a minute: each
  // command starts a new exchange whose first message wants to go out at once.
  for (let i = 0; i < 3000; i++) {
    sim.command("rebind");
    sim.runFor(20);
  }
  const sent = sim.sent.slice(from).map((s) => s.time);
  assert.ok(sent.length <= 20 + 60 + 1, `${sent.length} messages in 60 s`);
  assert.ok(sent.length >= 60, "the exchanges are throttled, not stopped");
  for (let i = 0; i + 40 < sent.length; i++) {
    assert.ok(sent[i + 40]! - sent[i]! >= 20_000, "never more than 40 (20 + 20 refilled) in 20 s");
  }
  assert.ok(sim.logs().some((l) => l.includes("rate limit (RFC 9915 §14.1)")));
});
