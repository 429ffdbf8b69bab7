/**
 * A reload while running (RFC 9915 §18.2.4, §18.2.7): only what changed is
 * redone; every other binding is left as it is.
 * @module
 */
import assert from "node:assert/strict";
import { MessageType } from "../../src/dhcp6/constants.ts";
import type { ClientServerMessage } from "../../src/dhcp6/message.ts";
import type { ClientConfig } from "../../src/dhcp6/client/mod.ts";
import { optionOf, Simulation, testConfig } from "./harness.ts";
import { serverA, standardPool } from "./fixtures.ts";
import { status } from "./server.ts";

/** Server A, also delegating 2001:db8:2200::/56 to IA_PD 2. */
function twoPrefixServer(over: Parameters<typeof serverA>[0] = {}) {
  return serverA({
    pool: standardPool({ 1: "2001:db8::100" }, {
      0: ["2001:db8:1000::", 56],
      2: ["2001:db8:2200::", 56],
    }),
    ...over,
  });
}

const ONE_PD = testConfig();
const TWO_PD = testConfig({
  iaPd: [
    { iaid: 0, hints: [{ prefix: "::", prefixLength: 56 }] },
    { iaid: 2, hints: [{ prefix: "::", prefixLength: 56 }] },
  ],
});

/** The IAs of a message as "IA_PD 2: 2001:db8:2200::" lines. */
function iasOf(m: ClientServerMessage): string[] {
  return m.options.flatMap((o) => {
    if (o.name !== "IA_NA" && o.name !== "IA_PD") return [];
    const leases = o.options.flatMap((x) =>
      x.name === "IAADDR" ? [x.address] : x.name === "IAPREFIX" ? [x.prefix] : []
    );
    return [`${o.name} ${o.iaid}: ${leases.join(" ")}`];
  });
}

/** Bound with `config` against `server`; returns the simulation and the count of actions so far. */
function bound(config: ClientConfig, server = twoPrefixServer()) {
  const sim = new Simulation({ config, servers: [server] }).start();
  sim.runFor(5000);
  assert.equal(sim.client.status(sim.now).state, "bound");
  return { sim, mark: sim.actions.length, sent: sim.sent.length };
}

function actionTypesSince(sim: Simulation, mark: number): string[] {
  return sim.actions.slice(mark).map((a) => a.action.type).filter((t) =>
    t !== "log" && t !== "state-changed"
  );
}

Deno.test("reload: an added IA_PD is asked for in a Renew with every IA; nothing held is touched", () => {
  const { sim, mark, sent } = bound(ONE_PD);
  assert.equal(sim.configure(TWO_PD), "applied");
  const renew = sim.sent.slice(sent);
  assert.equal(renew.length, 1);
  assert.equal(renew[0]!.message.type, MessageType.RENEW);
  assert.deepEqual(iasOf(renew[0]!.message), [
    "IA_NA 1: 2001:db8::100",
    "IA_PD 0: 2001:db8:1000::",
    "IA_PD 2: ::",
  ]);
  sim.runFor(1000);
  assert.equal(sim.sentOfType(MessageType.RELEASE).length, 0);
  assert.deepEqual(actionTypesSince(sim, mark), [
    "address-update",
    "prefix-update",
    "prefix-add",
    "lease-changed",
    "hook",
  ]);
  assert.equal(sim.actionsOf("prefix-add").at(-1)!.action.lease.prefix, "2001:db8:2200::");
  const st = sim.client.status(sim.now);
  assert.equal(st.state, "bound");
  assert.deepEqual(st.prefixes.map((p) => `${p.iaid} ${p.prefix}`), [
    "0 2001:db8:1000::",
    "2 2001:db8:2200::",
  ]);
  assert.deepEqual(st.addresses.map((a) => a.address), ["2001:db8::100"]);
});

