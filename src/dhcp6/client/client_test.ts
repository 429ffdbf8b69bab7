import assert from "node:assert/strict";
import { Dhcp6Client } from "./client.ts";
import type { SavedLease } from "./types.ts";
import { testConfig } from "../../../tests/sim/harness.ts";

const config = testConfig({
  duid: Uint8Array.of(0, 3, 0, 1, 1, 2, 3, 4, 5, 6),
  iaPd: [],
  requestOptions: [],
});

function drain(c: Dhcp6Client) {
  const actions = [];
  for (let a = c.pollAction(); a; a = c.pollAction()) actions.push(a);
  const transmits = [];
  for (let t = c.pollTransmit(); t; t = c.pollTransmit()) transmits.push(t);
  return { actions, transmits };
}

Deno.test("Dhcp6Client: idle and silent until started; inputs before start are harmless", () => {
  const c = new Dhcp6Client(config, () => 0.5);
  assert.equal(c.pollTimeout(), undefined);
  c.handleDatagram(0, "fe80::1", Uint8Array.of(7, 0, 0, 1));
  c.handleTimeout(0);
  c.handleAddressEvent(0, "2001:db8::1", "dad-failed");
  assert.equal(c.status(0).state, "idle");
  assert.equal(c.status(0).counters.dropped["not-running"], 1);
  assert.equal(drain(c).transmits.length, 0);
});

Deno.test("Dhcp6Client: start sends a Solicit to ff02::1:2 and arms a timer", () => {
  const c = new Dhcp6Client(config, () => 0.5);
  c.start(1000);
  const { actions, transmits } = drain(c);
  assert.equal(transmits.length, 1);
  assert.equal(transmits[0]!.destination, "ff02::1:2");
  assert.equal(transmits[0]!.interfaceName, "wan0");
  assert.equal(transmits[0]!.bytes[0], 1, "SOLICIT");
  assert.ok(actions.some((a) => a.type === "state-changed" && a.to === "soliciting"));
  assert.equal(c.pollTimeout(), 1000 + 1050, "IRT + RAND·IRT with RAND 0.05");
  assert.equal(c.status(1000).counters.sent["SOLICIT"], 1);
});

Deno.test("Dhcp6Client: a link that starts down defers the start until it comes up", () => {
  const c = new Dhcp6Client(config, () => 0.5);
  c.handleLinkChange(0, false);
  c.start(0);
  assert.equal(drain(c).transmits.length, 0);
  c.handleLinkChange(500, true);
  assert.equal(drain(c).transmits.length, 1);
});

Deno.test("Dhcp6Client: a saved lease for another interface or version is ignored", () => {
  const saved: SavedLease = {
    version: 1,
    interfaceName: "wan9",
    savedAt: 0,
    serverDuid: "0001",
    addresses: [{ iaid: 1, address: "2001:db8::1", preferredLifetime: 10, validLifetime: 20 }],
    prefixes: [],
    options: [],
  };
  const c = new Dhcp6Client(config, () => 0.5);
  c.start(0, saved, 0);
  const { actions, transmits } = drain(c);
  assert.equal(actions.filter((a) => a.type === "address-add").length, 0);
  assert.equal(transmits[0]!.bytes[0], 1, "Solicit, not Confirm");
  assert.ok(actions.some((a) => a.type === "log" && a.message.includes("it is for wan9")));
});
