/**
 * The RA engine on a virtual clock: the schedule (RFC 4861 §6.2.4), bursts,
 * solicitations (§6.2.6), lifetime caps (RFC 9096 §4), staleness over time
 * and across a restart (RFC 9096 §3.5), router lifetime 0 (RFC 7084 G-4,
 * G-5; §6.2.5), DNS options (RFC 8106) and other routers (§6.2.7).
 */
import assert from "node:assert/strict";
import { RaEngine } from "./engine.ts";
import { decodeNdMessage, type RouterAdvertisement } from "./nd_codec.ts";
import type { LanSubnet, PrefixRecord, RaAction, RaSettings } from "./types.ts";

const SETTINGS: RaSettings = {
  maxInterval: 600,
  minInterval: 198,
  routerLifetime: 1800,
  managed: false,
  other: true,
};
const LL = "fe80::1";
const MAC = new Uint8Array([2, 0, 0, 0, 0, 1]);

/** A seeded PRNG (mulberry32): reproducible randomness for the engine. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Sent {
  readonly at: number;
  readonly destination: string;
  readonly solicited: boolean;
  readonly ra: RouterAdvertisement;
  readonly parts: number;
}

/** An engine with a virtual clock that records every RA sent and every action. */
class Harness {
  now = 0;
  readonly engine: RaEngine;
  readonly sent: Sent[] = [];
  readonly actions: RaAction[] = [];

  constructor(options: { saved?: PrefixRecord[]; settings?: RaSettings; now?: number } = {}) {
    this.now = options.now ?? 0;
    this.engine = new RaEngine({
      name: "lan0",
      settings: options.settings ?? SETTINGS,
      random: seeded(7),
      now: this.now,
      ...(options.saved === undefined ? {} : { saved: options.saved }),
    });
    this.drain();
  }

  /** Sends what is due now, like the runtime's drain. */
  drain(): void {
    for (let t = this.engine.pollTransmit(this.now); t; t = this.engine.pollTransmit(this.now)) {
      const decoded = t.messages.map((m) => {
        const r = decodeNdMessage(m, LL, 255);
        assert.ok(r.ok && r.message.type === "ra", "the engine's RA decodes");
        return r.message.advertisement;
      });
      const ra = decoded[0]!;
      this.sent.push({
        at: this.now,
        destination: t.destination,
        solicited: t.solicited,
        ra: {
          ...ra,
          prefixes: decoded.flatMap((d) => d.prefixes),
          routes: decoded.flatMap((d) => d.routes),
          dnsServers: decoded.flatMap((d) => d.dnsServers),
          dnsDomains: decoded.flatMap((d) => d.dnsDomains),
        },
        parts: t.messages.length,
      });
    }
    for (let a = this.engine.pollAction(); a; a = this.engine.pollAction()) this.actions.push(a);
  }

  /** Runs the clock to `until` (ms), firing every timer on the way. */
  runUntil(until: number): void {
    for (;;) {
      const t = this.engine.pollTimeout();
      if (t === undefined || t > until) break;
      this.now = Math.max(this.now, t);
      this.engine.handleTimeout(this.now);
      this.drain();
    }
    this.now = until;
    this.drain();
  }

  last(): Sent {
    const s = this.sent.at(-1);
    assert.ok(s, "an RA was sent");
    return s;
  }

  records(): readonly PrefixRecord[] {
    const persisted = this.actions.filter((a) => a.type === "persist");
    const last = persisted.at(-1);
    return last?.type === "persist" ? last.records : [];
  }
}

const S = 1000;
const subnet = (prefix: string, preferred: number, valid: number, at = 0): LanSubnet => ({
  prefix,
  prefixLength: 64,
  delegatedPrefix: `${prefix.replace(/:[0-9a-f]+::$/, "::")}/56`,
  preferredUntil: preferred === Infinity ? Infinity : at + preferred * S,
  validUntil: valid === Infinity ? Infinity : at + valid * S,
});
const A = "2001:db8:1:1::";
const B = "2001:db8:2:1::";

