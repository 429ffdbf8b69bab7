/** Behaviour 5 (RFC 9915 §18.2.10, §18.2.10.1, §14.2, §21.4, §21.6, §21.22): processing a Reply. */
import assert from "node:assert/strict";
import { INFINITY, MessageType } from "../../src/dhcp6/constants.ts";
import type { Option } from "../../src/dhcp6/options/types.ts";
import { optionOf, Simulation, testConfig } from "./harness.ts";
import { serverA } from "./fixtures.ts";
import { status } from "./server.ts";

/**
 * A started simulation whose server answers Request, Renew and Rebind with a
 * Reply carrying `ias` (built from the client's message) and `extra`.
 */
function simulateReplies(
  ias: (m: import("../../src/dhcp6/message.ts").ClientServerMessage) => Option[],
  extra: Option[] = [],
): Simulation {
  const server = serverA({
    script: (m, s) =>
      (m.type === 3 || m.type === 5 || m.type === 6)
        ? [{ message: s.response(m, 7, ias(m), extra) }]
        : undefined,
  });
  return new Simulation({ config: testConfig(), servers: [server] }).start();
}

const na = (t1: number, t2: number, opts: Option[]): Option => ({
  name: "IA_NA",
  code: 3,
  iaid: 1,
  t1,
  t2,
  options: opts,
});
const pd = (t1: number, t2: number, opts: Option[]): Option => ({
  name: "IA_PD",
  code: 25,
  iaid: 0,
  t1,
  t2,
  options: opts,
});
const addr = (address: string, p: number, v: number): Option => ({
  name: "IAADDR",
  code: 5,
  address,
  preferredLifetime: p,
  validLifetime: v,
  options: [],
});
const prefix = (p: string, len: number, pl: number, vl: number): Option => ({
  name: "IAPREFIX",
  code: 26,
  prefix: p,
  prefixLength: len,
  preferredLifetime: pl,
  validLifetime: vl,
  options: [],
});

/**
 * Runs the binding, then checks that only the prefix was taken and that the
 * log gives `why` the address was not.
 */
function assertOnlyPrefixBound(sim: Simulation, why: string): void {
  sim.runFor(5000);
  const st = sim.client.status(sim.now);
  assert.equal(st.addresses.length, 0);
  assert.equal(st.prefixes.length, 1);
  assert.ok(sim.logs().some((l) => l.includes(why)), why);
}

/** IA_NA 1 and IA_PD 0 bound with T1 100 s, T2 160 s, preferred 300 s and valid 600 s. */
const usualIas = (): Option[] => [
  na(100, 160, [addr("2001:db8::100", 300, 600)]),
  pd(100, 160, [prefix("2001:db8:1000::", 56, 300, 600)]),
];

Deno.test("5: an address with preferred > valid is discarded, the rest is used", () => {
  const sim = simulateReplies(() => [
    na(100, 160, [addr("2001:db8::bad", 9000, 7200)]),
    pd(100, 160, [prefix("2001:db8:1000::", 56, 300, 600)]),
  ]);
  assertOnlyPrefixBound(
    sim,
    "discarding address 2001:db8::bad: preferred lifetime 9000 > valid 7200",
  );
  assert.equal(sim.actionsOf("address-add").length, 0);
});

Deno.test("5: T1 and T2 are used exactly as given, however small", () => {
  const sim = simulateReplies(() => [
    na(7, 11, [addr("2001:db8::100", 300, 600)]),
    pd(7, 11, [prefix("2001:db8:1000::", 56, 300, 600)]),
  ]);
  sim.runFor(5000);
  const bound = sim.actionsOf("hook")[0]!.time;
  sim.runFor(20_000);
  assert.equal(sim.sentOfType(MessageType.RENEW)[0]!.time, bound + 7000);
  const status = sim.client.status(sim.now).ias[0]!;
  assert.deepEqual([status.t1, status.t2], [7, 11]);
});

Deno.test("5: T1/T2 of 0 are chosen by the client as 0.5 and 0.8 of the shortest preferred lifetime", () => {
  const sim = simulateReplies(() => [
    na(0, 0, [addr("2001:db8::100", 1000, 2000)]),
    pd(0, 0, [prefix("2001:db8:1000::", 56, 3000, 4000)]),
  ]);
  sim.runFor(5000);
  const bound = sim.actionsOf("hook")[0]!.time;
  sim.serversReachable = false;
  sim.runFor(900_000);
  assert.equal(sim.sentOfType(MessageType.RENEW)[0]!.time, bound + 500_000, "T1 = 0.5 × 1000 s");
  assert.equal(sim.sentOfType(MessageType.REBIND)[0]!.time, bound + 800_000, "T2 = 0.8 × 1000 s");
});

Deno.test("5: an IA with T1 > T2 is discarded; the rest of the Reply is processed", () => {
  const sim = simulateReplies(() => [
    na(200, 100, [addr("2001:db8::100", 300, 600)]),
    pd(100, 160, [prefix("2001:db8:1000::", 56, 300, 600)]),
  ]);
  assertOnlyPrefixBound(sim, "discarding IA_NA 1 has T1 200 > T2 100");
});

