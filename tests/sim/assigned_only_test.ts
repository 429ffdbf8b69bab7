/**
 * Issue 9, item 3 (RFC 9915 §18.2.4, MUST NOT; §18.2.5 and §18.2.2 built the
 * same way): Renew, Rebind and Request carry only what the server assigned.
 * An IA without a binding goes out empty; an IA_PD may carry a prefix-length
 * hint (`::/len`), never a configured prefix. Solicit keeps every hint
 * (§18.2.1).
 */
import assert from "node:assert/strict";
import { MessageType } from "../../src/dhcp6/constants.ts";
import type { ClientServerMessage } from "../../src/dhcp6/message.ts";
import { addressesIn, optionOf, Simulation, testConfig } from "./harness.ts";
import { serverA, standardPool } from "./fixtures.ts";

/** Hints for both IAs: a configured address, and a configured prefix with its length. */
const hinted = testConfig({
  iaNa: [{ iaid: 1, hints: [{ address: "2001:db8::dead", preferredLifetime: 600 }] }],
  iaPd: [{ iaid: 0, hints: [{ prefix: "2001:db8:7700::", prefixLength: 56 }] }],
});

/** The IAPREFIX entries of a message's IA_PD as `prefix/len`. */
const pdEntries = (m: ClientServerMessage) =>
  optionOf(m, "IA_PD")!.options.map((o) =>
    o.name === "IAPREFIX" ? `${o.prefix}/${o.prefixLength}` : o.name
  );

Deno.test("3: the Solicit carries the configured hints (§18.2.1)", () => {
  const sim = new Simulation({ config: hinted }).start();
  const m = sim.sentOfType(MessageType.SOLICIT)[0]!.message;
  assert.deepEqual(addressesIn(m), ["2001:db8::dead"]);
  assert.deepEqual(pdEntries(m), ["2001:db8:7700::/56"]);
});

Deno.test("3: a prefix-only server: Request, Renew and Rebind carry no configured address", () => {
  const server = serverA({ pool: standardPool({}, { 0: ["2001:db8:1000::", 56] }) });
  const sim = new Simulation({ config: hinted, servers: [server] }).start();
  sim.runFor(5000);
  const request = sim.sentOfType(MessageType.REQUEST)[0]!.message;
  assert.deepEqual(addressesIn(request), [], "IA_NA asked for, empty");
  assert.deepEqual(pdEntries(request), ["2001:db8:1000::/56"], "what the Advertise offered");
  sim.serversReachable = false; // Renew at T1 (1800 s), then Rebind at T2 (2880 s)
  sim.runFor(2900_000);
  const renew = sim.sentOfType(MessageType.RENEW)[0]!.message;
  assert.deepEqual(addressesIn(renew), []);
  assert.deepEqual(pdEntries(renew), ["2001:db8:1000::/56"]);
  const rebind = sim.sentOfType(MessageType.REBIND)[0]!.message;
  assert.deepEqual(addressesIn(rebind), []);
  assert.deepEqual(pdEntries(rebind), ["2001:db8:1000::/56"]);
});

Deno.test("3: an address-only server: the unbound IA_PD carries only its length hint ::/56", () => {
  const server = serverA({ pool: standardPool({ 1: "2001:db8::100" }, {}) });
  const sim = new Simulation({ config: hinted, servers: [server] }).start();
  sim.runFor(5000);
  assert.equal(sim.client.status(sim.now).state, "bound");
  const request = sim.sentOfType(MessageType.REQUEST)[0]!.message;
  assert.deepEqual(addressesIn(request), ["2001:db8::100"]);
  assert.deepEqual(pdEntries(request), ["::/56"]);
  const prefix = optionOf(request, "IA_PD")!.options[0]!;
  assert.ok(prefix.name === "IAPREFIX");
  assert.deepEqual([prefix.preferredLifetime, prefix.validLifetime], [0, 0]);
  sim.serversReachable = false;
  sim.runFor(2900_000);
  const renew = sim.sentOfType(MessageType.RENEW)[0]!.message;
  assert.deepEqual(pdEntries(renew), ["::/56"]);
  assert.deepEqual(addressesIn(renew), ["2001:db8::100"], "the address the server assigned");
  assert.deepEqual(pdEntries(sim.sentOfType(MessageType.REBIND)[0]!.message), ["::/56"]);
});

Deno.test("3: an IA_PD configured without a hint goes out empty in Renew", () => {
  const server = serverA({ pool: standardPool({ 1: "2001:db8::100" }, {}) });
  const config = testConfig({ iaPd: [{ iaid: 0, hints: [] }] });
  const sim = new Simulation({ config, servers: [server] }).start();
  sim.runFor(1805_000);
  assert.deepEqual(optionOf(sim.sentOfType(MessageType.RENEW)[0]!.message, "IA_PD")!.options, []);
});
