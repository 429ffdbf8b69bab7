/**
 * What the RA engine is fed and what it reports: the LAN's subnets with the
 * deadlines of their delegated prefix (RFC 9915 §6.3), the DNS data to pass
 * on (RFC 8106), the router's own settings (RFC 4861 §6.2.1), and the
 * records of advertised and stale /64s that outlive a restart (RFC 9096
 * §3.5). Times are milliseconds of a monotonic clock given by the caller;
 * `Infinity` is an infinite lifetime. Lifetimes on the wire are seconds.
 * @module
 */

/** The router's advertising settings (RFC 4861 §6.2.1), from `[lan.NAME]`. */
export interface RaSettings {
  /** MaxRtrAdvInterval, seconds (4–1800). */
  readonly maxInterval: number;
  /** MinRtrAdvInterval, seconds (3 to 0.75 × max). */
  readonly minInterval: number;
  /** AdvDefaultLifetime, seconds: 0, or from maxInterval to 9000. */
  readonly routerLifetime: number;
  /** AdvManagedFlag (M). */
  readonly managed: boolean;
  /** AdvOtherConfigFlag (O). */
  readonly other: boolean;
  /** AdvLinkMTU; absent: no MTU option. */
  readonly mtu?: number;
}

/** One LAN subnet in force, with its delegated prefix's deadlines. */
export interface LanSubnet {
  /** The subnet's prefix, RFC 5952 text. */
  readonly prefix: string;
  /** Its length (64 for SLAAC). */
  readonly prefixLength: number;
  /** The delegated prefix it was carved from, `prefix/len`, if known. */
  readonly delegatedPrefix?: string;
  /** When the delegated prefix stops being preferred (ms; Infinity: never). */
  readonly preferredUntil: number;
  /** When the delegated prefix stops being valid (ms; Infinity: never). */
  readonly validUntil: number;
  /** The upstream interface it came from, if known. */
  readonly upstream?: string;
}

/** DNS data to advertise (RFC 8106) and to hand out by DHCPv6 (RFC 3646). */
export interface DnsData {
  /** Recursive DNS servers, RFC 5952 text. */
  readonly servers: readonly string[];
  /** Domain search list, dotted names without the trailing dot. */
  readonly domains: readonly string[];
  /** When the data stops being valid, e.g. the upstream lease ends (ms; Infinity: never). */
  readonly until: number;
}

/** Where a /64 stands. */
export type PrefixState =
  /** In force and advertised with its lifetimes. */
  | "current"
  /** Read from disk after a restart, not confirmed yet: not advertised until it is or until it goes stale. */
  | "held"
  /** No longer in force: advertised with lifetimes 0 until `until` (RFC 9096 §3.5). */
  | "stale";

/** A /64 the router advertised, as kept across restarts. */
export interface PrefixRecord {
  /** The subnet, `prefix/len`. */
  readonly subnet: string;
  /** The delegated prefix it came from, `prefix/len`, if known. */
  readonly delegatedPrefix?: string;
  /** The L flag it was advertised with. */
  readonly onLink: boolean;
  /** The A flag it was advertised with. */
  readonly autonomous: boolean;
  /** "current" (in force) or "stale". */
  readonly state: "current" | "stale";
  /**
   * Current: when hosts may stop holding it at the latest (the delegated
   * prefix's valid end). Stale: when it stops being advertised as stale (ms).
   */
  readonly until: number;
  /** The upstream interface it came from, if known. */
  readonly upstream?: string;
}

/** What the engine asks the shell to do besides sending. */
export type RaAction =
  /** Log a line (`notice`: an event; `info`: a step; `debug`: a decision). */
  | {
    readonly type: "log";
    readonly level: "warn" | "notice" | "info" | "debug";
    readonly message: string;
  }
  /** The advertised and stale /64s changed: save them (RFC 9096 §3.5: stable storage). */
  | { readonly type: "persist"; readonly records: readonly PrefixRecord[] };

/** One or more RAs (split to fit the minimum MTU) to one destination. */
export interface RaTransmit {
  /** `ff02::1`, or the soliciting host's address. */
  readonly destination: string;
  /** The ICMPv6 messages, checksum 0 (the kernel fills it in). */
  readonly messages: readonly Uint8Array[];
  /** Whether this answers a Router Solicitation. */
  readonly solicited: boolean;
}

/** Another router heard on the LAN (RFC 4861 §6.2.7). */
export interface OtherRouter {
  /** Its link-local address. */
  readonly address: string;
  /** Its last Router Lifetime, seconds. */
  readonly routerLifetime: number;
  /** RAs heard from it. */
  readonly advertisements: number;
  /** When it was last heard (ms). */
  readonly lastSeen: number;
  /** What it advertises differently from this router (RFC 4861 §6.2.7). */
  readonly inconsistencies: readonly string[];
}

/** The engine's state for `edge6 status`. */
export interface RaStatus {
  /** Sending RAs: a source address is there and the router is not stopping. */
  readonly advertising: boolean;
  /** The link-local source of the RAs, once usable. */
  readonly source?: string;
  /** The Router Lifetime the next RA carries, seconds. */
  readonly routerLifetime: number;
  /** Why the Router Lifetime is 0, when it is. */
  readonly routerLifetimeZeroBecause?: string;
  /** The /64s advertised with their lifetimes as the next RA carries them, seconds. */
  readonly subnets: readonly {
    readonly subnet: string;
    readonly delegatedPrefix?: string;
    readonly preferred: number;
    readonly valid: number;
  }[];
  /** The stale /64s, advertised with lifetimes 0, and the seconds they still are. */
  readonly stale: readonly { readonly subnet: string; readonly left: number }[];
  /** /64s read from disk after a restart and not confirmed yet, with seconds before they go stale. */
  readonly held: readonly { readonly subnet: string; readonly left: number }[];
  /** DNS servers and domains advertised (RDNSS, DNSSL) and their lifetime, seconds. */
  readonly dns: {
    readonly servers: readonly string[];
    readonly domains: readonly string[];
    readonly lifetime: number;
  };
  /** Seconds until the next unsolicited RA, if one is scheduled. */
  readonly nextAdvertisementIn?: number;
  /** Counters: RAs sent (multicast, solicited unicast), RSs received, RAs of others, drops by reason. */
  readonly counters: {
    readonly raSent: number;
    readonly raSolicited: number;
    readonly rsReceived: number;
    readonly raReceived: number;
    readonly dropped: Readonly<Record<string, number>>;
  };
  /** Other routers heard on the link. */
  readonly otherRouters: readonly OtherRouter[];
}
