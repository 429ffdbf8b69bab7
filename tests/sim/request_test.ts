/** Behaviour 3 (RFC 9915 §18.2.2): the Request. Timing is in retransmission_test.ts. */
import assert from "node:assert/strict";
import { MessageType } from "../../src/dhcp6/constants.ts";
import { optionOf, prefixesIn, Simulation, testConfig } from "./harness.ts";
import { DUID_A, serverA } from "./fixtures.ts";
import { status } from "./server.ts";

Deno.test("3: Request names the server, carries Client ID, Elapsed Time, ORO with SOL_MAX_RT and all IAs", () => {
  const sim = new Simulation({
    config: testConfig({
      reconfigureAccept: true,
      rawOptions: [{ code: 250, data: Uint8Array.of(1, 2) }],
    }),
    servers: [serverA()],
  }).start();
  sim.runFor(5000);
  const m = sim.sentOfType(MessageType.REQUEST)[0]!.message;
  assert.deepEqual(optionOf(m, "SERVERID")?.duid, DUID_A);
  assert.deepEqual(optionOf(m, "CLIENTID")?.duid, testConfig().duid);
  assert.equal(optionOf(m, "ELAPSED_TIME")?.centiseconds, 0);
  assert.ok(optionOf(m, "ORO")!.codes.includes(82));
  assert.ok(
    !optionOf(m, "ORO")!.codes.includes(32),
    "no INFORMATION_REFRESH_TIME outside Information-request",
  );
  assert.ok(optionOf(m, "RECONF_ACCEPT"));
  const raw = m.options.find((o) => o.code === 250);
  assert.deepEqual(raw?.name === "UNKNOWN" && raw.data, Uint8Array.of(1, 2));
  assert.deepEqual(prefixesIn(m), ["2001:db8:1000::"]);
  const hook = sim.actionsOf("hook")[0]!.action;
  assert.equal(hook.reason, "REQUEST");
  assert.equal(hook.status.addresses[0]?.address, "2001:db8::100");
});

Deno.test("3: after REQ_MAX_RC unanswered Requests the client goes back to Solicit", () => {
  const mute = serverA({ script: (m, s) => (m.type === 3 ? [] : s.defaultAnswer(m)) });
  const sim = new Simulation({ config: testConfig(), servers: [mute] }).start();
  sim.runFor(300_000);
  assert.equal(sim.sentOfType(MessageType.REQUEST).length >= 10, true);
  const states = sim.actionsOf("state-changed").map((a) => a.action.to);
  assert.deepEqual(states.slice(0, 3), ["soliciting", "requesting", "soliciting"]);
  assert.ok(sim.logs().some((l) => l.includes("no Reply to REQUEST after REQ_MAX_RC")));
});

Deno.test("3: a failed Request after NoBinding gives up that IA only and keeps the other bindings (§18.2.8)", () => {
  const a = serverA({
    script: (m, s) => {
      if (m.type === 5) {
        const ias = s.leases(m).map((
          o,
        ) => (o.name === "IA_NA" ? { ...o, options: [status(3, "gone")] } : o));
        return [{ message: s.response(m, 7, ias) }];
      }
      if (m.type === 3 && s.received.filter((x) => x.type === 3).length > 1) return [];
      return undefined;
    },
  });
  const sim = new Simulation({ config: testConfig(), servers: [a] }).start();
  sim.runFor(5000 + 1800_000 + 200_000);
  const states = sim.actionsOf("state-changed").map((x) => x.action.to);
  assert.deepEqual(states.slice(0, 6), [
    "soliciting",
    "requesting",
    "bound",
    "renewing",
    "requesting",
    "bound",
  ]);
  assert.equal(sim.sentOfType(MessageType.SOLICIT).length, 1, "no new discovery");
  const st = sim.client.status(sim.now);
  assert.deepEqual(st.addresses, [], "the address of the IA without a binding is given up");
  assert.deepEqual(st.prefixes.map((p) => p.prefix), ["2001:db8:1000::"], "the prefix is kept");
  assert.equal(sim.actionsOf("prefix-remove").length, 0, "the prefix was never withdrawn");
  assert.equal(sim.actionsOf("address-remove").length, 1);
  assert.equal(st.ias.find((i) => i.type === "IA_NA")?.status, "NoBinding");
  // The next Renew, at the prefix's T1, asks again for the IA_NA, empty (§18.2.4).
  sim.runFor(1800_000);
  const renew = sim.sentOfType(MessageType.RENEW)[1]!.message;
  assert.deepEqual(optionOf(renew, "IA_NA")?.options, []);
  assert.deepEqual(prefixesIn(renew), ["2001:db8:1000::"]);
});
