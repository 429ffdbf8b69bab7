/**
 * The stable JSON of `edge6 status --json` and of the agent's state file.
 * Pure: built from the clients' statuses, the LAN subnets, the hook counters
 * and the engine time, with every time turned into seconds left.
 *
 * Schema, version 1. Field names are snake_case; fields are only ever added,
 * never renamed or removed, within one `version`. A time left of `null` means
 * infinite (lifetime 0xffffffff, RFC 9915 §7.7). Names received from servers
 * appear only if they pass the same checks as in the hook environment;
 * the rest is listed, as hex, under `rejected`.
 *
 * ```
 * {
 *   "version": 1,
 *   "generated_at": "2026-11-27T10:00:00.000Z" | null,
 *   "interfaces": [{
 *     "name": "eth0",
 *     "state": "bound",                       // the engine's state name
 *     "server": { "duid": "hex", "address": "fe80::1" | null } | null,
 *     "addresses": [{ "iaid": 1, "address": "2001:db8::100",
 *                     "preferred_left": 3590 | null, "valid_left": 7190 | null }],
 *     "prefixes": [{ "iaid": 1, "prefix": "2001:db8:1::/56",
 *                    "preferred_left": 3600 | null, "valid_left": 7200 | null,
 *                    "excluded": "2001:db8:1:ff::/64" | null }],   // RFC 6603
 *     "lan_subnets": [{ "interface": "lan0", "subnet": "2001:db8:1:1::/64",
 *                       "address": "2001:db8:1:1::1" | null,
 *                       "delegated_prefix": "2001:db8:1::/56" | null }],
 *     "ias": [{ "type": "IA_NA" | "IA_PD", "iaid": 1, "t1": 1800, "t2": 2880,
 *               "t1_left": 1790 | null, "t2_left": 2870 | null,  // null: no timer
 *               "status": "NoPrefixAvail" | null }],
 *     "next_timer_in": 1790 | null,          // seconds until the engine's next timer
 *     "dns_servers": [...], "domains": [...],              // RFC 3646
 *     "sntp_servers": [...], "ntp_servers": [...],         // RFC 4075, RFC 5908
 *     "sip_servers": [...], "sip_domains": [...],          // RFC 3319
 *     "aftr_name": "aftr.example.net" | null,              // RFC 6334
 *     "captive_portal": "https://…" | null,                // RFC 8910
 *     "rejected": ["24:<hex>", ...],
 *     "counters": {
 *       "sent": { "SOLICIT": 1, ... }, "received": { "REPLY": 1, ... },
 *       "dropped": { "<reason>": 1, ... },
 *       "hooks": { "run": 2, "failed": 0, "timed_out": 0 }
 *     }
 *   }],
 *   "lan": [{                                // one per [lan.NAME] table (src/hooks/lan_status.ts)
 *     "interface": "lan0",
 *     "router_advertisements": { "advertising": true, "source": "fe80::1",
 *       "router_lifetime": 1800, "router_lifetime_zero_because": null,
 *       "subnets": [{ "subnet": "2001:db8:1:1::/64", "delegated_prefix": "2001:db8:1::/56",
 *                     "preferred": 2700, "valid": 5400 }],     // as the next RA carries them
 *       "stale": [{ "subnet": "2001:db8:9:1::/64", "left": 5312 }],   // RFC 9096 §3.5
 *       "held": [...], "dns_servers": [...], "domains": [...], "dns_lifetime": 1800,
 *       "next_advertisement_in": 312 | null,
 *       "counters": { "ra_sent": 9, "ra_solicited": 2, "rs_received": 2, "ra_received": 0,
 *                     "dropped": { "<reason>": 1 } },
 *       "other_routers": [{ "address": "fe80::2", "router_lifetime": 600, "advertisements": 3,
 *                           "last_seen_ago": 12, "inconsistencies": ["M flag 1, this router 0"] }]
 *     } | null,
 *     "dhcpv6_server": { "running": true, "information_requests": 4, "received": {...},
 *                        "sent": { "REPLY": 4 }, "dropped": {...} } | null,
 *     "problem": null | "…"
 *   }]
 * }
 * ```
 * @module
 */
import type { ClientStatus } from "../dhcp6/client/types.ts";
import type { LanAssignment } from "./lan_assignment.ts";
import { optionValues } from "./option_values.ts";
import { type LanStatus, type StatusLan, statusLan } from "./lan_status.ts";

/** An address lease in the status document. */
export interface StatusAddress {
  /** The IAID of the IA the lease belongs to. */
  readonly iaid: number;
  /** The address, RFC 5952 text. */
  readonly address: string;
  /** Seconds of preferred lifetime left; null: infinite. */
  readonly preferred_left: number | null;
  /** Seconds of valid lifetime left; null: infinite. */
  readonly valid_left: number | null;
}

/** A delegated prefix in the status document. */
export interface StatusPrefix {
  /** The IAID of the IA the lease belongs to. */
  readonly iaid: number;
  /** The delegated prefix, `prefix/length`. */
  readonly prefix: string;
  /** Seconds of preferred lifetime left; null: infinite. */
  readonly preferred_left: number | null;
  /** Seconds of valid lifetime left; null: infinite. */
  readonly valid_left: number | null;
  /** The prefix excluded from it (RFC 6603), `prefix/length`, or null. */
  readonly excluded: string | null;
}