Deno.test("reload: a removed IA_PD is withdrawn, then released alone; the others stay bound", () => {
  const { sim, mark, sent } = bound(TWO_PD);
  assert.equal(sim.configure(ONE_PD), "applied");
  const out = sim.sent.slice(sent);
  assert.deepEqual(out.map((s) => s.message.type), [MessageType.RELEASE]);
  assert.deepEqual(iasOf(out[0]!.message), ["IA_PD 2: 2001:db8:2200::"]);
  // Actions are carried out before transmits: the prefix is gone before the Release leaves.
  const removed = sim.actionsOf("prefix-remove");
  assert.equal(removed.length, 1);
  assert.equal(removed[0]!.action.lease.prefix, "2001:db8:2200::");
  assert.equal(removed[0]!.action.deprecate, false, "nothing of a released prefix stays in use");
  assert.equal(removed[0]!.time, out[0]!.time);
  sim.runFor(1000);
  // The RELEASE hook comes before the Release, showing the bindings that stay (issue 9, item 12).
  assert.deepEqual(actionTypesSince(sim, mark), ["prefix-remove", "lease-changed", "hook"]);
  const hook = sim.actionsOf("hook").at(-1)!;
  assert.equal(hook.action.reason, "RELEASE");
  assert.equal(hook.time, out[0]!.time);
  assert.deepEqual(hook.action.status.prefixes.map((p) => p.prefix), ["2001:db8:1000::"]);
  const lease = sim.actionsOf("lease-changed").at(-1)!.action.lease!;
  assert.deepEqual(lease.prefixes.map((p) => p.prefix), ["2001:db8:1000::"]);
  const st = sim.client.status(sim.now);
  assert.equal(st.state, "bound");
  assert.deepEqual(st.prefixes.map((p) => p.prefix), ["2001:db8:1000::"]);
  assert.deepEqual(st.addresses.map((a) => a.address), ["2001:db8::100"]);
  assert.equal(sim.sent.length, sent + 1, "no Renew or Solicit follows the Release");
  // The kept IAs renew at their own T1, without the removed one.
  sim.runFor(1800_000);
  assert.deepEqual(iasOf(sim.sentOfType(MessageType.RENEW)[0]!.message), [
    "IA_NA 1: 2001:db8::100",
    "IA_PD 0: 2001:db8:1000::",
  ]);
});

Deno.test("reload: with release off, a removed IA_PD is only withdrawn", () => {
  const { sim, sent } = bound({ ...TWO_PD, releaseOnStop: false });
  assert.equal(sim.configure({ ...ONE_PD, releaseOnStop: false }), "applied");
  sim.runFor(1000);
  assert.equal(sim.sent.length, sent);
  assert.deepEqual(
    sim.actionsOf("prefix-remove").map((r) => `${r.action.lease.prefix} ${r.action.deprecate}`),
    ["2001:db8:2200:: true"],
    "kept at the server, it is withdrawn as stale (RFC 9096)",
  );
  assert.deepEqual(sim.client.status(sim.now).prefixes.map((p) => p.prefix), [
    "2001:db8:1000::",
  ]);
});

Deno.test("reload: one IA_PD swapped for another releases the old one, then renews with the new", () => {
  const { sim, sent } = bound(TWO_PD);
  const swapped = testConfig({ iaPd: [{ iaid: 0, hints: [] }, { iaid: 3, hints: [] }] });
  assert.equal(sim.configure(swapped), "applied");
  sim.runFor(1000);
  const out = sim.sent.slice(sent).map((s) => s.message);
  assert.deepEqual(out.map((m) => m.type), [MessageType.RELEASE, MessageType.RENEW]);
  assert.deepEqual(iasOf(out[0]!), ["IA_PD 2: 2001:db8:2200::"]);
  assert.deepEqual(iasOf(out[1]!), [
    "IA_NA 1: 2001:db8::100",
    "IA_PD 0: 2001:db8:1000::",
    "IA_PD 3: ",
  ]);
  // The pool has nothing for IA 3: NoPrefixAvail keeps the rest bound.
  const st = sim.client.status(sim.now);
  assert.equal(st.state, "bound");
  assert.deepEqual(st.ias.map((ia) => `${ia.type} ${ia.iaid} ${ia.status ?? "ok"}`), [
    "IA_NA 1 ok",
    "IA_PD 0 ok",
    "IA_PD 3 NoPrefixAvail",
  ]);
});