/** A harness advertising A (and default router) from time 0. */
function advertising(): Harness {
  const h = new Harness();
  h.engine.setDefaultRouter(0, undefined);
  h.engine.setSubnets(0, [subnet(A, 7200, 14400)]);
  h.engine.setSource(0, LL, MAC);
  h.drain();
  return h;
}

Deno.test("RA engine: nothing goes out before the link-local source is usable", () => {
  const h = new Harness();
  h.engine.setSubnets(0, [subnet(A, 7200, 14400)]);
  h.engine.handleSolicit(0, "fe80::99");
  h.runUntil(3600 * S);
  assert.equal(h.sent.length, 0);
  assert.equal(h.engine.status(h.now).advertising, false);
});

Deno.test("RA engine: 3 fast RAs at most 16 s apart, then one every [min, max]", () => {
  const h = new Harness();
  h.engine.setDefaultRouter(0, undefined);
  h.engine.setSubnets(0, [subnet(A, Infinity, Infinity)]);
  h.engine.setSource(0, LL, MAC);
  h.drain();
  h.runUntil(6 * 3600 * S);
  const times = h.sent.filter((s) => !s.solicited).map((s) => s.at);
  assert.equal(times[0], 0, "the first RA goes out at once");
  const gaps = times.slice(1).map((t, i) => (t - times[i]!) / S);
  assert.ok(gaps[0]! <= 16 && gaps[1]! <= 16, `fast gaps ${gaps.slice(0, 2)}`);
  assert.ok(gaps[0]! >= 3 && gaps[1]! >= 3, "never closer than MIN_DELAY_BETWEEN_RAS");
  for (const g of gaps.slice(2)) assert.ok(g >= 198 && g <= 600, `periodic gap ${g}`);
  assert.ok(gaps.length > 30, "keeps advertising");
  for (const s of h.sent) assert.equal(s.destination, "ff02::1");
});

Deno.test("RA engine: the RA carries hop limit, flags, router lifetime, SLLA, PIO, RIO", () => {
  const h = advertising();
  const ra = h.sent[0]!.ra;
  assert.equal(ra.curHopLimit, 64);
  assert.equal(ra.managed, false);
  assert.equal(ra.other, true);
  assert.equal(ra.routerLifetime, 1800);
  assert.deepEqual([...ra.sourceLinkLayer!], [...MAC]);
  assert.deepEqual(ra.prefixes, [{
    prefix: A,
    prefixLength: 64,
    onLink: true,
    autonomous: true,
    validLifetime: 5400, // capped at ND_VALID_LIMIT (RFC 9096 §4)
    preferredLifetime: 2700, // capped at ND_PREFERRED_LIMIT
  }]);
  assert.deepEqual(ra.routes, [{ prefix: "2001:db8:1::", prefixLength: 56, lifetime: 5400 }]);
  assert.equal(ra.mtu, undefined, "no MTU option unless configured");
});

Deno.test("RA engine: short lifetimes are the delegated prefix's remaining ones, counting down", () => {
  const h = new Harness();
  h.engine.setDefaultRouter(0, undefined);
  h.engine.setSubnets(0, [subnet(A, 1000, 2000)]);
  h.engine.setSource(0, LL, MAC);
  h.drain();
  assert.deepEqual(
    [h.sent[0]!.ra.prefixes[0]!.preferredLifetime, h.sent[0]!.ra.prefixes[0]!.validLifetime],
    [1000, 2000],
  );
  h.runUntil(1500 * S);
  const later = h.last();
  const left = Math.floor((2000 * S - later.at) / S);
  assert.equal(later.ra.prefixes[0]!.validLifetime, left);
  assert.equal(
    later.ra.prefixes[0]!.preferredLifetime,
    Math.max(0, Math.floor((1000 * S - later.at) / S)),
  );
  // Infinite lifetimes are capped too.
  h.engine.setSubnets(h.now, [subnet(A, Infinity, Infinity)]);
  h.engine.handleSolicit(h.now, "fe80::99");
  h.runUntil(h.now + S);
  assert.deepEqual(
    [h.last().ra.prefixes[0]!.preferredLifetime, h.last().ra.prefixes[0]!.validLifetime],
    [2700, 5400],
  );
});

