/** Behaviour 12: independent clients per interface; several IA_NA and IA_PD share exchanges. */
import assert from "node:assert/strict";
import { MessageType } from "../../src/dhcp6/constants.ts";
import { Simulation, testConfig } from "./harness.ts";
import { serverA, serverB, standardPool } from "./fixtures.ts";

Deno.test("12: several IA_NA and IA_PD go in one Solicit, one Request and one Renew", () => {
  const config = testConfig({
    iaNa: [{ iaid: 1, hints: [] }, { iaid: 2, hints: [] }],
    iaPd: [{ iaid: 0, hints: [] }, { iaid: 7, hints: [{ prefix: "::", prefixLength: 60 }] }],
  });
  const server = serverA({
    pool: standardPool({ 1: "2001:db8::100", 2: "2001:db8::102" }, {
      0: ["2001:db8:1000::", 56],
      7: ["2001:db8:3000::", 60],
    }),
  });
  const sim = new Simulation({ config, servers: [server] }).start();
  sim.runFor(1900_000);
  for (const type of [MessageType.SOLICIT, MessageType.REQUEST, MessageType.RENEW]) {
    const sent = sim.sentOfType(type);
    assert.equal(sent.length, 1, `one ${type}`);
    const ias = sent[0]!.message.options.filter((o) => o.name === "IA_NA" || o.name === "IA_PD");
    assert.deepEqual(
      ias.map((o) => `${o.name} ${o.name === "IA_NA" || o.name === "IA_PD" ? o.iaid : ""}`),
      [
        "IA_NA 1",
        "IA_NA 2",
        "IA_PD 0",
        "IA_PD 7",
      ],
    );
  }
  const st = sim.client.status(sim.now);
  assert.deepEqual(st.addresses.map((a) => a.address), ["2001:db8::100", "2001:db8::102"]);
  assert.deepEqual(st.prefixes.map((p) => `${p.prefix}/${p.prefixLength}`), [
    "2001:db8:1000::/56",
    "2001:db8:3000::/60",
  ]);
});

Deno.test("12: clients on two interfaces run independently", () => {
  const wan0 = new Simulation({ config: testConfig(), servers: [serverA()], seed: 1 }).start();
  const wan1 = new Simulation({
    config: testConfig({
      interfaceName: "wan1",
      duid: Uint8Array.of(0, 3, 0, 1, 9, 9, 9, 9, 9, 9),
    }),
    servers: [serverB()],
    seed: 2,
  });
  wan1.serversReachable = false;
  wan1.start();
  wan0.runFor(5000);
  wan1.runFor(5000);
  assert.equal(wan0.client.status(wan0.now).state, "bound");
  assert.equal(wan1.client.status(wan1.now).state, "soliciting");
  assert.ok(wan1.sentOfType(MessageType.SOLICIT).length >= 3);
  assert.notEqual(
    wan0.sentOfType(MessageType.SOLICIT)[0]!.message.transactionId,
    wan1.sentOfType(MessageType.SOLICIT)[0]!.message.transactionId,
  );
  assert.ok(wan1.logs().every((l) => l.startsWith("wan1: ")));
  assert.equal(wan0.client.interfaceName, "wan0");
});
