/**
 * What the LAN side needs to know of the upstream interfaces, folded from
 * their clients' statuses: whether any holds a lease (RFC 7084 G-4: no
 * lease, no default router), the DNS and NTP data they learned (RFC 3646,
 * RFC 4075, RFC 5908) that the LAN passes on (RFC 7084 L-10), and until when
 * that data holds (the end of the lease it came with).
 * @module
 */
import type { ClientStatus } from "../dhcp6/client/types.ts";
import type { NtpSuboption } from "../dhcp6/options/types.ts";
import { optionValues } from "../hooks/option_values.ts";
import { isLdhName } from "../hooks/safe_text.ts";
import { INFINITY } from "./lifetimes.ts";
import { isLinkLocal } from "./link_readiness.ts";

/** The upstream side as the LAN runtimes see it. */
export interface UpstreamView {
  /** Some upstream interface holds a valid address or delegated prefix. */
  readonly leased: boolean;
  /** DNS servers learned upstream (link-local ones left out: they are on the WAN's link). */
  readonly dnsServers: readonly string[];
  /** Domain search list learned upstream (host names only). */
  readonly domains: readonly string[];
  /** SNTP servers learned upstream. */
  readonly sntpServers: readonly string[];
  /** NTP server suboptions learned upstream (RFC 5908). */
  readonly ntpServers: readonly NtpSuboption[];
  /** When that data stops holding (engine ms; Infinity: no end; 0: there is none). */
  readonly until: number;
}

/** No upstream at all. */
export const NO_UPSTREAM: UpstreamView = {
  leased: false,
  dnsServers: [],
  domains: [],
  sntpServers: [],
  ntpServers: [],
  until: 0,
};

/** Folds the clients' statuses at `now` into the LAN's view of the upstream side. */
export function upstreamView(statuses: readonly ClientStatus[], now: number): UpstreamView {
  const end = (lifetime: number, receivedAt: number) =>
    lifetime >= INFINITY ? Infinity : receivedAt + lifetime * 1000;
  const dnsServers: string[] = [];
  const domains: string[] = [];
  const sntpServers: string[] = [];
  const ntpServers: NtpSuboption[] = [];
  let leased = false;
  let until: number | undefined;
  const add = <T>(into: T[], items: readonly T[], key: (t: T) => string = String) => {
    for (const i of items) if (!into.some((x) => key(x) === key(i))) into.push(i);
  };
  for (const s of statuses) {
    const leaseEnd = Math.max(
      0,
      ...s.addresses.map((a) => end(a.validLifetime, a.receivedAt)),
      ...s.prefixes.map((p) => end(p.validLifetime, p.receivedAt)),
    );
    const holds = leaseEnd > now;
    leased ||= holds;
    const informed = s.state === "informed";
    if (!holds && !informed) continue;
    const v = optionValues(s.options);
    add(dnsServers, v.dnsServers.filter((a) => !isLinkLocal(a)));
    add(domains, v.domains);
    add(sntpServers, v.sntpServers.filter((a) => !isLinkLocal(a)));
    for (const o of s.options) {
      if (o.name !== "NTP_SERVER") continue;
      add(
        ntpServers,
        o.suboptions.filter((x) =>
          x.type === "fqdn" ? isLdhName(x.domain) : x.type !== "unknown" && !isLinkLocal(x.address)
        ),
        (x) => JSON.stringify(x),
      );
    }
    // A stateless upstream's data holds until its refresh (RFC 9915 §21.23).
    const holdsUntil = holds ? leaseEnd : s.nextTimeout ?? Infinity;
    until = until === undefined ? holdsUntil : Math.min(until, holdsUntil);
  }
  return { leased, dnsServers, domains, sntpServers, ntpServers, until: until ?? 0 };
}