Deno.test("5: a prefix given valid lifetime 0 is removed at once, not kept deprecated", () => {
  const sim = simulateReplies((m) =>
    m.type === 5
      ? [
        na(100, 160, [addr("2001:db8::100", 300, 600)]),
        pd(100, 160, [prefix("2001:db8:1000::", 56, 0, 0)]),
      ]
      : usualIas()
  );
  sim.runFor(200_000);
  const removed = sim.actionsOf("prefix-remove");
  assert.equal(removed.length, 1);
  assert.equal(removed[0]!.action.lease.prefix, "2001:db8:1000::");
  assert.equal(removed[0]!.action.deprecate, false, "nothing is left to deprecate (RFC 9915 §6.3)");
  assert.equal(sim.client.status(sim.now).prefixes.length, 0);
});

Deno.test("5: valid lifetime 0 removes a lease; infinity never expires nor renews", () => {
  let renewals = 0;
  const sim = simulateReplies((m) => {
    if (m.type === 5) renewals++;
    return m.type === 5
      ? [
        na(100, 160, [addr("2001:db8::100", 0, 0)]),
        pd(100, 160, [prefix("2001:db8:1000::", 56, 300, 600)]),
      ]
      : usualIas();
  });
  sim.runFor(200_000);
  assert.equal(renewals >= 1, true);
  const removed = sim.actionsOf("address-remove");
  assert.equal(removed.length, 1);
  assert.equal(removed[0]!.action.lease.address, "2001:db8::100");
  assert.equal(sim.client.status(sim.now).addresses.length, 0);

  const forever = simulateReplies(() => [
    na(INFINITY, INFINITY, [addr("2001:db8::100", INFINITY, INFINITY)]),
    pd(INFINITY, INFINITY, [prefix("2001:db8:1000::", 56, INFINITY, INFINITY)]),
  ]);
  forever.runFor(100 * 86400_000);
  assert.equal(forever.sentOfType(MessageType.RENEW).length, 0);
  assert.equal(forever.sentOfType(MessageType.REBIND).length, 0);
  assert.equal(forever.actionsOf("address-remove").length, 0);
  assert.equal(forever.client.pollTimeout(), undefined, "nothing to wait for");
});

Deno.test("5: NotOnLink in a Reply to Request → Solicit again without the address hints", () => {
  let requests = 0;
  const server = serverA({
    script: (m, s) => {
      if (m.type !== 3) return undefined;
      requests++;
      return requests === 1
        ? [{ message: s.response(m, 7, [], [status(4, "wrong link")]) }]
        : undefined;
    },
  });
  const config = testConfig({ iaNa: [{ iaid: 1, hints: [{ address: "2001:db8:ffff::5" }] }] });
  const sim = new Simulation({ config, servers: [server] }).start();
  sim.runFor(10_000);
  const solicits = sim.sentOfType(MessageType.SOLICIT);
  assert.equal(solicits.length, 2);
  const hinted = (i: number) => optionOf(solicits[i]!.message, "IA_NA")!.options.length;
  assert.equal(hinted(0), 1, "the first Solicit carries the hint");
  assert.equal(hinted(1), 0, "the Solicit after NotOnLink does not");
  assert.equal(sim.client.status(sim.now).state, "bound");
});

Deno.test("5: IA_TA and Server Unicast in a Reply are ignored", () => {
  const sim = simulateReplies(
    () => [
      ...usualIas(),
      { name: "IA_TA", code: 4, iaid: 1, options: [addr("2001:db8::7a", 300, 600)] },
    ],
    [{ name: "UNICAST", code: 12, address: "2001:db8::53" }],
  );
  sim.runFor(1900_000);
  assert.deepEqual(sim.client.status(sim.now).addresses.map((a) => a.address), ["2001:db8::100"]);
  assert.ok(sim.logs().some((l) => l.includes("ignoring IA_TA 1")));
  assert.ok(sim.logs().some((l) => l.includes("ignoring Server Unicast option")));
  const renews = sim.sentOfType(MessageType.RENEW);
  assert.ok(renews.length > 0, "a Renew went out at T1");
  assert.deepEqual(
    [...new Set(renews.map((s) => s.destination))],
    ["ff02::1:2"],
    "Renew still multicast despite the Server Unicast option",
  );
});

Deno.test("5: a delegated prefix shorter than /16 (e.g. ::/0) is discarded, the rest is used", () => {
  const sim = simulateReplies(() => [
    na(100, 160, [addr("2001:db8::100", 300, 600)]),
    pd(100, 160, [prefix("::", 0, 300, 600), prefix("2001:db8:1000::", 56, 300, 600)]),
  ]);
  sim.runFor(5000);
  const st = sim.client.status(sim.now);
  assert.deepEqual(st.prefixes.map((p) => `${p.prefix}/${p.prefixLength}`), ["2001:db8:1000::/56"]);
  assert.equal(st.addresses.length, 1);
  assert.deepEqual(
    sim.actionsOf("prefix-add").map((a) => a.action.lease.prefixLength),
    [56],
    "no action ever asks the shell to install ::/0",
  );
  assert.ok(sim.logs().some((l) => l.includes("discarding prefix ::/0: shorter than /16")));
});