Deno.test("RA engine: an RS is answered within 0.5 s, unicast; from :: multicast, rate limited", () => {
  const h = advertising();
  h.runUntil(1000 * S);
  const before = h.sent.length;
  h.engine.handleSolicit(h.now, "fe80::99");
  h.runUntil(h.now + 500);
  const answer = h.sent.slice(before);
  assert.equal(answer.length, 1);
  assert.equal(answer[0]!.destination, "fe80::99");
  assert.equal(answer[0]!.solicited, true);
  // Two RSs from :: within a second: one multicast answer, 3 s after the previous multicast.
  const t0 = h.now;
  h.engine.handleSolicit(t0, "::");
  h.runUntil(t0 + 600);
  const first = h.sent.length;
  assert.equal(h.last().destination, "ff02::1");
  h.engine.handleSolicit(h.now, "::");
  h.runUntil(h.now + 2 * S);
  assert.equal(h.sent.length, first, "no second multicast RA within 3 s");
  h.runUntil(t0 + 4 * S);
  assert.equal(h.sent.length, first + 1);
  assert.ok(h.last().at - h.sent[first - 1]!.at >= 3 * S);
  assert.equal(h.engine.status(h.now).counters.rsReceived, 3);
});

Deno.test("RA engine: a new prefix starts a burst; a withdrawn one goes out at once, even within 3 s", () => {
  const h = advertising();
  h.runUntil(1000 * S);
  const before = h.sent.length;
  h.engine.setSubnets(h.now, [subnet(A, 7200, 14400, h.now), subnet(B, 7200, 14400, h.now)]);
  h.drain();
  assert.equal(h.sent.length, before + 1, "the change goes out at once");
  assert.equal(h.last().ra.prefixes.length, 2);
  const changeAt = h.now;
  h.runUntil(changeAt + 40 * S);
  const burst = h.sent.slice(before).map((s) => (s.at - changeAt) / S);
  assert.equal(burst.length, 3, `a burst of 3 within 32 s: ${burst}`);
  // Withdraw A one second later than an RA: out at once, not 3 s later.
  h.runUntil(h.last().at + S);
  const n = h.sent.length;
  h.engine.setSubnets(h.now, [subnet(B, 7200, 14400, h.now)]);
  h.drain();
  assert.equal(h.sent.length, n + 1);
  const stale = h.last().ra.prefixes.find((p) => p.prefix === A)!;
  assert.deepEqual(stale, {
    prefix: A,
    prefixLength: 64,
    onLink: true,
    autonomous: true,
    validLifetime: 0,
    preferredLifetime: 0,
  });
});

Deno.test("RA engine: a stale /64 goes out with lifetimes 0 for the valid lifetime last advertised", () => {
  const h = new Harness();
  h.engine.setDefaultRouter(0, undefined);
  h.engine.setSubnets(0, [subnet(A, 600, 1200)]);
  h.engine.setSource(0, LL, MAC);
  h.drain();
  h.runUntil(100 * S);
  const lastValid = h.last().ra.prefixes[0]!.validLifetime;
  const withdrawnAt = h.now;
  h.engine.setSubnets(withdrawnAt, [subnet(B, 7200, 14400, withdrawnAt)]);
  h.drain();
  const st = h.engine.status(h.now);
  assert.deepEqual(st.stale, [{ subnet: `${A}/64`, left: lastValid }]);
  h.runUntil(withdrawnAt + (lastValid - 1) * S);
  assert.ok(h.last().ra.prefixes.some((p) => p.prefix === A && p.validLifetime === 0));
  h.runUntil(withdrawnAt + (lastValid + 700) * S);
  assert.ok(!h.last().ra.prefixes.some((p) => p.prefix === A), "dropped once its time is over");
  assert.deepEqual(h.engine.status(h.now).stale, []);
});

