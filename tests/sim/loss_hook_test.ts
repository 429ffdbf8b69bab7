/**
 * Issue 9, item 11: when leases go away without a Reply binding new ones, the
 * hook runs (RFC 9915 §18.2.5, §18.2.8, §18.2.10.1, §18.2.10.3, §18.2.13),
 * with a reason a script can tell apart and the state after the loss, so that
 * a script feeding an RA daemon or a resolver learns that a prefix is gone.
 */
import assert from "node:assert/strict";
import { MessageType } from "../../src/dhcp6/constants.ts";
import type { Option } from "../../src/dhcp6/options/types.ts";
import type { ClientStatus, HookReason } from "../../src/dhcp6/client/mod.ts";
import { buildHookEnvironment } from "../../src/hooks/environment.ts";
import { Simulation, testConfig } from "./harness.ts";
import { serverA } from "./fixtures.ts";
import { status } from "./server.ts";

const DNS: Option = { name: "DNS_SERVERS", code: 23, servers: ["2001:db8::53"] };

/** Every hook run so far: reason, time and the status it was given. */
function hooks(sim: Simulation): { reason: HookReason; time: number; status: ClientStatus }[] {
  return sim.actionsOf("hook").map((h) => ({
    reason: h.action.reason,
    time: h.time,
    status: h.action.status,
  }));
}

/** The environment of hook `i`, with the hook before it as the previous one (as the agent does). */
function env(sim: Simulation, i: number): Record<string, string> {
  const all = hooks(sim);
  return buildHookEnvironment(all[i]!.reason, all[i]!.status, all[i - 1]?.status, [], {
    now: all[i]!.time,
  });
}

Deno.test("11: every lease's valid lifetime ends without a server: EXPIRE, with nothing left", () => {
  const sim = new Simulation({ config: testConfig(), servers: [serverA({ extra: [DNS] })] })
    .start();
  sim.runFor(5000);
  sim.serversReachable = false;
  sim.runFor(7300_000);
  const all = hooks(sim);
  assert.deepEqual(all.map((h) => h.reason), ["REQUEST", "EXPIRE"]);
  const expire = all[1]!;
  const removed = sim.actionsOf("prefix-remove");
  assert.equal(removed.length, 1);
  assert.equal(expire.time, removed[0]!.time, "the hook runs as the prefix goes");
  assert.ok(
    sim.actions.indexOf(removed[0]!) <
      sim.actions.findIndex((a) => a.time === expire.time && a.action.type === "hook"),
  );
  // The state after the loss: nothing held, discovery started again, the server and its DNS gone.
  assert.deepEqual(expire.status.addresses, []);
  assert.deepEqual(expire.status.prefixes, []);
  assert.equal(expire.status.state, "soliciting");
  assert.equal(expire.status.serverDuid, undefined);
  assert.deepEqual(expire.status.options, []);
  const e = env(sim, 1);
  assert.equal(e.REASON, "EXPIRE");
  assert.equal(e.PDINFO, undefined);
  assert.equal(e.new_domain_name_servers, undefined);
  assert.equal(e.OLD_PDINFO, "2001:db8:1000::/56");
  assert.equal(e.OLD_ADDRESSES, "2001:db8::100");
  assert.equal(e.CHANGED, "addresses,prefixes,server,dns");
});

Deno.test("11: one lease expires while the others are renewed or rebinding: EXPIRE with the rest", () => {
  // The server gives the prefix a shorter valid lifetime than the address, then goes away.
  const a = serverA({
    script: (m, s) => {
      if (m.type !== MessageType.REQUEST) return undefined;
      const ias = s.leases(m).map((o) =>
        o.name === "IA_PD"
          ? {
            ...o,
            options: o.options.map((p) =>
              p.name === "IAPREFIX" ? { ...p, preferredLifetime: 2000, validLifetime: 3000 } : p
            ),
          }
          : o
      );
      return [{ message: s.response(m, 7, ias) }];
    },
  });
  const sim = new Simulation({ config: testConfig(), servers: [a] }).start();
  sim.runFor(5000);
  sim.serversReachable = false;
  sim.runFor(3100_000);
  const all = hooks(sim);
  assert.deepEqual(all.map((h) => h.reason), ["REQUEST", "EXPIRE"]);
  const expire = all[1]!.status;
  assert.deepEqual(expire.prefixes, []);
  assert.deepEqual(expire.addresses.map((x) => x.address), ["2001:db8::100"]);
  assert.equal(expire.state, "rebinding");
  assert.equal(env(sim, 1).CHANGED, "prefixes");
});

Deno.test("11: Confirm answered NotOnLink: NOTONLINK, the addresses gone, discovery started", () => {
  const a = serverA({
    script: (m, s) =>
      m.type === MessageType.CONFIRM
        ? [{ message: s.response(m, 7, [], [status(4, "elsewhere")]) }]
        : undefined,
  });
  const sim = new Simulation({ config: testConfig({ iaPd: [] }), servers: [a] }).start();
  sim.runFor(5000);
  sim.link(false).link(true).runFor(5000);
  const all = hooks(sim);
  // (A new discovery binds again later.)
  assert.deepEqual(all.slice(0, 2).map((h) => h.reason), ["REQUEST", "NOTONLINK"]);
  assert.equal(all[1]!.time, sim.actionsOf("address-remove")[0]!.time);
  assert.deepEqual(all[1]!.status.addresses, []);
  assert.equal(all[1]!.status.state, "soliciting");
  assert.equal(env(sim, 1).OLD_ADDRESSES, "2001:db8::100");
});

