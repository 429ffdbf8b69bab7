/**
 * Issue 9, item 6 (RFC 6603): the client asks for OPTION_PD_EXCLUDE whenever
 * it asks for an IA_PD, and hands the excluded prefix to the shell on the
 * prefix lease (and in the saved lease), so that it is never assigned to a
 * LAN nor black-holed by the delegated prefix's unreachable route.
 */
import assert from "node:assert/strict";
import { MessageType, OptionCode } from "../../src/dhcp6/constants.ts";
import type { Option } from "../../src/dhcp6/options/types.ts";
import { prefixesExcluding, prefixesOverlap } from "../../src/dhcp6/prefix_exclude.ts";
import { optionOf, Simulation, testConfig } from "./harness.ts";
import { serverA } from "./fixtures.ts";
import type { ScriptedServer } from "./server.ts";

/** Server A adding `exclude` to its IAPREFIX in every Advertise and Reply. */
function excluding(exclude: Option): ScriptedServer {
  return serverA({
    script: (m, s) => {
      const [answer] = s.defaultAnswer(m);
      if (!answer) return [];
      const options = answer.message.options.map((o) =>
        o.name === "IA_PD"
          ? {
            ...o,
            options: o.options.map((p) =>
              p.name === "IAPREFIX" ? { ...p, options: [...p.options, exclude] } : p
            ),
          }
          : o
      );
      return [{ message: { ...answer.message, options } }];
    },
  });
}

/** 2001:db8:1000::/56 without its subnet 0x01: 2001:db8:1000:1::/64 (RFC 6603 §4.2). */
const EXCLUDE_1: Option = {
  name: "PD_EXCLUDE",
  code: 67,
  prefixLength: 64,
  subnetId: Uint8Array.of(0x01),
};

Deno.test("6: PD_EXCLUDE is in the ORO of Solicit, Request, Renew and Rebind when an IA_PD is asked for", () => {
  const sim = new Simulation({ config: testConfig(), servers: [serverA()] }).start();
  sim.runFor(5000);
  sim.serversReachable = false;
  sim.runFor(2900_000);
  for (const type of [MessageType.SOLICIT, MessageType.REQUEST, MessageType.RENEW]) {
    const oro = optionOf(sim.sentOfType(type)[0]!.message, "ORO")!;
    assert.ok(oro.codes.includes(OptionCode.PD_EXCLUDE), `ORO of message type ${type}`);
  }
  const rebind = optionOf(sim.sentOfType(MessageType.REBIND)[0]!.message, "ORO")!;
  assert.ok(rebind.codes.includes(OptionCode.PD_EXCLUDE));
  // Not asked for without an IA_PD, nor in an Information-request.
  for (const config of [testConfig({ iaPd: [] }), testConfig({ informationOnly: true })]) {
    const other = new Simulation({ config }).start();
    other.runFor(2000);
    const oro = optionOf(other.sent[0]!.message, "ORO")!;
    assert.ok(!oro.codes.includes(OptionCode.PD_EXCLUDE));
  }
});

Deno.test("6: the excluded prefix rides on the prefix lease, its updates, the status and the saved lease", () => {
  const sim = new Simulation({ config: testConfig(), servers: [excluding(EXCLUDE_1)] }).start();
  sim.runFor(1805_000);
  const excluded = { prefix: "2001:db8:1000:1::", prefixLength: 64 };
  const added = sim.actionsOf("prefix-add")[0]!.action.lease;
  assert.deepEqual(added.excluded, excluded);
  assert.deepEqual(sim.actionsOf("prefix-update")[0]?.action.lease.excluded, excluded, "Renew");
  assert.deepEqual(sim.client.status(sim.now).prefixes[0]!.excluded, excluded);
  const saved = sim.actionsOf("lease-changed").at(-1)!.action.lease!;
  assert.deepEqual(saved.prefixes[0]!.excluded, excluded);
  // A restart from the saved lease installs the prefix with its exclusion at once.
  const wall = 1_700_000_000_000;
  const again = new Simulation({ config: testConfig() }).start({ ...saved, savedAt: wall }, wall);
  assert.deepEqual(again.actionsOf("prefix-add")[0]!.action.lease.excluded, excluded);
  // A saved exclusion that does not lie inside its prefix is not trusted.
  const bad = { ...saved.prefixes[0]!, excluded: { prefix: "2001:db8:9999::", prefixLength: 64 } };
  const third = new Simulation({ config: testConfig() })
    .start({ ...saved, prefixes: [bad], savedAt: wall }, wall);
  assert.equal(third.actionsOf("prefix-add")[0]!.action.lease.excluded, undefined);
  // What the installer does with it: the routes that cover the rest, and the LAN check.
  const routes = prefixesExcluding(added, added.excluded);
  assert.equal(routes.length, 8);
  assert.ok(routes.every((r) => !prefixesOverlap(r, excluded)));
  assert.ok(prefixesOverlap({ prefix: "2001:db8:1000:1::", prefixLength: 64 }, excluded));
  assert.ok(!prefixesOverlap({ prefix: "2001:db8:1000:2::", prefixLength: 64 }, excluded));
});

Deno.test("6: a PD_EXCLUDE that cannot belong to its prefix discards that prefix, with a warning", () => {
  const notLonger: Option = { ...EXCLUDE_1, prefixLength: 56 };
  const sim = new Simulation({ config: testConfig(), servers: [excluding(notLonger)] }).start();
  sim.runFor(5000);
  const st = sim.client.status(sim.now);
  assert.equal(st.state, "bound", "the address is still used");
  assert.equal(st.prefixes.length, 0);
  assert.equal(sim.actionsOf("prefix-add").length, 0);
  const warn = sim.actionsOf("log").find((a) =>
    a.action.message.includes("discarding prefix 2001:db8:1000::/56: PD_EXCLUDE /56")
  );
  assert.equal(warn?.action.level, "warn");
});
