/** Behaviour 6 (RFC 9915 §18.2.4, §18.2.5, §18.2.10.1, §18.2.13; RFC 9096). */
import assert from "node:assert/strict";
import { MessageType } from "../../src/dhcp6/constants.ts";
import { addressesIn, optionOf, prefixesIn, Simulation, testConfig } from "./harness.ts";
import { DUID_A, DUID_B, serverA, serverB } from "./fixtures.ts";
import { status } from "./server.ts";

Deno.test("6: Renew at T1 to the server, with every IA and its leases; the Reply extends the leases", () => {
  const sim = new Simulation({ config: testConfig(), servers: [serverA()] }).start();
  sim.runFor(5000);
  const bound = sim.actionsOf("hook")[0]!.time;
  sim.runFor(1800_000);
  const renew = sim.sentOfType(MessageType.RENEW)[0]!;
  assert.equal(renew.time, bound + 1800_000);
  assert.deepEqual(optionOf(renew.message, "SERVERID")?.duid, DUID_A);
  assert.deepEqual(addressesIn(renew.message), ["2001:db8::100"]);
  assert.deepEqual(prefixesIn(renew.message), ["2001:db8:1000::"]);
  assert.equal(sim.actionsOf("address-update").length, 1);
  assert.equal(sim.actionsOf("prefix-update").length, 1);
  assert.deepEqual(sim.actionsOf("hook").map((h) => h.action.reason), ["REQUEST", "RENEW"]);
  assert.equal(sim.client.status(sim.now).state, "bound");
});

Deno.test("6: the status gives the engine times of T1 and T2 in force, for `edge6 status`", () => {
  const sim = new Simulation({ config: testConfig(), servers: [serverA()] }).start();
  sim.runFor(5000);
  const bound = sim.actionsOf("hook")[0]!.time;
  const ias = sim.client.status(sim.now).ias;
  assert.ok(ias.length > 0);
  for (const ia of ias) {
    assert.equal(ia.t1At, bound + ia.t1 * 1000, `${ia.type} ${ia.iaid} T1`);
    assert.equal(ia.t2At, bound + ia.t2 * 1000, `${ia.type} ${ia.iaid} T2`);
  }
  sim.runFor(1800_000);
  const renewed = sim.actionsOf("hook")[1]!.time;
  for (const ia of sim.client.status(sim.now).ias) {
    assert.equal(ia.t1At, renewed + ia.t1 * 1000, "T1 restarts with the Renew's Reply");
  }
});

Deno.test("6: a Reply to Renew from another server is dropped", () => {
  const other = serverB({
    script: (m, s) => (m.type === 5 ? [{ message: s.response(m, 7, s.leases(m)) }] : []),
  });
  const a = serverA({ script: (m, s) => (m.type === 5 ? [] : s.defaultAnswer(m)) });
  const sim = new Simulation({ config: testConfig(), servers: [a, other] }).start();
  sim.runFor(1900_000);
  assert.equal(sim.client.status(sim.now).state, "renewing");
  assert.ok((sim.client.status(sim.now).counters.dropped["wrong-server"] ?? 0) >= 1);
});

Deno.test("6: Rebind at T2 goes to any server; a new server and a new prefix replace the old one (RFC 9096)", () => {
  const a = serverA({ script: (m, s) => (m.type === 5 || m.type === 6 ? [] : s.defaultAnswer(m)) });
  const b = serverB({
    script: (m, s) => (m.type === 6 ? [{ message: s.response(m, 7, s.leases(m)) }] : []),
  });
  const sim = new Simulation({ config: testConfig(), servers: [a, b] }).start();
  sim.runFor(5000);
  const bound = sim.actionsOf("hook")[0]!.time;
  sim.runFor(2900_000);
  const rebind = sim.sentOfType(MessageType.REBIND)[0]!;
  assert.equal(rebind.time, bound + 2880_000);
  assert.equal(optionOf(rebind.message, "SERVERID"), undefined, "Rebind names no server");
  const st = sim.client.status(sim.now);
  assert.equal(st.serverDuid, "0002000000" + "09bb");
  assert.deepEqual(st.prefixes.map((p) => p.prefix), ["2001:db8:2000::"]);
  const removed = sim.actionsOf("prefix-remove");
  assert.equal(removed.length, 1);
  assert.equal(removed[0]!.action.lease.prefix, "2001:db8:1000::");
  assert.equal(removed[0]!.action.deprecate, true);
  const added = sim.actionsOf("prefix-add").map((x) => x.action.lease.prefix);
  assert.deepEqual(added, ["2001:db8:1000::", "2001:db8:2000::"]);
  assert.ok(
    sim.actions.findIndex((x) => x.action.type === "prefix-remove") <
      sim.actions.findLastIndex((x) => x.action.type === "hook"),
    "withdrawn before the hook runs",
  );
  void DUID_B;
});