Deno.test("11: a Request after a Decline answered NotOnLink: NOTONLINK, the prefix withdrawn too", () => {
  const a = serverA({
    script: (m, s) =>
      m.type === MessageType.REQUEST &&
        s.received.some((x) => x.type === MessageType.DECLINE)
        ? [{ message: s.response(m, 7, [], [status(4, "elsewhere")]) }]
        : undefined,
  });
  const sim = new Simulation({ config: testConfig(), servers: [a] }).start();
  sim.runFor(5000);
  sim.address("2001:db8::100", "dad-failed");
  sim.runFor(5000);
  const all = hooks(sim);
  assert.deepEqual(all.map((h) => h.reason), ["REQUEST", "DECLINE", "NOTONLINK"]);
  assert.deepEqual(all[2]!.status.prefixes, []);
  assert.equal(env(sim, 2).OLD_PDINFO, "2001:db8:1000::/56");
  assert.equal(sim.actionsOf("prefix-remove").length, 1);
});

Deno.test("11: DAD failure: DECLINE before the Decline goes out, without the address, the prefix kept", () => {
  const sim = new Simulation({ config: testConfig(), servers: [serverA()] }).start();
  sim.runFor(5000);
  sim.serversReachable = false;
  sim.address("2001:db8::100", "dad-failed");
  const decline = sim.sentOfType(MessageType.DECLINE)[0]!;
  const all = hooks(sim);
  assert.deepEqual(all.map((h) => h.reason), ["REQUEST", "DECLINE"]);
  assert.equal(all[1]!.time, decline.time, "the hook and the Decline come from the same event");
  assert.deepEqual(all[1]!.status.addresses, []);
  assert.deepEqual(all[1]!.status.prefixes.map((p) => p.prefix), ["2001:db8:1000::"]);
  assert.equal(all[1]!.status.state, "declining");
  assert.equal(env(sim, 1).CHANGED, "addresses");
});

Deno.test("11: NoBinding, then the Request goes unanswered: NOBINDING, that IA gone, the rest kept", () => {
  const a = serverA({
    script: (m, s) => {
      if (m.type === MessageType.RENEW) {
        const ias = s.leases(m).map((o) =>
          o.name === "IA_NA" ? { ...o, options: [status(3, "gone")] } : o
        );
        return [{ message: s.response(m, 7, ias) }];
      }
      if (m.type === MessageType.REQUEST && s.received.some((x) => x.type === 5)) return [];
      return undefined;
    },
  });
  const sim = new Simulation({ config: testConfig(), servers: [a] }).start();
  sim.runFor(5000 + 1800_000 + 200_000);
  const all = hooks(sim);
  assert.deepEqual(all.map((h) => h.reason), ["REQUEST", "NOBINDING"]);
  assert.deepEqual(all[1]!.status.addresses, []);
  assert.deepEqual(all[1]!.status.prefixes.map((p) => p.prefix), ["2001:db8:1000::"]);
  assert.equal(all[1]!.status.state, "bound");
  assert.equal(all[1]!.time, sim.actionsOf("address-remove")[0]!.time);
});

Deno.test("11: a Renew answered with valid lifetimes 0 takes the last leases: RENEW with nothing", () => {
  const a = serverA({
    extra: [DNS],
    script: (m, s) => {
      if (m.type !== MessageType.RENEW) return undefined;
      const pool = { ...s.options.pool, preferred: 0, valid: 0 };
      return [{ message: s.response(m, 7, s.leases(m, pool)) }];
    },
  });
  const sim = new Simulation({ config: testConfig(), servers: [a] }).start();
  sim.runFor(5000 + 1800_000 + 1000);
  const all = hooks(sim);
  assert.deepEqual(all.slice(0, 2).map((h) => h.reason), ["REQUEST", "RENEW"]);
  assert.deepEqual(all[1]!.status.prefixes, []);
  assert.deepEqual(all[1]!.status.addresses, []);
  assert.equal(all[1]!.status.state, "soliciting");
  assert.equal(env(sim, 1).CHANGED, "addresses,prefixes,server,dns");
});

Deno.test("11: a reload removes an IA_PD with release off: RELOAD, the prefix withdrawn as stale", () => {
  const config = testConfig({ releaseOnStop: false });
  const sim = new Simulation({ config, servers: [serverA()] }).start();
  sim.runFor(5000);
  assert.equal(sim.configure({ ...config, iaPd: [] }), "applied");
  const all = hooks(sim);
  assert.deepEqual(all.map((h) => h.reason), ["REQUEST", "RELOAD"]);
  assert.deepEqual(all[1]!.status.prefixes, []);
  assert.deepEqual(all[1]!.status.addresses.map((x) => x.address), ["2001:db8::100"]);
  assert.equal(sim.actionsOf("prefix-remove")[0]!.action.deprecate, true);
  assert.equal(sim.sentOfType(MessageType.RELEASE).length, 0);
  assert.equal(env(sim, 1).CHANGED, "prefixes");
});
