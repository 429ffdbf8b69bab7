/**
 * The LAN side in `edge6 status`: per LAN interface, the subnets advertised
 * with their lifetimes (RFC 9096 §4), the stale ones with their time left
 * (§3.5), the router lifetime and why it is 0 (RFC 7084 G-4, G-5), RA and
 * RS counters, other routers heard (RFC 4861 §6.2.7), and the stateless
 * DHCPv6 server's counters. The runtime's view, its JSON (the status
 * document's `lan` array, schema version 1) and its text.
 * @module
 */
import type { RaStatus } from "../ra/types.ts";
import type { ServerCounters } from "../dhcp6/server/stateless_server.ts";
import { formatDuration } from "./status_text.ts";

/** One LAN runtime's state. */
export interface LanStatus {
  /** The LAN interface. */
  readonly name: string;
  /** The RA engine's state; absent when `router_advertisements = false`. */
  readonly ra?: RaStatus;
  /** The stateless server; absent when `dhcpv6_server = "off"`. */
  readonly server?: {
    readonly running: boolean;
    readonly counters: ServerCounters;
  };
  /** What keeps the runtime from working fully (no such interface, a socket refused), if anything. */
  readonly problem?: string;
}

/** A LAN interface in the status document. */
export interface StatusLan {
  /** The LAN interface. */
  readonly interface: string;
  /** The Router Advertisements, or null when they are off. */
  readonly router_advertisements: {
    readonly advertising: boolean;
    readonly source: string | null;
    readonly router_lifetime: number;
    readonly router_lifetime_zero_because: string | null;
    readonly subnets: readonly {
      readonly subnet: string;
      readonly delegated_prefix: string | null;
      readonly preferred: number;
      readonly valid: number;
    }[];
    readonly stale: readonly { readonly subnet: string; readonly left: number }[];
    readonly held: readonly { readonly subnet: string; readonly left: number }[];
    readonly dns_servers: readonly string[];
    readonly domains: readonly string[];
    readonly dns_lifetime: number;
    readonly next_advertisement_in: number | null;
    readonly counters: {
      readonly ra_sent: number;
      readonly ra_solicited: number;
      readonly rs_received: number;
      readonly ra_received: number;
      readonly dropped: Readonly<Record<string, number>>;
    };
    readonly other_routers: readonly {
      readonly address: string;
      readonly router_lifetime: number;
      readonly advertisements: number;
      readonly last_seen_ago: number;
      readonly inconsistencies: readonly string[];
    }[];
  } | null;
  /** The stateless DHCPv6 server, or null when it is off. */
  readonly dhcpv6_server: {
    readonly running: boolean;
    readonly information_requests: number;
    readonly received: Readonly<Record<string, number>>;
    readonly sent: Readonly<Record<string, number>>;
    readonly dropped: Readonly<Record<string, number>>;
  } | null;
  /** What keeps it from working fully, or null. */
  readonly problem: string | null;
}

/** The status document entry of one LAN runtime at `now` (ms). */
export function statusLan(s: LanStatus, now: number): StatusLan {
  const ra = s.ra;
  return {
    interface: s.name,
    router_advertisements: ra === undefined ? null : {
      advertising: ra.advertising,
      source: ra.source ?? null,
      router_lifetime: ra.routerLifetime,
      router_lifetime_zero_because: ra.routerLifetimeZeroBecause ?? null,
      subnets: ra.subnets.map((x) => ({
        subnet: x.subnet,
        delegated_prefix: x.delegatedPrefix ?? null,
        preferred: x.preferred,
        valid: x.valid,
      })),
      stale: ra.stale,
      held: ra.held,
      dns_servers: ra.dns.servers,
      domains: ra.dns.domains,
      dns_lifetime: ra.dns.lifetime,
      next_advertisement_in: ra.nextAdvertisementIn ?? null,
      counters: {
        ra_sent: ra.counters.raSent,
        ra_solicited: ra.counters.raSolicited,
        rs_received: ra.counters.rsReceived,
        ra_received: ra.counters.raReceived,
        dropped: ra.counters.dropped,
      },
      other_routers: ra.otherRouters.map((o) => ({
        address: o.address,
        router_lifetime: o.routerLifetime,
        advertisements: o.advertisements,
        last_seen_ago: Math.max(0, Math.floor((now - o.lastSeen) / 1000)),
        inconsistencies: o.inconsistencies,
      })),
    },
    dhcpv6_server: s.server === undefined ? null : {
      running: s.server.running,
      information_requests: s.server.counters.informationRequests,
      received: s.server.counters.received,
      sent: s.server.counters.sent,
      dropped: s.server.counters.dropped,
    },
    problem: s.problem ?? null,
  };
}

