/** Behaviour 8 (RFC 9915 §18.2.12, §18.2.3, §18.2.10.3): after a link change and when resuming a saved lease. */
import assert from "node:assert/strict";
import { MessageType } from "../../src/dhcp6/constants.ts";
import type { SavedLease } from "../../src/dhcp6/client/mod.ts";
import { optionOf, Simulation, testConfig } from "./harness.ts";
import { serverA, serverB } from "./fixtures.ts";
import { status } from "./server.ts";

const naOnly = () => testConfig({ iaPd: [] });

Deno.test("8: link up with addresses only → Confirm (T1/T2 and lifetimes 0); Success keeps them", () => {
  const sim = new Simulation({ config: naOnly(), servers: [serverA()] }).start();
  sim.runFor(5000);
  sim.link(false);
  assert.equal(sim.client.status(sim.now).state, "bound");
  sim.runFor(60_000).link(true);
  assert.equal(sim.client.status(sim.now).state, "confirming");
  sim.runFor(2000);
  const c = sim.sentOfType(MessageType.CONFIRM)[0]!.message;
  const ia = optionOf(c, "IA_NA")!;
  assert.deepEqual([ia.t1, ia.t2], [0, 0]);
  assert.deepEqual(
    ia.options.map((o) => o.name === "IAADDR" && [o.address, o.preferredLifetime, o.validLifetime]),
    [
      ["2001:db8::100", 0, 0],
    ],
  );
  assert.equal(optionOf(c, "SERVERID"), undefined);
  assert.equal(sim.client.status(sim.now).state, "bound");
  assert.equal(sim.actionsOf("address-remove").length, 0);
});

Deno.test("8: Confirm answered NotOnLink → no retransmission; at the end of that RT, addresses removed and Solicit", () => {
  let confirmed = 0;
  const a = serverA({
    script: (m, s) => {
      if (m.type !== 4) return undefined;
      confirmed++;
      return [{ message: s.response(m, 7, [], [status(4, "elsewhere")]) }];
    },
  });
  const sim = new Simulation({ config: naOnly(), servers: [a] }).start();
  sim.runFor(5000);
  sim.link(false).link(true).runFor(5000);
  const [cnf, ...more] = sim.sentOfType(MessageType.CONFIRM);
  assert.equal(more.length, 0, "NotOnLink stops the retransmissions");
  assert.equal(confirmed, 1);
  const removed = sim.actionsOf("address-remove");
  assert.equal(removed.length, 1);
  const solicit = sim.sentOfType(MessageType.SOLICIT).filter((s) => s.time > cnf!.time)[0]!;
  assert.equal(removed[0]!.time, solicit.time, "withdrawn as discovery restarts");
  const rt = solicit.time - cnf!.time;
  assert.ok(rt >= 900 && rt <= 1100, `waited the first RT (${rt} ms) for a Success`);
});

Deno.test("8: a Success from one server outweighs NotOnLink from another (§18.2.10.3)", () => {
  const a = serverA({
    script: (m, s) =>
      m.type === 4
        ? [{ message: s.response(m, 7, [], [status(4, "elsewhere")]), delay: 5 }]
        : undefined,
  });
  const b = serverB({
    script: (m, s) => (m.type === 4 ? [{ message: s.response(m, 7, []), delay: 300 }] : []),
  });
  const sim = new Simulation({ config: naOnly(), servers: [a, b] }).start();
  sim.runFor(5000);
  sim.link(false).link(true).runFor(10_000);
  assert.equal(sim.actionsOf("address-remove").length, 0, "the address is kept");
  assert.equal(sim.sentOfType(MessageType.SOLICIT).length, 1, "no new discovery");
  assert.equal(sim.client.status(sim.now).state, "bound");
  assert.ok(sim.logs().some((l) => l.includes("addresses still on link")));
});

