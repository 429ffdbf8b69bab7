/**
 * Issue 9, item 5 (RFC 9915 §14.2, §21.4, §21.21): T1/T2 edge cases. A T1 or
 * T2 of 0 leaves the time to the client (0.5 and 0.8 of the shortest
 * preferred lifetime); a T1 or T2 at or past the shortest valid lifetime
 * would let the lease end unrenewed, so the client renews and rebinds before
 * it ends and warns about the server.
 */
import assert from "node:assert/strict";
import { INFINITY, MessageType } from "../../src/dhcp6/constants.ts";
import type { ClientServerMessage } from "../../src/dhcp6/message.ts";
import type { Option } from "../../src/dhcp6/options/types.ts";
import { Simulation, testConfig } from "./harness.ts";
import { serverA } from "./fixtures.ts";

/** IA_NA 1 and IA_PD 0, both with `t1`/`t2`, preferred 3600 s and valid 7200 s. */
function ias(t1: number, t2: number): Option[] {
  const life = { preferredLifetime: 3600, validLifetime: 7200, options: [] };
  return [
    {
      name: "IA_NA",
      code: 3,
      iaid: 1,
      t1,
      t2,
      options: [{ name: "IAADDR", code: 5, address: "2001:db8::100", ...life }],
    },
    {
      name: "IA_PD",
      code: 25,
      iaid: 0,
      t1,
      t2,
      options: [{
        name: "IAPREFIX",
        code: 26,
        prefix: "2001:db8:1000::",
        prefixLength: 56,
        ...life,
      }],
    },
  ];
}

/** A bound simulation whose server answers every Request, Renew and Rebind with `t1`/`t2`. */
function boundWith(
  t1: number,
  t2: number,
  answers: (m: ClientServerMessage) => boolean = () => true,
): { sim: Simulation; bound: number } {
  const server = serverA({
    script: (m, s) =>
      m.type === 3 || m.type === 5 || m.type === 6
        ? (answers(m) ? [{ message: s.response(m, 7, ias(t1, t2)) }] : [])
        : undefined,
  });
  const sim = new Simulation({ config: testConfig(), servers: [server] }).start();
  sim.runFor(5000);
  assert.equal(sim.client.status(sim.now).state, "bound");
  return { sim, bound: sim.actionsOf("hook")[0]!.time };
}

Deno.test("5: T2 = 0 with a T1: Renew at T1, Rebind at a chosen T2 after it", () => {
  const early = boundWith(1000, 0, (m) => m.type === 3);
  early.sim.runFor(3000_000);
  assert.equal(early.sim.sentOfType(MessageType.RENEW)[0]?.time, early.bound + 1000_000);
  assert.equal(early.sim.sentOfType(MessageType.REBIND)[0]?.time, early.bound + 2880_000, "0.8 P");
  // A T1 past 0.8 × 3600 s: the chosen T2 must not coincide with it and skip the Renew.
  const { sim, bound } = boundWith(3000, 0, (m) => m.type === 3);
  sim.runFor(8000_000);
  assert.equal(sim.sentOfType(MessageType.RENEW)[0]?.time, bound + 3000_000, "the Renew happens");
  assert.equal(sim.sentOfType(MessageType.REBIND)[0]?.time, bound + 4800_000, "1.6 × T1");
  assert.deepEqual(sim.actionsOf("prefix-remove").map((r) => r.time), [bound + 7200_000]);
  assert.equal(
    sim.sentOfType(MessageType.SOLICIT)[1]?.time,
    bound + 7200_000,
    "discovery again only once the valid lifetime has ended",
  );
});

Deno.test("5: T1 = 0 with a T2: Renew at a chosen T1 before it", () => {
  const early = boundWith(0, 2000, (m) => m.type === 3);
  early.sim.runFor(2100_000);
  const renewAt = (r: { sim: Simulation }) => r.sim.sentOfType(MessageType.RENEW)[0]?.time;
  assert.equal(renewAt(early), early.bound + 1800_000, "0.5 × 3600 s");
  assert.equal(early.sim.sentOfType(MessageType.REBIND)[0]?.time, early.bound + 2000_000);
  // 0.5 × 3600 s would come after a T2 of 1500 s: 0.625 × T2, the 0.5 : 0.8 ratio.
  const late = boundWith(0, 1500, (m) => m.type === 3);
  late.sim.runFor(1600_000);
  assert.equal(renewAt(late), late.bound + 937_500);
  assert.equal(late.sim.sentOfType(MessageType.REBIND)[0]?.time, late.bound + 1500_000);
});

Deno.test("5: T1 past the valid lifetime: renewed in time, never expires, a warning names the server's values", () => {
  for (const [t1, t2] of [[10_000, 16_000], [7200, 7200], [INFINITY, INFINITY]]) {
    const { sim, bound } = boundWith(t1!, t2!);
    sim.runFor(3 * 86400_000);
    const what = `T1 ${t1}, T2 ${t2}`;
    assert.equal(sim.sentOfType(MessageType.RENEW)[0]?.time, bound + 1800_000, `${what}: 0.5 P`);
    assert.equal(sim.actionsOf("prefix-remove").length, 0, `${what}: the prefix never lapsed`);
    assert.equal(sim.actionsOf("address-remove").length, 0, `${what}: the address never lapsed`);
    assert.equal(sim.sentOfType(MessageType.SOLICIT).length, 1, `${what}: no new discovery`);
    assert.ok(
      sim.logs().some((l) =>
        l.includes(`the server sent T1 ${t1} s and T2 ${t2} s, at or past the shortest valid`) &&
        l.includes("renewing at 1800 s and rebinding at 2880 s instead")
      ),
      what,
    );
    const warn = sim.actionsOf("log").find((a) => a.action.message.includes("at or past"));
    assert.equal(warn?.action.level, "warn");
    const ia = sim.client.status(sim.now).ias[0]!;
    assert.deepEqual([ia.t1, ia.t2], [1800, 2880], `${what}: status shows the times in force`);
  }
});

Deno.test("5: T2 past the valid lifetime with a server gone silent: Rebind before the lease ends", () => {
  for (const [t1, rebindAt] of [[1800, 2880], [5000, 6100]]) {
    const { sim, bound } = boundWith(t1!, 9000, (m) => m.type === 3);
    sim.runFor(7300_000);
    const renew = sim.sentOfType(MessageType.RENEW)[0]?.time;
    assert.equal(renew, bound + t1! * 1000, "the server's T1 is kept");
    // 0.8 × 3600 s; or, when that would precede T1, halfway from T1 to the valid end.
    assert.equal(sim.sentOfType(MessageType.REBIND)[0]?.time, bound + rebindAt! * 1000);
    assert.ok(sim.sentOfType(MessageType.REBIND).length > 1, "Rebind retried until the end");
    assert.deepEqual(sim.actionsOf("prefix-remove").map((r) => r.time), [bound + 7200_000]);
  }
});