Deno.test("6: leases are removed exactly at the end of the valid lifetime, then Solicit (§18.2.13)", () => {
  const sim = new Simulation({ config: testConfig(), servers: [serverA()] }).start();
  sim.runFor(5000);
  const bound = sim.actionsOf("hook")[0]!.time;
  sim.serversReachable = false;
  sim.runUntil(bound + 7200_000 - 1);
  assert.equal(sim.actionsOf("address-remove").length, 0, "not a millisecond early");
  sim.runUntil(bound + 7200_000);
  assert.equal(sim.actionsOf("address-remove")[0]?.time, bound + 7200_000);
  assert.equal(sim.actionsOf("prefix-remove")[0]?.time, bound + 7200_000);
  assert.equal(sim.actionsOf("prefix-remove")[0]?.action.deprecate, false);
  assert.equal(sim.client.status(sim.now).state, "soliciting");
  assert.equal(sim.actionsOf("lease-changed").at(-1)?.action.lease, null);
});

Deno.test("6: NoBinding in a Reply to Renew → Request with every IA to that server, other bindings kept", () => {
  const a = serverA({
    script: (m, s) => {
      if (m.type !== 5) return undefined;
      const ias = s.leases(m).map((
        o,
      ) => (o.name === "IA_PD" ? { ...o, options: [status(3, "who?")] } : o));
      return [{ message: s.response(m, 7, ias) }];
    },
  });
  const sim = new Simulation({ config: testConfig(), servers: [a] }).start();
  sim.runFor(1805_000);
  const renew = sim.sentOfType(MessageType.RENEW)[0]!;
  const req = sim.sentOfType(MessageType.REQUEST)[1]!;
  assert.ok(req.time >= renew.time, "a second Request follows the Renew");
  assert.deepEqual(optionOf(req.message, "SERVERID")?.duid, DUID_A);
  assert.ok(optionOf(req.message, "IA_NA") && optionOf(req.message, "IA_PD"), "all IAs");
  assert.equal(sim.client.status(sim.now).state, "bound");
  assert.equal(sim.actionsOf("address-remove").length, 0, "the address was kept");
});

Deno.test("6: NoPrefixAvail in a Reply to Renew keeps the other IAs; the IA is retried in later Renews", () => {
  let renewals = 0;
  const a = serverA({
    script: (m, s) => {
      if (m.type !== 5) return undefined;
      renewals++;
      const ias = s.leases(m).map((
        o,
      ) => (o.name === "IA_PD" ? { ...o, options: [status(6, "none left")] } : o));
      return [{ message: s.response(m, 7, ias) }];
    },
  });
  const sim = new Simulation({ config: testConfig(), servers: [a] }).start();
  sim.runFor(5000 + 1800_000 + 1000);
  const st = sim.client.status(sim.now);
  assert.equal(st.state, "bound");
  assert.equal(st.ias.find((i) => i.type === "IA_PD")?.status, "NoPrefixAvail");
  sim.runFor(1800_000);
  assert.ok(renewals >= 2);
  assert.ok(optionOf(sim.sentOfType(MessageType.RENEW).at(-1)!.message, "IA_PD"), "IA_PD retried");
  assert.ok(sim.logs().some((l) => l.includes("IA_PD 0 has status NoPrefixAvail")));
});

Deno.test("6: an IA missing from the Reply to Renew → rate-limited retry on the Renew schedule", () => {
  const a = serverA({
    script: (
      m,
      s,
    ) => (m.type === 5
      ? [{ message: s.response(m, 7, s.leases(m).filter((o) => o.name !== "IA_PD")) }]
      : undefined),
  });
  const sim = new Simulation({ config: testConfig(), servers: [a] }).start();
  sim.runFor(5000);
  const bound = sim.actionsOf("hook")[0]!.time;
  sim.runFor(1800_000 + 100_000);
  const renews = sim.sentOfType(MessageType.RENEW).map((s) => s.time - bound - 1800_000);
  assert.ok(renews.length >= 3);
  assert.ok(
    renews[1]! >= 9000 && renews[1]! <= 11_000,
    "the retry waits the RT (REN_TIMEOUT ± 10 %)",
  );
  assert.equal(sim.client.status(sim.now).state, "renewing");
  assert.equal(sim.actionsOf("address-update").length >= 1, true, "the IA_NA received was used");
  assert.ok(sim.logs().some((l) => l.includes("lacks IA_PD 0")));
});