Deno.test("8: link up with a delegated prefix → Rebind with all IAs, Confirm timing; no answer keeps the leases", () => {
  const sim = new Simulation({ config: testConfig(), servers: [serverA()] }).start();
  sim.runFor(5000);
  sim.serversReachable = false;
  sim.link(false).link(true);
  const upAt = sim.now;
  sim.runFor(20_000);
  const rb = sim.sentOfType(MessageType.REBIND);
  assert.ok(rb.length >= 3);
  assert.ok(rb[0]!.time - upAt <= 1000, "delayed at most CNF_MAX_DELAY");
  assert.ok(rb.at(-1)!.time - rb[0]!.time < 10_000, "within CNF_MAX_RD");
  assert.ok(optionOf(rb[0]!.message, "IA_NA") && optionOf(rb[0]!.message, "IA_PD"));
  assert.equal(sim.sentOfType(MessageType.CONFIRM).length, 0);
  assert.equal(sim.client.status(sim.now).state, "bound");
  assert.equal(sim.client.status(sim.now).prefixes.length, 1);
});

Deno.test("8: stateless link up → Information-request", () => {
  const sim = new Simulation({
    config: testConfig({ informationOnly: true }),
    servers: [serverA()],
  }).start();
  sim.runFor(5000);
  const before = sim.sentOfType(MessageType.INFORMATION_REQUEST).length;
  sim.link(false).link(true).runFor(2000);
  assert.equal(sim.sentOfType(MessageType.INFORMATION_REQUEST).length, before + 1);
});

const saved = (over: Partial<SavedLease> = {}): SavedLease => ({
  version: 1,
  interfaceName: "wan0",
  savedAt: 1_700_000_000_000,
  serverDuid: "000200000009aa",
  serverAddress: "fe80::a",
  addresses: [{ iaid: 1, address: "2001:db8::100", preferredLifetime: 3000, validLifetime: 6000 }],
  prefixes: [],
  options: ["00170010" + "20010db8000000000000000000000053"],
  ...over,
});

Deno.test("8: starting with a saved lease of addresses → Confirm; lifetimes aged by the time since saving", () => {
  const sim = new Simulation({ config: naOnly(), servers: [serverA()] });
  sim.start(saved(), 1_700_000_000_000 + 1000_000);
  const add = sim.actionsOf("address-add")[0]!.action.lease;
  assert.deepEqual([add.address, add.preferredLifetime, add.validLifetime], [
    "2001:db8::100",
    2000,
    5000,
  ]);
  assert.equal(
    sim.client.status(sim.now).options[0]?.name,
    "DNS_SERVERS",
    "saved options restored",
  );
  sim.runFor(2000);
  assert.equal(sim.sentOfType(MessageType.CONFIRM).length, 1);
  assert.equal(sim.sentOfType(MessageType.SOLICIT).length, 0);
  assert.equal(sim.client.status(sim.now).state, "bound");
});

Deno.test("8: starting with a saved prefix → Rebind; with an expired lease → Solicit", () => {
  const withPrefix = saved({
    prefixes: [{
      iaid: 0,
      prefix: "2001:db8:1000::",
      prefixLength: 56,
      preferredLifetime: 3000,
      validLifetime: 6000,
    }],
  });
  const sim = new Simulation({ config: testConfig(), servers: [serverA()] }).start(
    withPrefix,
    withPrefix.savedAt,
  );
  sim.runFor(2000);
  assert.equal(sim.sentOfType(MessageType.REBIND).length, 1);
  assert.equal(sim.sentOfType(MessageType.CONFIRM).length, 0);
  assert.equal(sim.actionsOf("hook")[0]?.action.reason, "REBIND");

  const old = new Simulation({ config: testConfig(), servers: [serverA()] }).start(
    withPrefix,
    withPrefix.savedAt + 7000_000,
  );
  old.runFor(2000);
  const solicitAt = old.sentOfType(MessageType.SOLICIT)[0]!.time;
  assert.ok(old.actionsOf("address-add").every((a) => a.time > solicitAt), "nothing was resumed");
  assert.equal(old.sentOfType(MessageType.REBIND).length, 0);
  assert.equal(old.sentOfType(MessageType.SOLICIT).length, 1);
});
