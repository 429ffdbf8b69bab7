/**
 * Issue 9, item 15 (RFC 9915 §18.2.5, §18.2.12): a saved lease whose age the
 * wall clock cannot tell (a router without a real-time clock starts behind
 * the time the lease was saved, or with an unset clock) is not trusted: none
 * of it is installed, a Rebind (never a Confirm) asks any server what is left
 * of it, and only the Reply's leases, with the Reply's lifetimes, reach the
 * kernel and the hook.
 */
import assert from "node:assert/strict";
import { MessageType } from "../../src/dhcp6/constants.ts";
import type { SavedLease } from "../../src/dhcp6/client/mod.ts";
import { addressesIn, prefixesIn, Simulation, testConfig } from "./harness.ts";
import { serverA } from "./fixtures.ts";

const SAVED_AT = 1_767_225_600_000; // 2026-01-01T00:00:00Z

const saved = (over: Partial<SavedLease> = {}): SavedLease => ({
  version: 1,
  interfaceName: "wan0",
  savedAt: SAVED_AT,
  serverDuid: "000200000009aa",
  serverAddress: "fe80::a",
  addresses: [{ iaid: 1, address: "2001:db8::100", preferredLifetime: 3000, validLifetime: 6000 }],
  prefixes: [{
    iaid: 0,
    prefix: "2001:db8:1000::",
    prefixLength: 56,
    preferredLifetime: 3000,
    validLifetime: 6000,
  }],
  options: ["00170010" + "20010db8000000000000000000000053"],
  ...over,
});

/** Actions that would put something in the kernel or tell the hook. */
const KERNEL_OR_HOOK = ["address-add", "prefix-add", "address-update", "prefix-update", "hook"];

Deno.test("15: a clock behind the lease's: nothing installed until the Rebind's Reply, then the Reply's lifetimes", () => {
  const sim = new Simulation({ config: testConfig(), servers: [serverA()] });
  // The router booted with a clock one day behind the time the lease was saved.
  sim.start(saved(), SAVED_AT - 86_400_000);
  assert.deepEqual(
    sim.actions.filter((a) => KERNEL_OR_HOOK.includes(a.action.type)),
    [],
    "nothing is installed or shown at start",
  );
  assert.equal(sim.actionsOf("lease-changed").length, 0, "the lease file is left as saved");
  const st = sim.client.status(sim.now);
  assert.equal(st.state, "rebinding");
  assert.deepEqual([st.addresses, st.prefixes], [[], []], "status shows nothing unconfirmed");
  assert.ok(sim.logs().some((l) => l.includes("the wall clock is 86400 s behind the time")));
  const [rebind] = sim.sentOfType(MessageType.REBIND);
  assert.ok(rebind, "a Rebind goes out at once");
  assert.deepEqual(addressesIn(rebind.message), ["2001:db8::100"]);
  assert.deepEqual(prefixesIn(rebind.message), ["2001:db8:1000::"]);
  sim.runFor(1000);
  // The Reply: now, and only now, the kernel and the hook get the leases, with its lifetimes.
  const added = sim.actionsOf("prefix-add");
  assert.equal(added.length, 1);
  assert.ok(added[0]!.time > rebind.time);
  assert.deepEqual(
    [added[0]!.action.lease.preferredLifetime, added[0]!.action.lease.validLifetime],
    [3600, 7200],
  );
  assert.equal(sim.actionsOf("address-add").length, 1);
  assert.equal(sim.actionsOf("address-update").length, 0);
  assert.deepEqual(sim.actionsOf("hook").map((h) => h.action.reason), ["REBIND"]);
  const lease = sim.actionsOf("lease-changed").at(-1)!.action.lease!;
  assert.deepEqual(lease.prefixes.map((p) => p.validLifetime), [7200]);
  assert.equal(sim.client.status(sim.now).state, "bound");
});

Deno.test("15: addresses only, age unknown: a Rebind, not a Confirm (a Confirm says nothing of lifetimes)", () => {
  const sim = new Simulation({ config: testConfig({ iaPd: [] }), servers: [serverA()] });
  sim.start(saved({ prefixes: [] }), SAVED_AT - 1000);
  sim.runFor(2000);
  assert.equal(sim.sentOfType(MessageType.CONFIRM).length, 0);
  assert.equal(sim.sentOfType(MessageType.REBIND).length, 1);
  assert.equal(sim.actionsOf("address-add").length, 1, "added once the Reply came");
  assert.ok(sim.actionsOf("address-add")[0]!.time > sim.sentOfType(MessageType.REBIND)[0]!.time);
});