Deno.test("RA engine: staleness is capped at ND_VALID_LIMIT; an expired prefix goes stale too", () => {
  const h = advertising();
  h.runUntil(10 * S);
  h.engine.setSubnets(h.now, []);
  h.drain();
  assert.deepEqual(h.engine.status(h.now).stale, [{ subnet: `${A}/64`, left: 5400 }]);
  // A prefix whose valid lifetime runs out while still fed goes stale by itself.
  const g = new Harness();
  g.engine.setDefaultRouter(0, undefined);
  g.engine.setSubnets(0, [subnet(B, 30, 60)]);
  g.engine.setSource(0, LL, MAC);
  g.drain();
  g.runUntil(61 * S);
  const last = g.last();
  assert.equal(last.at, 60 * S, "an RA goes out when it expires");
  assert.deepEqual(last.ra.prefixes.map((p) => [p.prefix, p.validLifetime]), [[B, 0]]);
});

Deno.test("RA engine: a never-advertised /64 is dropped, not advertised stale", () => {
  const h = new Harness();
  h.engine.setSubnets(0, [subnet(A, 7200, 14400)]);
  h.engine.setSubnets(0, []);
  h.engine.setSource(0, LL, MAC);
  h.drain();
  assert.deepEqual(h.last().ra.prefixes, []);
});

Deno.test("RA engine: a restart carries stale /64s from disk; held ones wait for the feed", () => {
  const h = advertising();
  h.runUntil(50 * S);
  h.engine.setSubnets(h.now, [subnet(B, 7200, 14400, h.now)]);
  h.runUntil(100 * S);
  const saved = h.records();
  assert.deepEqual(saved.map((r) => [r.subnet, r.state]), [[`${B}/64`, "current"], [
    `${A}/64`,
    "stale",
  ]]);
  // The next run starts 1000 s later on its own clock (records are in its milliseconds).
  const shift = (r: PrefixRecord) => ({ ...r, until: r.until - 100 * S + 1000 * S });
  const next = new Harness({ saved: saved.map(shift), now: 1000 * S });
  next.engine.setSource(next.now, LL, MAC);
  next.drain();
  const first = next.last().ra;
  assert.deepEqual(first.prefixes.map((p) => [p.prefix, p.validLifetime]), [[A, 0]]);
  assert.equal(first.routerLifetime, 0, "no upstream lease yet");
  assert.deepEqual(next.engine.status(next.now).held.map((h) => h.subnet), [`${B}/64`]);
  // The prefix changed while the router was down: the feed brings C; B goes stale at once.
  const C = "2001:db8:3:1::";
  next.engine.setSubnets(next.now + S, [subnet(C, 7200, 14400, next.now)]);
  next.now += S;
  next.drain();
  const ra = next.last().ra;
  assert.deepEqual(
    ra.prefixes.map((p) => [p.prefix, p.preferredLifetime, p.validLifetime]),
    [[C, 2700, 5400], [A, 0, 0], [B, 0, 0]],
  );
  assert.equal(next.last().at, next.now);
});

Deno.test("RA engine: a held /64 confirmed by the feed stays current; unconfirmed, it goes stale", () => {
  const saved: PrefixRecord[] = [{
    subnet: `${A}/64`,
    delegatedPrefix: "2001:db8:1::/56",
    onLink: true,
    autonomous: true,
    state: "current",
    until: 20_000 * S,
  }];
  const kept = new Harness({ saved, now: 0 });
  kept.engine.setSource(0, LL, MAC);
  kept.engine.setSubnets(10 * S, [subnet(A, 7200, 14400)]);
  kept.runUntil(120 * S);
  assert.ok(kept.sent.every((s) => s.ra.prefixes.every((p) => p.validLifetime > 0)));
  const lost = new Harness({ saved, now: 0 });
  lost.engine.setSource(0, LL, MAC);
  lost.runUntil(59 * S);
  assert.ok(lost.sent.every((s) => s.ra.prefixes.length === 0), "held: not advertised");
  lost.runUntil(61 * S);
  assert.deepEqual(lost.last().ra.prefixes.map((p) => [p.prefix, p.validLifetime]), [[A, 0]]);
  assert.equal(lost.engine.status(lost.now).stale[0]!.left, 5399, "5400 s from the hold's end");
});