Deno.test("reload: an added IA the server does not give is retried in later Renews", () => {
  const server = serverA({
    script: (m, s) =>
      m.type === 5 && s.received.filter((r) => r.type === 5).length === 1
        ? [{
          message: s.response(m, 7, [
            ...s.leases(m).filter((o) => o.name !== "IA_PD" || o.iaid !== 2),
            { name: "IA_PD", code: 25, iaid: 2, t1: 0, t2: 0, options: [status(6, "none")] },
          ]),
        }]
        : undefined,
    pool: standardPool({ 1: "2001:db8::100" }, {
      0: ["2001:db8:1000::", 56],
      2: ["2001:db8:2200::", 56],
    }),
  });
  const { sim } = bound(ONE_PD, server);
  sim.configure(TWO_PD);
  sim.runFor(1000);
  assert.equal(sim.client.status(sim.now).prefixes.length, 1);
  sim.runFor(1800_000);
  const renews = sim.sentOfType(MessageType.RENEW);
  assert.equal(renews.length, 2);
  assert.equal(iasOf(renews[1]!.message).at(-1), "IA_PD 2: ::");
  assert.deepEqual(sim.client.status(sim.now).prefixes.map((p) => p.prefix), [
    "2001:db8:1000::",
    "2001:db8:2200::",
  ]);
});

Deno.test("reload: new hints of a held IA cause no exchange and no release", () => {
  const { sim, mark, sent } = bound(ONE_PD);
  const hinted = testConfig({ iaPd: [{ iaid: 0, hints: [{ prefix: "::", prefixLength: 48 }] }] });
  assert.equal(sim.configure(hinted), "applied");
  sim.runFor(60_000);
  assert.equal(sim.sent.length, sent);
  assert.deepEqual(actionTypesSince(sim, mark), []);
  assert.equal(sim.client.status(sim.now).prefixes.length, 1);
});

Deno.test("reload: new hints of an IA without leases give only their length to the next Renew (§18.2.4)", () => {
  const server = twoPrefixServer({
    pool: standardPool({ 1: "2001:db8::100" }, { 0: ["2001:db8:1000::", 56] }),
  });
  const { sim, sent } = bound(TWO_PD, server);
  const hinted = testConfig({
    iaPd: [
      { iaid: 0, hints: [{ prefix: "::", prefixLength: 56 }] },
      { iaid: 2, hints: [{ prefix: "2001:db8:7700::", prefixLength: 60 }] },
    ],
  });
  assert.equal(sim.configure(hinted), "applied");
  assert.equal(sim.sent.length, sent);
  sim.runFor(1800_000);
  const renew = sim.sentOfType(MessageType.RENEW)[0]!.message;
  // The prefix was never assigned by the server: only a length hint (::/60) may go out.
  assert.equal(iasOf(renew).at(-1), "IA_PD 2: ::");
  const pd2 = renew.options.find((o) => o.name === "IA_PD" && o.iaid === 2);
  assert.deepEqual(
    pd2?.name === "IA_PD" && pd2.options.map((o) => o.name === "IAPREFIX" && o.prefixLength),
    [60],
  );
});

Deno.test("reload: other settings apply in place, without any exchange", () => {
  const { sim, mark, sent } = bound(ONE_PD);
  const next = testConfig({
    requestOptions: [23, 24, 31],
    rawOptions: [{ code: 65001, data: Uint8Array.of(1, 2) }],
    rapidCommit: true,
    initialDelay: true,
    reconfigureAccept: true,
  });
  assert.equal(sim.configure(next), "applied");
  sim.runFor(60_000);
  assert.equal(sim.sent.length, sent);
  assert.deepEqual(actionTypesSince(sim, mark), []);
  sim.runFor(1800_000);
  const renew = sim.sentOfType(MessageType.RENEW)[0]!.message;
  assert.deepEqual(optionOf(renew, "ORO")!.codes.slice(0, 3), [23, 24, 31]);
  assert.ok(optionOf(renew, "RECONF_ACCEPT"));
  assert.ok(renew.options.some((o) => o.code === 65001));
});

