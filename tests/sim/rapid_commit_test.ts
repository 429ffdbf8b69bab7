/** Behaviour 4 (RFC 9915 §18.2.1, §21.14): Rapid Commit. */
import assert from "node:assert/strict";
import { MessageType } from "../../src/dhcp6/constants.ts";
import { optionOf, Simulation, testConfig } from "./harness.ts";
import { serverA } from "./fixtures.ts";
import { status } from "./server.ts";

Deno.test("4: Rapid Commit in Solicit; a Reply with Rapid Commit binds at once", () => {
  const sim = new Simulation({
    config: testConfig({ rapidCommit: true }),
    servers: [serverA({ rapidCommit: true })],
  })
    .start();
  sim.runFor(5000);
  assert.ok(optionOf(sim.sentOfType(MessageType.SOLICIT)[0]!.message, "RAPID_COMMIT"));
  assert.equal(sim.sentOfType(MessageType.REQUEST).length, 0, "two-message exchange");
  assert.equal(sim.client.status(sim.now).state, "bound");
  assert.equal(sim.actionsOf("hook")[0]!.action.reason, "SOLICIT");
  assert.equal(sim.actionsOf("address-add")[0]!.time, 5, "bound when the Reply arrived");
});

Deno.test("4: an Advertise instead continues the four-message exchange", () => {
  const sim = new Simulation({ config: testConfig({ rapidCommit: true }), servers: [serverA()] })
    .start();
  sim.runFor(5000);
  assert.equal(sim.sentOfType(MessageType.REQUEST).length, 1);
  assert.equal(sim.actionsOf("hook")[0]!.action.reason, "REQUEST");
});

Deno.test("4: a Reply without Rapid Commit to a Solicit is dropped", () => {
  const odd = serverA({
    script: (m, s) => (m.type === 1 ? [{ message: s.response(m, 7, s.leases(m)) }] : undefined),
  });
  const sim = new Simulation({ config: testConfig({ rapidCommit: true }), servers: [odd] }).start();
  sim.runFor(5000);
  assert.equal(sim.client.status(sim.now).state, "soliciting");
  assert.ok((sim.client.status(sim.now).counters.dropped["no-rapid-commit"] ?? 0) >= 1);
});

Deno.test("5: NotOnLink on an IA in a rapid-commit Reply → Solicit again without address hints after the RT, nothing bound", () => {
  let solicits = 0;
  const server = serverA({
    rapidCommit: true,
    script: (m, s) => {
      if (m.type !== 1) return undefined;
      solicits++;
      if (solicits > 1) return undefined;
      const ias = s.leases(m).map((o) =>
        o.name === "IA_NA" ? { ...o, options: [status(4, "not here")] } : o
      );
      return [{ message: s.response(m, 7, ias, [{ name: "RAPID_COMMIT", code: 14 }]) }];
    },
  });
  const config = testConfig({
    rapidCommit: true,
    iaNa: [{ iaid: 1, hints: [{ address: "2001:db8:ffff::5" }] }],
  });
  const sim = new Simulation({ config, servers: [server] }).start();
  const rt = sim.client.pollTimeout()!; // the end of the first Solicit's RT
  sim.runUntil(rt - 1);
  assert.equal(sim.sentOfType(MessageType.SOLICIT).length, 1, "no new Solicit at once (§15)");
  sim.runUntil(rt);
  const sent = sim.sentOfType(MessageType.SOLICIT);
  assert.equal(sent.length, 2, "a new Solicit when the RT of the first ends, as if unanswered");
  assert.equal(optionOf(sent[0]!.message, "IA_NA")!.options.length, 1, "first with the hint");
  assert.equal(optionOf(sent[1]!.message, "IA_NA")!.options.length, 0, "then without it");
  assert.notEqual(sent[0]!.message.transactionId, sent[1]!.message.transactionId);
  assert.equal(sim.actionsOf("prefix-add").length, 0, "the Reply's prefix is not used");
  assert.equal(sim.actionsOf("hook").length, 0);
  sim.runFor(5000);
  assert.equal(sim.client.status(sim.now).state, "bound", "the next rapid commit binds");
});