Deno.test("15: no server answers: never installed, Rebind until the saved valid lifetime, then Solicit", () => {
  const sim = new Simulation({ config: testConfig(), servers: [] });
  sim.start(saved(), SAVED_AT - 1000);
  sim.runFor(6000_000 + 10_000);
  assert.deepEqual(sim.actions.filter((a) => KERNEL_OR_HOOK.includes(a.action.type)), []);
  assert.equal(sim.actionsOf("address-remove").length + sim.actionsOf("prefix-remove").length, 0);
  const rebinds = sim.sentOfType(MessageType.REBIND);
  assert.ok(rebinds.length > 10);
  assert.ok(rebinds.at(-1)!.time <= 6000_000, "not past the saved valid lifetime, an upper bound");
  const solicit = sim.sentOfType(MessageType.SOLICIT)[0]!;
  assert.ok(
    solicit.time >= 6000_000 && solicit.time < 6000_000 + 2000,
    `Solicit at ${solicit.time}`,
  );
  // Only now is the saved lease known to be over: its file goes.
  assert.deepEqual(sim.actionsOf("lease-changed").map((l) => l.action.lease), [null]);
});

Deno.test("15: the server answers with lifetimes 0: nothing was installed, nothing removed; Solicit", () => {
  const a = serverA({
    script: (m, s) =>
      m.type === MessageType.REBIND
        ? [{
          message: s.response(m, 7, s.leases(m, { ...s.options.pool, preferred: 0, valid: 0 })),
        }]
        : undefined,
  });
  const sim = new Simulation({ config: testConfig(), servers: [a] });
  sim.start(saved(), SAVED_AT - 1000);
  sim.runFor(500);
  assert.equal(sim.actionsOf("address-remove").length + sim.actionsOf("prefix-remove").length, 0);
  assert.equal(sim.actionsOf("hook").length, 0, "the hook never heard of them");
  assert.equal(sim.client.status(sim.now).state, "soliciting");
});

Deno.test("15: an unset clock (before 2020) makes the age unknown either way; a set clock is trusted", () => {
  for (const [savedAt, now] of [[SAVED_AT, 86_400_000], [600_000, SAVED_AT]] as const) {
    const sim = new Simulation({ config: testConfig(), servers: [serverA()] });
    sim.start(saved({ savedAt }), now);
    assert.equal(sim.actionsOf("prefix-add").length, 0, `saved ${savedAt}, now ${now}`);
    assert.ok(sim.logs().some((l) => l.includes("not set (before 2020)")));
  }
  const trusted = new Simulation({ config: testConfig(), servers: [serverA()] });
  trusted.start(saved(), SAVED_AT + 1000_000);
  const add = trusted.actionsOf("prefix-add")[0]!.action.lease;
  assert.deepEqual([add.preferredLifetime, add.validLifetime], [2000, 5000]);
});

Deno.test("15: the link going down and up before the Reply: a Rebind again, still nothing installed", () => {
  const sim = new Simulation({ config: testConfig(), servers: [] });
  sim.start(saved(), SAVED_AT - 1000);
  sim.runFor(3000);
  sim.link(false).runFor(1000);
  const before = sim.sentOfType(MessageType.REBIND).length;
  sim.link(true).runFor(5000);
  const after = sim.sentOfType(MessageType.REBIND);
  assert.ok(after.length > before);
  assert.equal(after[before]!.time, sim.now - 5000, "at once when the link is back");
  assert.equal(sim.sentOfType(MessageType.CONFIRM).length, 0);
  assert.equal(sim.actionsOf("address-add").length + sim.actionsOf("prefix-add").length, 0);
  sim.servers.push(serverA());
  sim.runUntilTrue(() => sim.client.status(sim.now).state === "bound", 600_000);
  assert.equal(sim.actionsOf("prefix-add").length, 1);
});

Deno.test("15: stop while the age is unknown: no hook for leases never shown, no remove", () => {
  const sim = new Simulation({ config: testConfig(), servers: [] });
  sim.start(saved(), SAVED_AT - 1000);
  sim.runFor(1000);
  sim.command("stop").runFor(60_000);
  assert.deepEqual(sim.actionsOf("hook").map((h) => h.action.reason), ["EXIT"]);
  assert.equal(sim.actionsOf("address-remove").length + sim.actionsOf("prefix-remove").length, 0);
});
