/**
 * An idle, bound client (RFC 9915 §18.2.4) sleeps until T1: its only timer is
 * the Renew, so the agent's poll(2) does not wake before it, and nothing is
 * logged in between (the "nothing logs per idle second").
 */
import assert from "node:assert/strict";
import { MessageType } from "../../src/dhcp6/constants.ts";
import { Simulation, testConfig } from "./harness.ts";
import { serverA } from "./fixtures.ts";

Deno.test("idle: a bound client's next timer is T1, and it neither wakes nor logs until then", () => {
  const sim = new Simulation({ config: testConfig(), servers: [serverA()] }).start();
  sim.runFor(5000);
  assert.equal(sim.client.status(sim.now).state, "bound");
  const bound = sim.actionsOf("hook")[0]!.time;
  const t1 = sim.client.status(sim.now).ias[0]!.t1;
  assert.ok(t1 > 0);
  const renewAt = bound + t1 * 1000;
  assert.equal(sim.client.pollTimeout(), renewAt, "the only timer is the Renew at T1");
  const actions = sim.actions.length;
  const sent = sim.sent.length;
  sim.runUntil(renewAt - 1);
  assert.equal(sim.actions.length, actions, "no log line, no action while idle");
  assert.equal(sim.sent.length, sent);
  assert.equal(sim.client.pollTimeout(), renewAt);
  sim.runUntil(renewAt);
  assert.equal(sim.sentOfType(MessageType.RENEW)[0]?.time, renewAt);
});