Deno.test("RA engine: router lifetime 0 without a default route, when it is lost, and at stop", () => {
  const h = new Harness();
  h.engine.setSubnets(0, [subnet(A, 7200, 14400)]);
  h.engine.setSource(0, LL, MAC);
  h.drain();
  assert.equal(h.last().ra.routerLifetime, 0, "no upstream lease yet (RFC 7084 G-4)");
  assert.equal(h.engine.status(0).routerLifetimeZeroBecause, "no upstream lease yet");
  h.engine.setDefaultRouter(S, undefined);
  h.now = S;
  h.runUntil(5 * S);
  assert.equal(h.last().ra.routerLifetime, 1800);
  h.runUntil(300 * S);
  const n = h.sent.length;
  h.engine.setDefaultRouter(h.now, "no default route upstream");
  h.drain();
  assert.equal(h.sent.length, n + 1, "G-5: at once");
  assert.equal(h.last().ra.routerLifetime, 0);
  assert.equal(h.engine.status(h.now).routerLifetimeZeroBecause, "no default route upstream");
  h.engine.setDefaultRouter(h.now + S, "net.ipv6.conf.all.forwarding is 0");
  h.engine.setDefaultRouter(h.now + S, undefined);
  h.runUntil(h.now + 10 * S);
  assert.equal(h.last().ra.routerLifetime, 1800);
  // Stop: final RAs with router lifetime 0, at once and then 3 s apart, at most 3.
  const stopAt = h.now;
  const m = h.sent.length;
  h.engine.stop(stopAt);
  h.drain();
  h.engine.handleSolicit(h.now, "fe80::99");
  h.runUntil(stopAt + 3600 * S);
  const finals = h.sent.slice(m);
  assert.deepEqual(finals.map((s) => (s.at - stopAt) / S), [0, 3, 6]);
  assert.ok(finals.every((s) => s.ra.routerLifetime === 0 && s.destination === "ff02::1"));
  // A prefix released after the stop is still withdrawn on the link, at once.
  h.engine.setSubnets(h.now, []);
  h.drain();
  assert.deepEqual(h.last().ra.prefixes.map((p) => [p.prefix, p.validLifetime]), [[A, 0]]);
  assert.equal(h.last().ra.routerLifetime, 0);
});

Deno.test("RA engine: RDNSS and DNSSL with 3 × max_interval, bounded by the data; dropped ones at 0", () => {
  const h = advertising();
  h.engine.setDns(0, { servers: ["2001:db8::53"], domains: ["lab.example"], until: 900 * S });
  h.runUntil(3 * S); // a burst, 3 s after the first RA (MIN_DELAY_BETWEEN_RAS)
  assert.equal(h.last().at, 3 * S);
  let ra = h.last().ra;
  assert.deepEqual(ra.dnsServers, [{ lifetime: 897, servers: ["2001:db8::53"] }]);
  assert.deepEqual(ra.dnsDomains, [{ lifetime: 897, domains: ["lab.example"] }]);
  h.engine.setDns(h.now, { servers: ["2001:db8::53"], domains: ["lab.example"], until: Infinity });
  h.engine.handleSolicit(h.now, "fe80::99");
  h.runUntil(h.now + S);
  assert.equal(h.last().ra.dnsServers[0]!.lifetime, 1800, "3 × MaxRtrAdvInterval (RFC 8106)");
  h.engine.setDns(h.now, { servers: ["2001:db8::54"], domains: [], until: Infinity });
  h.drain();
  ra = h.last().ra;
  assert.deepEqual(ra.dnsServers, [
    { lifetime: 1800, servers: ["2001:db8::54"] },
    { lifetime: 0, servers: ["2001:db8::53"] },
  ]);
  assert.deepEqual(ra.dnsDomains, [{ lifetime: 0, domains: ["lab.example"] }]);
  h.runUntil(h.now + 1801 * S);
  h.engine.handleSolicit(h.now, "fe80::99");
  h.runUntil(h.now + S);
  assert.deepEqual(h.last().ra.dnsServers, [{ lifetime: 1800, servers: ["2001:db8::54"] }]);
  assert.deepEqual(h.last().ra.dnsDomains, []);
});

