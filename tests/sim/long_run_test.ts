/**
 * Long runs on the virtual clock: days of lease time with packet loss, and
 * the §14.1 rate limit against a server that keeps refusing.
 */
import assert from "node:assert/strict";
import { MessageType } from "../../src/dhcp6/constants.ts";
import { Simulation, testConfig } from "./harness.ts";
import { serverA } from "./fixtures.ts";
import { status } from "./server.ts";

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

Deno.test("sim: §14.1 rate limit holds a Request/NoAddrsAvail loop to about 1 message a second", () => {
  const refusing = serverA({
    script: (m, s) =>
      m.type === 3
        ? [{
          message: s.response(
            m,
            7,
            s.leases(m).map((o) => (o.name === "IA_NA" || o.name === "IA_PD"
              ? { ...o, options: [status(2, "no")] }
              : o)
            ),
          ),
        }]
        : undefined,
  });
  const sim = new Simulation({ config: testConfig(), servers: [refusing] }).start();
  sim.runFor(600_000);
  const sent = sim.sent.map((s) => s.time);
  assert.ok(sent.length <= 20 + 600, `${sent.length} messages in 600 s`);
  assert.ok(sent.length >= 500, "the loop is throttled, not stopped");
  for (let i = 0; i + 40 < sent.length; i++) {
    assert.ok(sent[i + 40]! - sent[i]! >= 20_000, "never more than 40 (20 + 20 refilled) in 20 s");
  }
  assert.ok(sim.logs().some((l) => l.includes("rate limit (RFC 9915 §14.1)")));
  assert.ok(sim.sentOfType(MessageType.SOLICIT).length > 100);
});
