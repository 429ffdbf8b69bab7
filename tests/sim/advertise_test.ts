/** Behaviour 2 (RFC 9915 §18.2.1, §18.2.9): collecting and choosing Advertises. */
import assert from "node:assert/strict";
import { MessageType } from "../../src/dhcp6/constants.ts";
import { addressesIn, optionOf, Simulation, testConfig } from "./harness.ts";
import { DUID_A, DUID_B, serverA, serverB, standardPool } from "./fixtures.ts";
import { status } from "./server.ts";

/** Server A offering IA_NA 1 its address and IA_PD 0 no prefix. */
const addressOnlyServerA = () => serverA({ pool: standardPool({ 1: "2001:db8::100" }, {}) });
/** Server A with nothing to offer (NoAddrsAvail, NoPrefixAvail). */
const emptyServerA = () => serverA({ pool: standardPool({}, {}) });

Deno.test("2: Advertises are collected for the first RT; the highest preference wins", () => {
  const sim = new Simulation({
    config: testConfig(),
    servers: [serverA({ preference: 10 }), serverB({ preference: 200 })],
  }).start();
  const rt = sim.client.pollTimeout()!;
  sim.runUntil(rt - 1);
  assert.equal(
    sim.sentOfType(MessageType.REQUEST).length,
    0,
    "no Request before the first RT ends",
  );
  sim.runFor(5000);
  const [req] = sim.sentOfType(MessageType.REQUEST);
  assert.equal(req!.time, rt);
  assert.deepEqual(optionOf(req!.message, "SERVERID")?.duid, DUID_B);
  assert.equal(sim.client.status(sim.now).serverAddress, "fe80::b");
  assert.ok(sim.logs().some((l) => l.includes("choosing fe80::b (preference 200")));
});

Deno.test("2: preference 255 starts the Request at once", () => {
  const sim = new Simulation({ config: testConfig(), servers: [serverA({ preference: 255 })] })
    .start();
  sim.runFor(5000);
  const [sol] = sim.sentOfType(MessageType.SOLICIT);
  const [req] = sim.sentOfType(MessageType.REQUEST);
  assert.equal(req!.time, sol!.time + 5, "sent when the Advertise arrived (5 ms later)");
});

Deno.test("2: at equal preference, the server serving more of the requested IAs wins", () => {
  const partial = addressOnlyServerA();
  const sim = new Simulation({ config: testConfig(), servers: [partial, serverB()] }).start();
  sim.runFor(5000);
  assert.deepEqual(
    optionOf(sim.sentOfType(MessageType.REQUEST)[0]!.message, "SERVERID")?.duid,
    DUID_B,
  );
});

Deno.test("2: an Advertise serving none of the IAs is ignored and soliciting goes on", () => {
  const none = emptyServerA();
  const sim = new Simulation({ config: testConfig(), servers: [none] }).start();
  sim.runFor(40_000);
  assert.equal(sim.sentOfType(MessageType.REQUEST).length, 0);
  assert.ok(sim.sentOfType(MessageType.SOLICIT).length >= 5, "Solicit keeps its schedule");
  assert.ok(
    sim.logs().some((l) =>
      l.includes("ignoring ADVERTISE from fe80::a: IA_NA 1 has status NoAddrsAvail") &&
      l.includes("IA_PD 0 has status NoPrefixAvail")
    ),
  );
  assert.ok((sim.client.status(sim.now).counters.dropped["advertise-unusable"] ?? 0) >= 5);
  const msgLevel = serverA({
    script: (
      m,
      s,
    ) => (m.type === 1 ? [{ message: s.response(m, 2, s.leases(m), [status(2, "go away")]) }] : []),
  });
  const sim2 = new Simulation({ config: testConfig(), servers: [msgLevel] }).start();
  sim2.runFor(10_000);
  assert.equal(
    sim2.sentOfType(MessageType.REQUEST).length,
    0,
    "message-level NoAddrsAvail is ignored too",
  );
});

Deno.test("2: an Advertise serving only IA_NA is accepted; the Request asks for that address and still asks for IA_PD", () => {
  const naOnly = addressOnlyServerA();
  const sim = new Simulation({ config: testConfig(), servers: [naOnly] }).start();
  sim.runFor(5000);
  const req = sim.sentOfType(MessageType.REQUEST)[0]!.message;
  assert.deepEqual(addressesIn(req), ["2001:db8::100"]);
  assert.ok(optionOf(req, "IA_PD"), "IA_PD still requested");
  assert.deepEqual(optionOf(req, "SERVERID")?.duid, DUID_A);
  const st = sim.client.status(sim.now);
  assert.equal(st.state, "bound");
  assert.equal(st.addresses.length, 1);
  assert.equal(st.prefixes.length, 0);
  assert.equal(st.ias.find((i) => i.type === "IA_PD")?.status, "NoPrefixAvail");
  // The missing IA is retried in the Renew (§18.2 client behaviour).
  sim.runFor(1800_000);
  const renew = sim.sentOfType(MessageType.RENEW)[0]!.message;
  assert.ok(optionOf(renew, "IA_PD"), "Renew carries the IA_PD to retry it");
});

Deno.test("2: an Advertise arriving after the first RT is acted on at once, without waiting for the next RT", () => {
  for (const seed of [1, 2, 3, 4, 5]) {
    // Each Advertise takes 1.5 s: the first one lands after the first RT (≤ 1.1 s).
    const slow = serverA({
      script: (m, s) => (m.type === 1 ? [{ ...s.defaultAnswer(m)[0]!, delay: 1500 }] : undefined),
    });
    const sim = new Simulation({ config: testConfig(), servers: [slow], seed }).start();
    sim.runFor(1600);
    const [first, second] = sim.sentOfType(MessageType.SOLICIT);
    assert.ok(second && second.time < 1500, "the first RT ended before the Advertise came");
    const [req] = sim.sentOfType(MessageType.REQUEST);
    assert.equal(req?.time, first!.time + 1500, `seed ${seed}: Request when the Advertise arrives`);
  }
});

Deno.test("2: ignored Advertises leave the Solicit schedule untouched (§18.2.9)", () => {
  const none = emptyServerA();
  for (const seed of [1, 2, 3, 4, 5]) {
    const quiet = new Simulation({ config: testConfig(), seed }).start();
    const refused = new Simulation({ config: testConfig(), servers: [none], seed }).start();
    quiet.runFor(300_000);
    refused.runFor(300_000);
    const times = (s: Simulation) => s.sentOfType(MessageType.SOLICIT).map((x) => x.time);
    assert.ok(refused.client.status(refused.now).counters.dropped["advertise-unusable"]! >= 8);
    assert.deepEqual(times(refused), times(quiet), `seed ${seed}`);
  }
});