/** A LAN subnet in the status document. */
export interface StatusLanSubnet {
  /** The downstream interface. */
  readonly interface: string;
  /** The subnet assigned to it, `prefix/length`. */
  readonly subnet: string;
  /** The router's own address in the subnet, or null. */
  readonly address: string | null;
  /** The delegated prefix the subnet was taken from, or null when unknown. */
  readonly delegated_prefix: string | null;
}

/** One interface's entry in the status document. */
export interface StatusInterface {
  /** The upstream interface's name. */
  readonly name: string;
  /** The engine's state name (e.g. `bound`). */
  readonly state: string;
  /** The server holding the leases: its DUID in hex and its address; null when none. */
  readonly server: { readonly duid: string; readonly address: string | null } | null;
  /** Leased addresses (IA_NA). */
  readonly addresses: readonly StatusAddress[];
  /** Delegated prefixes (IA_PD). */
  readonly prefixes: readonly StatusPrefix[];
  /** Subnets of the delegated prefixes assigned downstream. */
  readonly lan_subnets: readonly StatusLanSubnet[];
  /** Each IA with its T1, T2 (seconds) and last status code name, null when Success. */
  readonly ias: readonly {
    readonly type: "IA_NA" | "IA_PD";
    readonly iaid: number;
    readonly t1: number;
    readonly t2: number;
    /**
     * Seconds until T1 (Renew, RFC 9915 §18.2.4), 0 once past; null when no
     * T1 runs (infinite, or the IA holds no lease). Added in schema 1; an
     * older agent's document lacks it.
     */
    readonly t1_left?: number | null;
    /** Seconds until T2 (Rebind, RFC 9915 §18.2.5), as `t1_left`. */
    readonly t2_left?: number | null;
    readonly status: string | null;
  }[];
  /** Seconds until the engine's next timer, or null when none is set. */
  readonly next_timer_in: number | null;
  /** DNS servers (RFC 3646 §3). */
  readonly dns_servers: readonly string[];
  /** Domain search list (RFC 3646 §4). */
  readonly domains: readonly string[];
  /** SNTP servers (RFC 4075 §4). */
  readonly sntp_servers: readonly string[];
  /** NTP servers (RFC 5908 §4): addresses and names. */
  readonly ntp_servers: readonly string[];
  /** SIP server addresses (RFC 3319 §3.2). */
  readonly sip_servers: readonly string[];
  /** SIP server domain names (RFC 3319 §3.1). */
  readonly sip_domains: readonly string[];
  /** The DS-Lite AFTR name (RFC 6334 §3), or null. */
  readonly aftr_name: string | null;
  /** The captive portal API URI (RFC 8910 §2.2), or null. */
  readonly captive_portal: string | null;
  /** Received values that failed their check: `<code>:<hex>`. */
  readonly rejected: readonly string[];
  /** Messages sent, received and dropped (by type or reason), and hook runs. */
  readonly counters: {
    readonly sent: Readonly<Record<string, number>>;
    readonly received: Readonly<Record<string, number>>;
    readonly dropped: Readonly<Record<string, number>>;
    readonly hooks: { readonly run: number; readonly failed: number; readonly timed_out: number };
  };
}

/** The whole status document, version 1. */
export interface StatusDocument {
  /** The schema version; fields are only added within one version. */
  readonly version: 1;
  /** When the document was made (ISO 8601, UTC), or null when no wall clock was given. */
  readonly generated_at: string | null;
  /** One entry per upstream interface. */
  readonly interfaces: readonly StatusInterface[];
  /** One entry per LAN interface with a `[lan.NAME]` table (absent in older documents). */
  readonly lan?: readonly StatusLan[];
}

/** Hook counters of one interface, as the hook runner keeps them. */
export interface HookCountersInput {
  /** Hooks started or refused. */
  readonly run: number;
  /** Hooks that did not exit 0 (timed out included). */
  readonly failed: number;
  /** Hooks killed at the timeout. */
  readonly timedOut: number;
}

/** Everything the status document is built from. */
export interface StatusInput {
  /** The engines' statuses, one per upstream interface. */
  readonly clients: readonly ClientStatus[];
  /** LAN subnets by upstream interface name. */
  readonly lan?: Readonly<Record<string, readonly LanAssignment[]>>;
  /** Hook counters by interface name. */
  readonly hooks?: Readonly<Record<string, HookCountersInput>>;
  /** The LAN runtimes' states. */
  readonly lanInterfaces?: readonly LanStatus[];
  /** Engine time (ms), the clock of `receivedAt` and `nextTimeout`. */
  readonly now: number;
  /** Wall-clock time (ms since the epoch) for `generated_at`; omitted gives null. */
  readonly wallClock?: number;
}

const INFINITY = 0xffffffff;

