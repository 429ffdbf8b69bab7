/**
 * Behaviour 6, Rebind's end (RFC 9915 §18.2.5, §18.2.10.1, §18.2.13): it
 * runs until every valid lifetime has ended, each lease leaving exactly at
 * its own end, and a Reply that extends only some IAs never strands the rest.
 */
import assert from "node:assert/strict";
import { MessageType } from "../../src/dhcp6/constants.ts";
import type { Option } from "../../src/dhcp6/options/types.ts";
import { optionOf, Simulation, testConfig } from "./harness.ts";
import { serverA } from "./fixtures.ts";

Deno.test("6: Rebind goes on after the first lease expires, until the last valid lifetime ends", () => {
  // IA_NA: valid 4000 s; IA_PD: valid 7200 s; both T1 1000 s, T2 1600 s.
  const server = serverA({
    script: (m, s) => {
      if (m.type !== 3) return undefined;
      const ias = s.leases(m).map((o): Option => {
        if (o.name !== "IA_NA" && o.name !== "IA_PD") return o;
        const options = o.options.map((l): Option =>
          l.name === "IAADDR" ? { ...l, preferredLifetime: 2000, validLifetime: 4000 } : l
        );
        return { ...o, t1: 1000, t2: 1600, options };
      });
      return [{ message: s.response(m, 7, ias) }];
    },
  });
  const sim = new Simulation({ config: testConfig(), servers: [server] }).start();
  sim.runFor(5000);
  const bound = sim.actionsOf("hook")[0]!.time;
  sim.serversReachable = false;
  sim.runUntil(bound + 7200_000 - 1);
  const removedAddr = sim.actionsOf("address-remove");
  assert.deepEqual(removedAddr.map((r) => r.time), [bound + 4000_000], "address leaves at 4000 s");
  assert.equal(sim.actionsOf("prefix-remove").length, 0, "the prefix is still valid");
  const later = sim.sentOfType(MessageType.REBIND).filter((s) => s.time > bound + 4000_000);
  assert.ok(later.length >= 2, `${later.length} Rebinds after the first expiry`);
  assert.deepEqual(
    optionOf(later[0]!.message, "IA_NA")?.options,
    [],
    "the expired address is no longer listed (§18.2.4)",
  );
  assert.equal(sim.client.status(sim.now).state, "rebinding");
  assert.equal(sim.sentOfType(MessageType.SOLICIT).length, 1, "no Solicit while a lease is valid");

  sim.runUntil(bound + 7200_000);
  assert.equal(sim.actionsOf("prefix-remove")[0]?.time, bound + 7200_000);
  assert.equal(sim.sentOfType(MessageType.SOLICIT).at(-1)?.time, bound + 7200_000);
  sim.runFor(100_000);
  assert.equal(
    sim.sentOfType(MessageType.REBIND).filter((s) => s.time >= bound + 7200_000).length,
    0,
    "no Rebind once every lease has ended",
  );
});

Deno.test("6: a Rebind Reply that extends IA_NA but lacks IA_PD does not leave the address unrenewed", () => {
  const server = serverA({
    script: (m, s) => {
      if (m.type === 5) return [];
      if (m.type !== 6) return undefined;
      const ias = s.leases(m).filter((o) => o.name !== "IA_PD");
      return [{ message: s.response(m, 7, ias) }];
    },
  });
  const sim = new Simulation({ config: testConfig(), servers: [server] }).start();
  sim.runFor(5000);
  const bound = sim.actionsOf("hook")[0]!.time;
  sim.runUntil(bound + 30_000_000);
  assert.equal(sim.actionsOf("prefix-remove")[0]?.time, bound + 7200_000, "the prefix lapses");
  assert.equal(sim.actionsOf("address-remove").length, 0, "the address is kept renewed");
  const after = sim.sent.filter((s) =>
    s.time > bound + 7200_000 &&
    (s.message.type === MessageType.RENEW || s.message.type === MessageType.REBIND)
  );
  assert.ok(after.length > 0, "Renew/Rebind go on after the old Rebind deadline");
  assert.equal(sim.client.status(sim.now).counters.dropped["internal-error"], undefined);
});
