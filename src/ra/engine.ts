/**
 * The Router Advertisement engine of one LAN interface, pure and sans-IO
 * like the DHCPv6 client engine: fed the LAN's subnets, the DNS data, whether
 * the router may act as a default router, its link-local source, received
 * Router Solicitations and other routers' RAs, and a clock; drained of RAs to
 * send, actions (logs, the records to save) and its next timer.
 *
 * - Schedule (RFC 4861 §6.2.4): a burst of 3 RAs at most 16 s apart when the
 *   interface starts advertising and whenever what is advertised changes,
 *   then one every random [min, max] interval; multicast RAs at least
 *   MIN_DELAY_BETWEEN_RAS apart, except a withdrawal (a /64 gone stale, the
 *   router lifetime dropping to 0), which goes out at once (RFC 7084 G-5,
 *   RFC 9096 §3.5) so that hosts hear of it before the Release is sent.
 * - Solicitations (§6.2.6): answered within MAX_RA_DELAY_TIME, unicast to a
 *   solicitor with a source address, multicast (rate limited) otherwise.
 * - Router lifetime (RFC 7084 G-4, G-5): 0 while the router may not act as
 *   a default router, and in the final RAs of a stop (§6.2.5).
 * - Prefixes (RFC 9096 §3.5, §4): a PIO per current /64 with the delegated
 *   prefix's remaining lifetimes capped at ND_PREFERRED_LIMIT and
 *   ND_VALID_LIMIT; a PIO with lifetimes 0 per stale /64; a Route
 *   Information option per delegated prefix (RFC 7084 L-3, RFC 4191).
 * - DNS (RFC 8106 §5): RDNSS and DNSSL with 3 × MaxRtrAdvInterval, no more
 *   than the DNS data's own validity; servers and domains dropped from the
 *   data go out with lifetime 0 for as long as hosts may hold them.
 * - Other routers (§6.2.7): their RAs are compared with this router's and
 *   inconsistencies are reported.
 * @module
 */
import { formatIPv6, parseIPv6 } from "../dhcp6/ipv6.ts";
import {
  ADV_CUR_HOP_LIMIT,
  ALL_NODES,
  MAX_FINAL_RTR_ADVERTISEMENTS,
  MAX_INITIAL_RTR_ADVERT_INTERVAL,
  MAX_INITIAL_RTR_ADVERTISEMENTS,
  MAX_RA_DELAY_TIME,
  MAX_RA_SIZE,
  MIN_DELAY_BETWEEN_RAS,
  ND_PREFERRED_LIMIT,
  ND_VALID_LIMIT,
} from "./constants.ts";
import {
  dnsslSize,
  encodeRouterAdvertisement,
  type PrefixInformation,
  type RouteInformation,
  type RouterAdvertisement,
} from "./nd_codec.ts";
import { type BookChange, PrefixBook } from "./prefix_book.ts";
import { compareAdvertisements } from "./consistency.ts";
import type {
  DnsData,
  LanSubnet,
  OtherRouter,
  PrefixRecord,
  RaAction,
  RaSettings,
  RaStatus,
  RaTransmit,
} from "./types.ts";

/** The lifetime value meaning infinity (RFC 4861 §4.6.2). */
const INFINITE = 0xffffffff;
/** At most this many unicast answers per window; more solicitors share one multicast RA. */
const UNICAST_BUDGET = 20;
/** The window of UNICAST_BUDGET (ms). */
const UNICAST_WINDOW_MS = 10_000;
/** At most this many other routers are tracked (a flood of forged RAs cannot grow memory). */
const MAX_OTHER_ROUTERS = 16;
/** Deadlines of a prefix heard from another router may differ by this much (RFC 4861 §6.2.7). */
const LIFETIME_TOLERANCE_MS = 10_000;
/** A delegated prefix whose lifetime shrank by more than this is news for hosts (ms). */
const SHRINK_NEWS_MS = 60_000;
/** Most DNS servers and domains put in an RA: the rest are left to DHCPv6. */
const MAX_DNS_ENTRIES = 8;