function counts(record: Readonly<Record<string, number>>): string {
  const entries = Object.entries(record).filter(([, n]) => n > 0);
  return entries.length === 0 ? "none" : entries.map(([k, n]) => `${k} ${n}`).join(", ");
}

/** The text lines of one LAN interface in `edge6 status`. */
export function lanStatusLines(l: StatusLan): string[] {
  const out = [`lan ${l.interface}:${l.problem === null ? "" : `  (${l.problem})`}`];
  const ra = l.router_advertisements;
  if (ra === null) out.push("  router advertisements off");
  else {
    const zero = ra.router_lifetime_zero_because;
    out.push(
      `  RAs ${
        ra.advertising ? `from ${ra.source}` : "not sent (no usable link-local address yet)"
      }` +
        `  router lifetime ${ra.router_lifetime}s${zero ? ` (${zero})` : ""}` +
        (ra.next_advertisement_in === null
          ? ""
          : `  next in ${formatDuration(ra.next_advertisement_in)}`),
    );
    for (const s of ra.subnets) {
      out.push(
        `  subnet  ${s.subnet}  preferred ${formatDuration(s.preferred)}  valid ${
          formatDuration(s.valid)
        }` +
          (s.delegated_prefix ? `  from ${s.delegated_prefix}` : ""),
      );
    }
    for (const s of ra.stale) {
      out.push(`  stale   ${s.subnet}  advertised with lifetimes 0 for ${formatDuration(s.left)}`);
    }
    for (const s of ra.held) {
      out.push(
        `  held    ${s.subnet}  (from the last run) goes stale in ${formatDuration(s.left)}`,
      );
    }
    if (ra.dns_servers.length + ra.domains.length > 0) {
      out.push(
        `  dns     ${[...ra.dns_servers, ...ra.domains].join(" ")}  lifetime ${
          formatDuration(ra.dns_lifetime)
        }`,
      );
    }
    out.push(
      `  RA sent ${ra.counters.ra_sent}, solicited ${ra.counters.ra_solicited}; RS received ${ra.counters.rs_received}; ` +
        `RAs of others ${ra.counters.ra_received}; dropped ${counts(ra.counters.dropped)}`,
    );
    for (const o of ra.other_routers) {
      out.push(
        `  other router ${o.address}  router lifetime ${o.router_lifetime}s  ${o.advertisements} RAs, last ${
          formatDuration(o.last_seen_ago)
        } ago${
          o.inconsistencies.length > 0 ? `; inconsistent: ${o.inconsistencies.join("; ")}` : ""
        }`,
      );
    }
  }
  const d = l.dhcpv6_server;
  if (d === null) out.push("  DHCPv6 server off");
  else {
    out.push(
      `  DHCPv6 ${
        d.running ? "stateless server" : "server not running"
      }: ${d.information_requests} Information-requests answered; ` +
        `sent ${counts(d.sent)}; dropped ${counts(d.dropped)}`,
    );
  }
  return out;
}

/** The LAN side as a hook sees it: `LAN_ADVERTISED` and `LAN_STALE`. */
export interface LanHookView {
  /** Each /64 the RAs carry as current, with the lifetimes they carry (seconds). */
  readonly advertised: readonly {
    readonly interface: string;
    readonly subnet: string;
    readonly preferred: number;
    readonly valid: number;
  }[];
  /** Each /64 advertised as stale (lifetimes 0, RFC 9096 §3.5), with the seconds it still is. */
  readonly stale: readonly {
    readonly interface: string;
    readonly subnet: string;
    readonly left: number;
  }[];
}

/** The hook view of the LAN runtimes' states. */
export function lanHookView(statuses: readonly LanStatus[]): LanHookView {
  return {
    advertised: statuses.flatMap((l) =>
      (l.ra?.subnets ?? []).map((s) => ({
        interface: l.name,
        subnet: s.subnet,
        preferred: s.preferred,
        valid: s.valid,
      }))
    ),
    stale: statuses.flatMap((l) =>
      (l.ra?.stale ?? []).map((s) => ({ interface: l.name, subnet: s.subnet, left: s.left }))
    ),
  };
}