/** Seconds left, or null for an infinite lifetime (RFC 9915 §7.7). */
function left(lifetime: number, receivedAt: number, now: number): number | null {
  if (lifetime >= INFINITY) return null;
  return Math.max(0, lifetime - Math.max(0, Math.floor((now - receivedAt) / 1000)));
}

/** Whole seconds from `now` until the engine time `at` (0 once past), or null when none. */
function until(at: number | undefined, now: number): number | null {
  return at === undefined ? null : Math.max(0, Math.ceil((at - now) / 1000));
}

/** Builds the status document; see the module doc for the schema. */
export function buildStatusDocument(input: StatusInput): StatusDocument {
  return {
    version: 1,
    generated_at: input.wallClock === undefined ? null : new Date(input.wallClock).toISOString(),
    interfaces: input.clients.map((s) => statusInterface(s, input)),
    ...(input.lanInterfaces === undefined
      ? {}
      : { lan: input.lanInterfaces.map((l) => statusLan(l, input.now)) }),
  };
}

function statusInterface(s: ClientStatus, input: StatusInput): StatusInterface {
  const { now } = input;
  const v = optionValues(s.options);
  const hooks = input.hooks?.[s.interfaceName];
  return {
    name: s.interfaceName,
    state: s.state,
    server: s.serverDuid === undefined
      ? null
      : { duid: s.serverDuid, address: s.serverAddress ?? null },
    addresses: s.addresses.map((a) => ({
      iaid: a.iaid,
      address: a.address,
      preferred_left: left(a.preferredLifetime, a.receivedAt, now),
      valid_left: left(a.validLifetime, a.receivedAt, now),
    })),
    prefixes: s.prefixes.map((p) => ({
      iaid: p.iaid,
      prefix: `${p.prefix}/${p.prefixLength}`,
      preferred_left: left(p.preferredLifetime, p.receivedAt, now),
      valid_left: left(p.validLifetime, p.receivedAt, now),
      excluded: p.excluded ? `${p.excluded.prefix}/${p.excluded.prefixLength}` : null,
    })),
    lan_subnets: (input.lan?.[s.interfaceName] ?? []).map((l) => ({
      interface: l.interface,
      subnet: `${l.prefix}/${l.prefixLength}`,
      address: l.address ?? null,
      delegated_prefix: l.delegatedPrefix ?? null,
    })),
    ias: s.ias.map((ia) => ({
      type: ia.type,
      iaid: ia.iaid,
      t1: ia.t1,
      t2: ia.t2,
      t1_left: until(ia.t1At, now),
      t2_left: until(ia.t2At, now),
      status: ia.status ?? null,
    })),
    next_timer_in: until(s.nextTimeout, now),
    dns_servers: v.dnsServers,
    domains: v.domains,
    sntp_servers: v.sntpServers,
    ntp_servers: v.ntpServers,
    sip_servers: v.sipServers,
    sip_domains: v.sipNames,
    aftr_name: v.aftrName === "" ? null : v.aftrName,
    captive_portal: v.captivePortal === "" ? null : v.captivePortal,
    rejected: v.rejected,
    counters: {
      sent: { ...s.counters.sent },
      received: { ...s.counters.received },
      dropped: { ...s.counters.dropped },
      hooks: {
        run: hooks?.run ?? 0,
        failed: hooks?.failed ?? 0,
        timed_out: hooks?.timedOut ?? 0,
      },
    },
  };
}

const ARRAY_FIELDS = [
  "addresses",
  "prefixes",
  "lan_subnets",
  "ias",
  "dns_servers",
  "domains",
  "sntp_servers",
  "ntp_servers",
  "sip_servers",
  "sip_domains",
  "rejected",
] as const;

/**
 * Checks that `json` (e.g. the `status` of a control-socket reply) has the
 * shape of a version-1 status document; throws a SyntaxError naming the
 * first field that does not.
 */
export function parseStatusDocument(json: unknown): StatusDocument {
  const obj = (v: unknown, where: string): Record<string, unknown> => {
    if (typeof v !== "object" || v === null || Array.isArray(v)) {
      throw new SyntaxError(`status: ${where} must be an object`);
    }
    return v as Record<string, unknown>;
  };
  const doc = obj(json, "the document");
  if (doc.version !== 1) {
    throw new SyntaxError(`status: version must be 1, got ${String(doc.version)}`);
  }
  if (!Array.isArray(doc.interfaces)) throw new SyntaxError("status: interfaces must be an array");
  doc.interfaces.forEach((entry, n) => {
    const i = obj(entry, `interfaces[${n}]`);
    for (const f of ["name", "state"]) {
      if (typeof i[f] !== "string") {
        throw new SyntaxError(`status: interfaces[${n}].${f} must be a string`);
      }
    }
    for (const f of ARRAY_FIELDS) {
      if (!Array.isArray(i[f])) {
        throw new SyntaxError(`status: interfaces[${n}].${f} must be an array`);
      }
    }
    const c = obj(i.counters, `interfaces[${n}].counters`);
    for (const f of ["sent", "received", "dropped", "hooks"]) {
      obj(c[f], `interfaces[${n}].counters.${f}`);
    }
  });
  return json as StatusDocument;
}