/** Why the router is not a default router now, or undefined when it is. */
export type DefaultRouterVerdict = string | undefined;

/** What the engine starts from. */
export interface RaEngineOptions {
  /** The interface name, for log lines. */
  readonly name: string;
  /** The settings of `[lan.NAME]`. */
  readonly settings: RaSettings;
  /** Uniform random numbers in [0, 1). */
  readonly random: () => number;
  /** Records saved by a previous run, in this clock's milliseconds. */
  readonly saved?: readonly PrefixRecord[];
  /** Engine time at creation (ms). */
  readonly now: number;
}

interface DnsEntry {
  /** Until when hosts may hold it (ms), after it was dropped: advertised with lifetime 0 until then. */
  until: number;
}

/** One LAN interface's Router Advertisement engine. */
export class RaEngine {
  readonly #name: string;
  #settings: RaSettings;
  readonly #random: () => number;
  readonly #book: PrefixBook;
  #dns: DnsData = { servers: [], domains: [], until: 0 };
  /** Servers and domains dropped from the data, advertised with lifetime 0 until `until`. */
  readonly #droppedServers = new Map<string, DnsEntry>();
  readonly #droppedDomains = new Map<string, DnsEntry>();
  /** The DNS lifetime of the last RA (s), for dropped entries. */
  #lastDnsLifetime = 0;
  #notDefaultBecause: DefaultRouterVerdict = "no upstream lease yet";
  #source: string | undefined;
  #linkLayer: Uint8Array | undefined;
  #stopping = false;
  #finalLeft = 0;
  /** The next unsolicited multicast RA (ms), while advertising. */
  #nextMulticast: number | undefined;
  /** RAs left in the current fast burst. */
  #burstLeft = 0;
  #lastMulticast = -Infinity;
  /** Solicited unicast answers due, by destination. */
  readonly #unicastDue = new Map<string, number>();
  /** Times of recent unicast answers, for UNICAST_BUDGET. */
  #unicastTimes: number[] = [];
  /** Deadlines hosts were last given per current /64 (ms), to notice a prefix that shrank. */
  readonly #hostDeadlines = new Map<string, number>();
  readonly #others = new Map<string, OtherRouter>();
  readonly #actions: RaAction[] = [];
  readonly #counters = {
    raSent: 0,
    raSolicited: 0,
    rsReceived: 0,
    raReceived: 0,
    dropped: {} as Record<string, number>,
  };
  /** The records last handed out for saving, as text, to save only changes. */
  #savedText = "";

  /** An engine that advertises nothing until it has a source address. */
  constructor(options: RaEngineOptions) {
    this.#name = options.name;
    this.#settings = options.settings;
    this.#random = options.random;
    this.#book = new PrefixBook(options.saved ?? [], options.now);
    const held = this.#book.inState("held").length;
    const stale = this.#book.inState("stale").length;
    if (held + stale > 0) {
      this.#log(
        "info",
        `${this.#name}: read ${held} advertised and ${stale} stale /64s from the last run`,
      );
    }
    this.#persistIfChanged();
  }

  // ---- inputs ---------------------------------------------------------------

  /** The settings changed (a reload): a burst tells hosts. */
  setSettings(now: number, settings: RaSettings): void {
    const before = JSON.stringify(this.#settings);
    this.#settings = settings;
    if (JSON.stringify(settings) !== before) {
      this.#changed(now, { changed: true, withdrawn: false });
    }
  }

  /** The LAN's subnets in force now (every upstream's), with their deadlines. */
  setSubnets(now: number, subnets: readonly LanSubnet[]): void {
    const change = this.#book.update(subnets, now);
    const shrunk = subnets.some((s) => {
      const told = this.#hostDeadlines.get(`${s.prefix}/${s.prefixLength}`);
      return told !== undefined && s.validUntil < told - SHRINK_NEWS_MS;
    });
    if (change.withdrawn) this.#logStale(now);
    this.#changed(now, { changed: change.changed || shrunk, withdrawn: change.withdrawn });
  }

  /** The DNS data to advertise (RFC 8106); servers and domains dropped go out with lifetime 0. */
  setDns(now: number, dns: DnsData): void {
    const servers = dns.servers.slice(0, MAX_DNS_ENTRIES);
    const domains = dns.domains.slice(0, MAX_DNS_ENTRIES);
    const before = this.#dns;
    const hold = now + this.#lastDnsLifetime * 1000;
    let withdrawn = false;
    if (this.#lastDnsLifetime > 0) {
      for (const s of before.servers) {
        if (!servers.includes(s)) {
          this.#droppedServers.set(s, { until: hold });
          withdrawn = true;
        }
      }
      for (const d of before.domains) {
        if (!domains.includes(d)) {
          this.#droppedDomains.set(d, { until: hold });
          withdrawn = true;
        }
      }
    }
    for (const s of servers) this.#droppedServers.delete(s);
    for (const d of domains) this.#droppedDomains.delete(d);
    this.#dns = { servers, domains, until: dns.until };
    const changed = servers.join(" ") !== before.servers.join(" ") ||
      domains.join(" ") !== before.domains.join(" ") ||
      (before.until > now) !== (dns.until > now);
    this.#changed(now, { changed: changed || withdrawn, withdrawn });
  }

  /**
   * Whether the router may be a default router (RFC 7084 G-4, G-5): undefined
   * when it may, or why not (no upstream lease, no default route, forwarding
   * off). Losing it sends an RA with router lifetime 0 at once.
   */
  setDefaultRouter(now: number, notBecause: DefaultRouterVerdict): void {
    const was = this.#notDefaultBecause === undefined;
    this.#notDefaultBecause = notBecause;
    const is = notBecause === undefined;
    if (was === is) return;
    this.#log(
      "notice",
      is
        ? `${this.#name}: advertising itself as default router (router lifetime ${this.#settings.routerLifetime} s)`
        : `${this.#name}: router lifetime 0: ${notBecause} (RFC 7084 G-4, G-5)`,
    );
    this.#changed(now, { changed: true, withdrawn: was && !is });
  }

  /**
   * The link-local address RAs go out from, once past DAD (RFC 4861 §6.2.3;
   * RFC 4862 §5.4), and the interface's link-layer address for the SLLA
   * option; undefined while there is none (carrier lost, DAD running).
   */
  setSource(now: number, source: string | undefined, linkLayer?: Uint8Array): void {
    const had = this.#source !== undefined;
    this.#source = source;
    this.#linkLayer = linkLayer !== undefined && linkLayer.some((b) => b !== 0)
      ? linkLayer
      : undefined;
    if (source === undefined) {
      this.#nextMulticast = undefined;
      this.#unicastDue.clear();
      return;
    }
    if (!had && !this.#stopping) {
      // Becoming an advertising interface (RFC 4861 §6.2.2): a burst.
      this.#log("info", `${this.#name}: sending Router Advertisements from ${source}`);
      this.#burstLeft = MAX_INITIAL_RTR_ADVERTISEMENTS;
      this.#nextMulticast = Math.max(now, this.#lastMulticast + MIN_DELAY_BETWEEN_RAS * 1000);
    }
  }

  /** A Router Solicitation that passed RFC 4861 §6.1.1, from `source` (`::` when unspecified). */
  handleSolicit(now: number, source: string): void {
    this.#counters.rsReceived++;
    if (!this.#advertising()) {
      this.#drop("rs-not-advertising");
      return;
    }
    const delay = this.#random() * MAX_RA_DELAY_TIME * 1000;
    this.#unicastTimes = this.#unicastTimes.filter((t) => t > now - UNICAST_WINDOW_MS);
    if (source !== "::" && this.#unicastTimes.length < UNICAST_BUDGET) {
      if (!this.#unicastDue.has(source)) {
        this.#unicastDue.set(source, now + delay);
        this.#unicastTimes.push(now);
      }
      return;
    }
    // Multicast answer (§6.2.6): rate limited, and it resets the periodic timer.
    const due = Math.max(now + delay, this.#lastMulticast + MIN_DELAY_BETWEEN_RAS * 1000);
    if (this.#nextMulticast === undefined || due < this.#nextMulticast) this.#nextMulticast = due;
  }

  /** Another router's RA that passed RFC 4861 §6.1.2 (§6.2.7: compared and reported). */
  handleAdvertisement(now: number, source: string, ra: RouterAdvertisement): void {
    if (source === this.#source) return; // our own, looped back
    this.#counters.raReceived++;
    const found = compareAdvertisements(ra, this.#advertisedNow(now), LIFETIME_TOLERANCE_MS);
    const known = this.#others.get(source);
    if (known === undefined) {
      this.#log(
        "warn",
        `${this.#name}: another router, ${source}, sends Router Advertisements on this link ` +
          `(router lifetime ${ra.routerLifetime} s); two RA senders on one interface confuse hosts ` +
          "(is radvd, dnsmasq or odhcpd still running?)",
      );
      if (this.#others.size >= MAX_OTHER_ROUTERS) {
        const oldest = [...this.#others.values()].sort((a, b) => a.lastSeen - b.lastSeen)[0];
        if (oldest !== undefined) this.#others.delete(oldest.address);
      }
    }
    const before = new Set(known?.inconsistencies ?? []);
    for (const f of found.filter((f) => !before.has(f))) {
      this.#log("warn", `${this.#name}: router ${source} is inconsistent (RFC 4861 §6.2.7): ${f}`);
    }
    this.#others.set(source, {
      address: source,
      routerLifetime: ra.routerLifetime,
      advertisements: (known?.advertisements ?? 0) + 1,
      lastSeen: now,
      inconsistencies: found,
    });
  }

  /** A received ND message was dropped for `reason` (counted for status). */
  countDrop(reason: string): void {
    this.#drop(reason);
  }

  /** Whatever timer was due at `now`: expiries, bursts, answers. */
  handleTimeout(now: number): void {
    const change = this.#book.expire(now);
    if (change.withdrawn) this.#logStale(now);
    for (const map of [this.#droppedServers, this.#droppedDomains]) {
      for (const [k, e] of map) if (e.until <= now) map.delete(k);
    }
    this.#changed(now, change);
  }

  /**
   * The router stops (RFC 4861 §6.2.5): from now on every RA carries router
   * lifetime 0; the first goes out at once, up to MAX_FINAL_RTR_ADVERTISEMENTS
   * in all, MIN_DELAY_BETWEEN_RAS apart, and no solicitation is answered.
   */
  stop(now: number): void {
    if (this.#stopping) return;
    this.#stopping = true;
    this.#unicastDue.clear();
    if (this.#source === undefined) return;
    this.#finalLeft = MAX_FINAL_RTR_ADVERTISEMENTS;
    this.#nextMulticast = now;
  }

  // ---- outputs --------------------------------------------------------------

  /** The next RA(s) due at `now`, or undefined. Builds them from the state at `now`. */
  pollTransmit(now: number): RaTransmit | undefined {
    if (this.#source === undefined) return undefined;
    for (const [destination, due] of this.#unicastDue) {
      if (due > now) continue;
      this.#unicastDue.delete(destination);
      this.#counters.raSolicited++;
      return { destination, messages: this.#build(now), solicited: true };
    }
    if (this.#nextMulticast === undefined || this.#nextMulticast > now) return undefined;
    const messages = this.#build(now);
    this.#counters.raSent++;
    this.#lastMulticast = now;
    this.#scheduleAfterMulticast(now);
    return { destination: ALL_NODES, messages, solicited: false };
  }

  /** The next action (a log line, records to save), or undefined. */
  pollAction(): RaAction | undefined {
    return this.#actions.shift();
  }

  /** The engine time of its earliest timer, if any. */
  pollTimeout(): number | undefined {
    const times = [this.#book.nextDeadline()];
    if (this.#source !== undefined) {
      times.push(this.#nextMulticast, ...this.#unicastDue.values());
    }
    for (const map of [this.#droppedServers, this.#droppedDomains]) {
      for (const e of map.values()) times.push(e.until);
    }
    const due = times.filter((t): t is number => t !== undefined && t !== Infinity);
    return due.length === 0 ? undefined : Math.min(...due);
  }

  /** What the engine holds at `now`, for `edge6 status`. */
  status(now: number): RaStatus {
    const ra = this.#advertisedNow(now);
    const left = (t: number) => Math.max(0, Math.ceil((t - now) / 1000));
    const dns = ra.dnsServers.find((d) => d.lifetime > 0);
    return {
      advertising: this.#advertising(),
      ...(this.#source === undefined ? {} : { source: this.#source }),
      routerLifetime: ra.routerLifetime,
      ...(ra.routerLifetime === 0 ? { routerLifetimeZeroBecause: this.#zeroBecause() } : {}),
      subnets: this.#book.inState("current").map((e) => {
        const p = ra.prefixes.find((x) => `${x.prefix}/${x.prefixLength}` === e.subnet);
        return {
          subnet: e.subnet,
          ...(e.delegatedPrefix === undefined ? {} : { delegatedPrefix: e.delegatedPrefix }),
          preferred: p?.preferredLifetime ?? 0,
          valid: p?.validLifetime ?? 0,
        };
      }),
      stale: this.#book.inState("stale").map((e) => ({ subnet: e.subnet, left: left(e.until) })),
      held: this.#book.inState("held").map((e) => ({ subnet: e.subnet, left: left(e.until) })),
      dns: {
        servers: dns?.servers ?? [],
        domains: ra.dnsDomains.find((d) => d.lifetime > 0)?.domains ?? [],
        lifetime: dns?.lifetime ?? ra.dnsDomains.find((d) => d.lifetime > 0)?.lifetime ?? 0,
      },
      ...(this.#nextMulticast === undefined || this.#source === undefined
        ? {}
        : { nextAdvertisementIn: left(this.#nextMulticast) }),
      counters: { ...this.#counters, dropped: { ...this.#counters.dropped } },
      otherRouters: [...this.#others.values()],
    };
  }

  // ---- internals ------------------------------------------------------------

  #advertising(): boolean {
    return this.#source !== undefined && !this.#stopping;
  }

  #zeroBecause(): string {
    if (this.#stopping) return "stopping";
    return this.#notDefaultBecause ?? "";
  }

  /** What is advertised changed: a burst (RFC 4861 §6.2.4), at once for a withdrawal. */
  #changed(now: number, change: BookChange): void {
    this.#persistIfChanged();
    if (!change.changed) return;
    if (this.#source === undefined) return;
    if (this.#stopping) {
      // Stopping: only withdrawals are still worth an RA (router lifetime 0 already went out).
      if (!change.withdrawn) return;
      this.#nextMulticast = now;
      return;
    }
    this.#burstLeft = MAX_INITIAL_RTR_ADVERTISEMENTS;
    if (change.withdrawn) {
      // A withdrawal is not rate limited: hosts must hear it now (RFC 7084 G-5, RFC 9096 §3.5).
      this.#nextMulticast = now;
      return;
    }
    const soonest = Math.max(now, this.#lastMulticast + MIN_DELAY_BETWEEN_RAS * 1000);
    if (this.#nextMulticast === undefined || soonest < this.#nextMulticast) {
      this.#nextMulticast = soonest;
    }
  }

  /** Sets the next multicast RA after one went out at `now`. */
  #scheduleAfterMulticast(now: number): void {
    if (this.#stopping) {
      this.#finalLeft = Math.max(0, this.#finalLeft - 1);
      this.#nextMulticast = this.#finalLeft > 0 ? now + MIN_DELAY_BETWEEN_RAS * 1000 : undefined;
      return;
    }
    const { minInterval, maxInterval } = this.#settings;
    let interval = minInterval + this.#random() * (maxInterval - minInterval);
    if (this.#burstLeft > 0) this.#burstLeft--;
    if (this.#burstLeft > 0) interval = Math.min(interval, MAX_INITIAL_RTR_ADVERT_INTERVAL);
    this.#nextMulticast = now + interval * 1000;
  }

  /** The RA as it would go out at `now`, in one piece (for status and §6.2.7 checks). */
  #advertisedNow(now: number): RouterAdvertisement {
    const s = this.#settings;
    const prefixes: PrefixInformation[] = [];
    const routes = new Map<string, RouteInformation>();
    for (const e of this.#book.inState("current")) {
      const valid = Math.min(ND_VALID_LIMIT, secondsLeft(e.validUntil, now));
      const preferred = Math.min(ND_PREFERRED_LIMIT, secondsLeft(e.preferredUntil, now), valid);
      prefixes.push({
        prefix: e.prefix,
        prefixLength: e.prefixLength,
        onLink: e.onLink,
        autonomous: e.autonomous,
        validLifetime: valid,
        preferredLifetime: preferred,
      });
      const route = routeOf(e.delegatedPrefix, e.subnet);
      if (route !== undefined) {
        const had = routes.get(route.key);
        routes.set(route.key, {
          prefix: route.prefix,
          prefixLength: route.prefixLength,
          lifetime: Math.max(had?.lifetime ?? 0, valid),
        });
      }
    }
    for (const e of this.#book.inState("stale")) {
      prefixes.push({
        prefix: e.prefix,
        prefixLength: e.prefixLength,
        onLink: e.onLink,
        autonomous: e.autonomous,
        validLifetime: 0,
        preferredLifetime: 0,
      });
      const route = routeOf(e.delegatedPrefix, e.subnet);
      if (route !== undefined && !routes.has(route.key)) {
        routes.set(route.key, {
          prefix: route.prefix,
          prefixLength: route.prefixLength,
          lifetime: 0,
        });
      }
    }
    const dnsLifetime = Math.min(3 * s.maxInterval, secondsLeft(this.#dns.until, now));
    const live = dnsLifetime > 0;
    const dnsServers = [];
    const dnsDomains = [];
    if (live && this.#dns.servers.length > 0) {
      dnsServers.push({ lifetime: dnsLifetime, servers: this.#dns.servers });
    }
    const goneServers = [...this.#droppedServers.keys()];
    if (!live) goneServers.push(...this.#dns.servers.filter((x) => !goneServers.includes(x)));
    if (goneServers.length > 0) dnsServers.push({ lifetime: 0, servers: goneServers });
    if (live && this.#dns.domains.length > 0) {
      dnsDomains.push({ lifetime: dnsLifetime, domains: this.#dns.domains });
    }
    const goneDomains = [...this.#droppedDomains.keys()];
    if (!live) goneDomains.push(...this.#dns.domains.filter((x) => !goneDomains.includes(x)));
    if (goneDomains.length > 0) dnsDomains.push({ lifetime: 0, domains: goneDomains });
    const isDefault = this.#notDefaultBecause === undefined && !this.#stopping;
    return {
      curHopLimit: ADV_CUR_HOP_LIMIT,
      managed: s.managed,
      other: s.other,
      routerLifetime: isDefault ? s.routerLifetime : 0,
      reachableTime: 0,
      retransTimer: 0,
      ...(this.#linkLayer === undefined ? {} : { sourceLinkLayer: this.#linkLayer }),
      ...(s.mtu === undefined ? {} : { mtu: s.mtu }),
      prefixes,
      routes: [...routes.values()],
      dnsServers,
      dnsDomains,
    };
  }

  /** The RA(s) for `now`, split to fit 1280 bytes; notes what hosts were told. */
  #build(now: number): Uint8Array[] {
    const ra = this.#advertisedNow(now);
    for (const p of ra.prefixes) {
      const subnet = `${p.prefix}/${p.prefixLength}`;
      if (p.validLifetime > 0) {
        this.#book.advertised(subnet, p.validLifetime);
        this.#hostDeadlines.set(subnet, now + p.validLifetime * 1000);
      } else this.#hostDeadlines.delete(subnet);
    }
    this.#lastDnsLifetime = ra.dnsServers.find((d) => d.lifetime > 0)?.lifetime ??
      ra.dnsDomains.find((d) => d.lifetime > 0)?.lifetime ?? 0;
    this.#persistIfChanged();
    return splitAdvertisement(ra).map(encodeRouterAdvertisement);
  }

  #persistIfChanged(): void {
    const records = this.#book.records();
    const text = JSON.stringify(records);
    if (text === this.#savedText) return;
    this.#savedText = text;
    this.#actions.push({ type: "persist", records });
  }

  #logStale(now: number): void {
    const stale = this.#book.inState("stale").map((e) =>
      `${e.subnet} (${Math.ceil((e.until - now) / 1000)} s)`
    );
    this.#log(
      "notice",
      `${this.#name}: advertising stale ${stale.join(", ")} with lifetimes 0 (RFC 9096 §3.5)`,
    );
  }

  #drop(reason: string): void {
    this.#counters.dropped[reason] = (this.#counters.dropped[reason] ?? 0) + 1;
  }

  #log(level: "warn" | "notice" | "info" | "debug", message: string): void {
    this.#actions.push({ type: "log", level, message });
  }
}

/** Whole seconds from `now` to `until` (ms); infinity stays the wire's infinity. */
function secondsLeft(until: number, now: number): number {
  if (until === Infinity) return INFINITE;
  return Math.max(0, Math.floor((until - now) / 1000));
}

/** The Route Information of a delegated prefix (RFC 7084 L-3), none when it is the subnet itself. */
function routeOf(
  delegated: string | undefined,
  subnet: string,
): { key: string; prefix: string; prefixLength: number } | undefined {
  if (delegated === undefined || delegated === subnet) return undefined;
  const m = /^(.+)\/(\d{1,3})$/.exec(delegated);
  if (m === null) return undefined;
  try {
    const length = Number(m[2]);
    if (length > 128) return undefined;
    return { key: delegated, prefix: formatIPv6(parseIPv6(m[1]!)), prefixLength: length };
  } catch {
    return undefined;
  }
}

/**
 * Splits an RA whose options would pass 1280 bytes into several, each with
 * the header, SLLA and MTU (RFC 4861 §6.2.3: "multiple advertisements can
 * be sent, each containing a subset of the options").
 */
export function splitAdvertisement(ra: RouterAdvertisement): RouterAdvertisement[] {
  const base = 16 + (ra.sourceLinkLayer === undefined ? 0 : 8) + (ra.mtu === undefined ? 0 : 8);
  type Item =
    | { kind: "p"; v: PrefixInformation; size: number }
    | { kind: "r"; v: RouteInformation; size: number }
    | { kind: "d"; v: RouterAdvertisement["dnsServers"][number]; size: number }
    | { kind: "n"; v: RouterAdvertisement["dnsDomains"][number]; size: number };
  const items: Item[] = [
    ...ra.prefixes.map((v) => ({ kind: "p" as const, v, size: 32 })),
    ...ra.routes.map((v) => ({
      kind: "r" as const,
      v,
      size: v.prefixLength === 0 ? 8 : v.prefixLength <= 64 ? 16 : 24,
    })),
    ...ra.dnsServers.map((v) => ({ kind: "d" as const, v, size: 8 + 16 * v.servers.length })),
    ...ra.dnsDomains.map((v) => ({ kind: "n" as const, v, size: dnsslSize(v.domains) })),
  ];
  const out: RouterAdvertisement[] = [];
  let current: Item[] = [];
  let size = base;
  const flush = () => {
    out.push({
      ...ra,
      prefixes: current.filter((i) => i.kind === "p").map((i) => i.v as PrefixInformation),
      routes: current.filter((i) => i.kind === "r").map((i) => i.v as RouteInformation),
      dnsServers: current.filter((i) => i.kind === "d").map((i) =>
        i.v as RouterAdvertisement["dnsServers"][number]
      ),
      dnsDomains: current.filter((i) => i.kind === "n").map((i) =>
        i.v as RouterAdvertisement["dnsDomains"][number]
      ),
    });
    current = [];
    size = base;
  };
  for (const item of items) {
    if (current.length > 0 && size + item.size > MAX_RA_SIZE) flush();
    current.push(item);
    size += item.size;
  }
  if (current.length > 0 || out.length === 0) flush();
  return out;
}