Deno.test("RA engine: many stale /64s are split over RAs that fit 1280 bytes", () => {
  const h = advertising();
  for (let i = 0; i < 40; i++) {
    h.engine.setSubnets(h.now, [
      subnet(`2001:db8:${(i + 16).toString(16)}:1::`, 7200, 14400, h.now),
    ]);
    h.engine.handleSolicit(h.now, "fe80::99");
    h.runUntil(h.now + S);
  }
  const st = h.engine.status(h.now);
  assert.equal(st.stale.length, 32, "at most MAX_STALE kept");
  h.engine.handleSolicit(h.now, "fe80::98");
  h.runUntil(h.now + S);
  const last = h.last();
  assert.ok(last.parts >= 2, `split into ${last.parts}`);
  assert.equal(last.ra.prefixes.length, 33);
});

Deno.test("RA engine: another router's RA is reported once, with its inconsistencies (§6.2.7)", () => {
  const h = advertising();
  const theirs: RouterAdvertisement = {
    curHopLimit: 255,
    managed: true,
    other: true,
    routerLifetime: 600,
    reachableTime: 0,
    retransTimer: 0,
    prefixes: [{
      prefix: A,
      prefixLength: 64,
      onLink: true,
      autonomous: true,
      validLifetime: 86400,
      preferredLifetime: 14400,
    }],
    routes: [],
    dnsServers: [],
    dnsDomains: [],
  };
  h.engine.handleAdvertisement(5 * S, "fe80::bad", theirs);
  h.engine.handleAdvertisement(6 * S, "fe80::bad", theirs);
  h.drain();
  const warnings = h.actions.filter((a) => a.type === "log" && a.level === "warn")
    .map((a) => a.type === "log" ? a.message : "");
  assert.equal(warnings.filter((w) => w.includes("another router")).length, 1);
  assert.ok(warnings.some((w) => w.includes("M flag 1, this router 0")));
  assert.ok(warnings.some((w) => w.includes("cur hop limit 255, this router 64")));
  assert.ok(warnings.some((w) => w.includes(`${A}/64 valid for 86400 s, this router 5400 s`)));
  const other = h.engine.status(h.now).otherRouters[0]!;
  assert.equal(other.address, "fe80::bad");
  assert.equal(other.advertisements, 2);
  assert.equal(other.inconsistencies.length, 4);
  h.engine.handleAdvertisement(7 * S, LL, theirs);
  assert.equal(h.engine.status(h.now).counters.raReceived, 2, "our own RA is not another router's");
});

Deno.test("RA engine: the records to save follow what hosts were told", () => {
  const h = advertising();
  const first = h.records();
  assert.deepEqual(first, [{
    subnet: `${A}/64`,
    delegatedPrefix: "2001:db8:1::/56",
    onLink: true,
    autonomous: true,
    state: "current",
    until: 14400 * S,
  }]);
  h.engine.setSubnets(10 * S, []);
  h.drain();
  assert.deepEqual(h.records().map((r) => [r.state, r.until]), [["stale", 10 * S + 5400 * S]]);
});