Deno.test("reload: a new DUID or a switch to information-only asks for a restart and changes nothing", () => {
  const { sim, mark, sent } = bound(ONE_PD);
  assert.equal(
    sim.configure({ ...ONE_PD, duid: Uint8Array.of(0, 3, 0, 1, 9, 9, 9, 9, 9, 9) }),
    "restart",
  );
  assert.equal(sim.configure({ ...ONE_PD, informationOnly: true }), "restart");
  assert.equal(sim.configure({ ...ONE_PD, iaNa: [], iaPd: [] }), "restart");
  assert.equal(sim.sent.length, sent);
  assert.deepEqual(actionTypesSince(sim, mark), []);
  assert.equal(sim.client.status(sim.now).state, "bound");
});

Deno.test("reload: while soliciting, discovery starts over with the new IAs", () => {
  const sim = new Simulation({ config: ONE_PD, servers: [] }).start();
  sim.runFor(3000);
  const first = sim.sentOfType(MessageType.SOLICIT);
  assert.ok(first.length >= 1);
  assert.equal(sim.configure(TWO_PD), "applied");
  const again = sim.sentOfType(MessageType.SOLICIT).slice(first.length);
  assert.equal(again.length, 1);
  assert.notEqual(again[0]!.message.transactionId, first[0]!.message.transactionId);
  assert.deepEqual(iasOf(again[0]!.message), ["IA_NA 1: ", "IA_PD 0: ::", "IA_PD 2: ::"]);
  sim.servers.push(twoPrefixServer());
  sim.runFor(10_000);
  assert.equal(sim.client.status(sim.now).prefixes.length, 2);
});

Deno.test("reload: during a Confirm the change waits, then applies when it ends", () => {
  const naOnly = testConfig({ iaPd: [] });
  const { sim } = bound(naOnly);
  sim.link(false).link(true);
  assert.equal(sim.client.status(sim.now).state, "confirming");
  assert.equal(sim.configure(testConfig()), "deferred");
  assert.equal(sim.sentOfType(MessageType.RENEW).length, 0);
  sim.runFor(5000);
  assert.equal(sim.sentOfType(MessageType.CONFIRM).length, 1);
  const renew = sim.sentOfType(MessageType.RENEW);
  assert.equal(renew.length, 1);
  assert.deepEqual(iasOf(renew[0]!.message), ["IA_NA 1: 2001:db8::100", "IA_PD 0: ::"]);
  assert.equal(sim.client.status(sim.now).prefixes.length, 1);
});

Deno.test("reload: removing every held IA releases them and starts discovery for the rest", () => {
  const server = twoPrefixServer({
    pool: standardPool({}, { 0: ["2001:db8:1000::", 56] }),
  });
  const { sim, sent } = bound(TWO_PD, server);
  assert.deepEqual(sim.client.status(sim.now).prefixes.map((p) => p.iaid), [0]);
  assert.equal(sim.configure(testConfig({ iaPd: [{ iaid: 2, hints: [] }] })), "applied");
  sim.runFor(1000);
  const out = sim.sent.slice(sent).map((s) => s.message.type);
  assert.deepEqual(out.slice(0, 2), [MessageType.RELEASE, MessageType.SOLICIT]);
});

Deno.test("reload: with the link down nothing is sent; the Rebind after it comes back asks for the new IA", () => {
  const { sim, sent } = bound(ONE_PD);
  sim.link(false);
  assert.equal(sim.configure(TWO_PD), "applied");
  assert.equal(sim.sent.length, sent);
  assert.equal(sim.client.status(sim.now).state, "bound");
  sim.link(true);
  sim.runFor(5000);
  const rebind = sim.sentOfType(MessageType.REBIND);
  assert.equal(rebind.length, 1);
  assert.equal(iasOf(rebind[0]!.message).at(-1), "IA_PD 2: ::");
  assert.equal(sim.client.status(sim.now).prefixes.length, 2);
});
