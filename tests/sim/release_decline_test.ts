/** Behaviour 7 (RFC 9915 §18.2.7, §18.2.8, §6.3): Release on stop and Decline after DAD failure. */
import assert from "node:assert/strict";
import { MessageType } from "../../src/dhcp6/constants.ts";
import { addressesIn, optionOf, prefixesIn, Simulation, testConfig } from "./harness.ts";
import { DUID_A, serverA } from "./fixtures.ts";

Deno.test("7: stop withdraws every lease first, then sends Release with the Server ID and the leases", () => {
  const sim = new Simulation({ config: testConfig(), servers: [serverA()] }).start();
  sim.runFor(5000);
  const before = sim.actions.length;
  sim.command("stop");
  const rel = sim.sentOfType(MessageType.RELEASE)[0]!;
  const after = sim.actions.slice(before).map((a) => a.action.type).filter((t) => t !== "log");
  // The shell carries out actions before transmits: the prefix is gone before Release goes out,
  // removed at once, not kept deprecated (RFC 9915 §6.3).
  assert.deepEqual(after.slice(0, 3), ["address-remove", "prefix-remove", "lease-changed"]);
  assert.equal(sim.actionsOf("prefix-remove")[0]!.action.deprecate, false);
  assert.deepEqual(optionOf(rel.message, "SERVERID")?.duid, DUID_A);
  assert.deepEqual(addressesIn(rel.message), ["2001:db8::100"]);
  assert.deepEqual(prefixesIn(rel.message), ["2001:db8:1000::"]);
  assert.equal(optionOf(rel.message, "ORO"), undefined);
  sim.runFor(1000);
  assert.equal(sim.sentOfType(MessageType.RELEASE).length, 1, "the Reply ends the exchange");
  assert.deepEqual(sim.actionsOf("hook").map((h) => h.action.reason), [
    "REQUEST",
    "RELEASE",
    "EXIT",
  ]);
  assert.equal(sim.actionsOf("stopped").length, 1);
  assert.equal(sim.client.status(sim.now).state, "stopped");
  assert.equal(sim.actionsOf("lease-changed").at(-1)!.action.lease, null);
  assert.equal(sim.client.pollTimeout(), undefined);
});

Deno.test("7: with release on stop off, stop sends nothing and keeps the lease on record", () => {
  const sim = new Simulation({ config: testConfig({ releaseOnStop: false }), servers: [serverA()] })
    .start();
  sim.runFor(5000);
  sim.command("stop");
  sim.runFor(10_000);
  assert.equal(sim.sentOfType(MessageType.RELEASE).length, 0);
  assert.equal(sim.actionsOf("address-remove").length, 0);
  assert.equal(sim.actionsOf("stopped").length, 1);
  assert.notEqual(sim.actionsOf("lease-changed").at(-1)!.action.lease, null);
});

Deno.test("7: the release command releases and idles; renew then starts again", () => {
  const sim = new Simulation({ config: testConfig(), servers: [serverA()] }).start();
  sim.runFor(5000);
  sim.command("release").runFor(5000);
  assert.equal(sim.client.status(sim.now).state, "idle");
  assert.equal(sim.actionsOf("stopped").length, 0);
  sim.command("renew").runFor(5000);
  assert.equal(sim.client.status(sim.now).state, "bound");
});

Deno.test("7: DAD failure → address removed, Decline (Server ID, that address, no IA_PD), then a new address", () => {
  let n = 0;
  const a = serverA({
    script: (m, s) => {
      if (m.type !== 3) return undefined;
      n++;
      const pool = {
        ...s.options.pool,
        addresses: { 1: n === 1 ? "2001:db8::100" : "2001:db8::101" },
      };
      return [{ message: s.response(m, 7, s.leases(m, pool)) }];
    },
  });
  const sim = new Simulation({ config: testConfig(), servers: [a] }).start();
  sim.runFor(5000);
  sim.address("2001:db8::100", "ready");
  assert.equal(sim.sentOfType(MessageType.DECLINE).length, 0, "ready needs nothing");
  sim.address("2001:db8::100", "dad-failed");
  const dec = sim.sentOfType(MessageType.DECLINE)[0]!;
  assert.deepEqual(optionOf(dec.message, "SERVERID")?.duid, DUID_A);
  assert.deepEqual(addressesIn(dec.message), ["2001:db8::100"]);
  assert.equal(optionOf(dec.message, "IA_PD"), undefined, "no IA_PD in Decline");
  assert.equal(sim.actionsOf("address-remove")[0]!.action.lease.address, "2001:db8::100");
  assert.equal(sim.actionsOf("prefix-remove").length, 0, "the prefix is kept");
  sim.runFor(5000);
  assert.deepEqual(sim.client.status(sim.now).addresses.map((x) => x.address), ["2001:db8::101"]);
  assert.equal(sim.client.status(sim.now).state, "bound");
});

Deno.test("7: after a Decline, an unanswered Request keeps the delegated prefix (§18.2.8)", () => {
  // The server answers the Decline, then never the Request for a new address.
  const a = serverA({
    script: (m, s) =>
      m.type === 3 && s.received.some((x) => x.type === MessageType.DECLINE) ? [] : undefined,
  });
  const sim = new Simulation({ config: testConfig(), servers: [a] }).start();
  sim.runFor(5000);
  sim.address("2001:db8::100", "dad-failed");
  sim.runFor(300_000);
  assert.ok(sim.sentOfType(MessageType.REQUEST).length >= 11, "REQ_MAX_RC Requests went out");
  const st = sim.client.status(sim.now);
  assert.equal(st.state, "bound");
  assert.deepEqual(st.addresses, [], "only the declined address is lost");
  assert.deepEqual(st.prefixes.map((p) => p.prefix), ["2001:db8:1000::"]);
  assert.equal(sim.actionsOf("prefix-remove").length, 0, "the prefix was never withdrawn");
  assert.equal(sim.sentOfType(MessageType.SOLICIT).length, 1, "no new discovery");
  assert.ok(sim.logs().some((l) => l.includes("keeping the other bindings (RFC 9915 §18.2.8)")));
  // The Renew at T1 retries the IA_NA, empty: the declined address is not asked for again.
  sim.runFor(1800_000);
  const renew = sim.sentOfType(MessageType.RENEW)[0]!.message;
  assert.deepEqual(addressesIn(renew), []);
  assert.deepEqual(prefixesIn(renew), ["2001:db8:1000::"]);
});
