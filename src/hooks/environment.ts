/**
 * The environment of a hook script (RFC 9915 §18.2.10 gives the data; dhcp6c's
 * script interface gives the names). Pure: the same inputs always give the
 * same environment.
 *
 * Variables set by dhcp6c, with its formats, so that existing scripts work
 * unchanged. Like dhcp6c, each list ends with a space, a domain name ends with
 * a dot, a variable is absent when its list is empty, and on `EXIT` none of
 * them is set:
 *
 * | variable | content |
 * | --- | --- |
 * | `REASON` | always set: dhcp6c's `INFOREQ`, `SOLICIT`, `REQUEST`, `RENEW`, `REBIND`, `RELEASE` (before the Release is sent, the leases already withdrawn) or `EXIT`; or, for leases lost without a Reply, `EXPIRE`, `NOTONLINK`, `DECLINE`, `NOBINDING` or `RELOAD` (see `HookReason`) |
 * | `new_domain_name_servers` | DNS recursive name servers, option 23 (RFC 3646 §3) |
 * | `new_domain_name` | domain search list, option 24 (RFC 3646 §4) |
 * | `new_ntp_servers` | SNTP servers, option 31 (RFC 4075 §4) |
 * | `new_sip_servers` | SIP server addresses, option 22 (RFC 3319 §3.2) |
 * | `new_sip_name` | SIP server names, option 21 (RFC 3319 §3.1) |
 * | `new_nis_servers` | NIS servers, option 27 (RFC 3898 §3) |
 * | `new_nis_name` | NIS domain names, option 29 (RFC 3898 §5) |
 * | `new_nisp_servers` | NIS+ servers, option 28 (RFC 3898 §4) |
 * | `new_nisp_name` | NIS+ domain names, option 30 (RFC 3898 §6) |
 * | `new_bcmcs_servers` | BCMCS server addresses, option 34 (RFC 4280 §4.2) |
 * | `new_bcmcs_name` | BCMCS server names, option 33 (RFC 4280 §4.1) |
 * | `PDINFO` | every delegated prefix the interface holds, all IA_PDs, as `prefix/len` |
 * | `raw_dhcp_option_<N>` | hex of the data of each received option `<N>` without a variable of its own; several options with the same code give comma-separated values |
 *
 * Variables beyond dhcp6c. They are always set (empty when there is nothing);
 * lists are separated by single spaces, except `CHANGED` and `TRUNCATED`,
 * whose fixed words are joined by commas:
 *
 * | variable | content |
 * | --- | --- |
 * | `INTERFACE` | the interface the client runs on |
 * | `STATE` | the client's state (`bound`, `renewing`, …) |
 * | `ADDRESSES` | `address,preferred,valid` for each IA_NA address, lifetimes in seconds left (4294967295 = infinite) |
 * | `PREFIXES` | `prefix/len,preferred,valid` for each delegated prefix, same lifetimes |
 * | `LAN_SUBNETS` | `interface,prefix/len` or `interface,prefix/len,address` for each downstream subnet |
 * | `LAN_ADVERTISED` | `interface,prefix/len,preferred,valid` for each /64 the Router Advertisements carry (`[lan.NAME]` tables only) |
 * | `LAN_STALE` | `interface,prefix/len,seconds` for each /64 advertised stale with lifetimes 0 (RFC 9096 §3.5; `[lan.NAME]` tables only) |
 * | `NTP_SERVERS` | NTP servers, option 56 (RFC 5908 §4): addresses, multicast addresses and names (names with a trailing dot) |
 * | `AFTR_NAME` | DS-Lite AFTR name, option 64 (RFC 6334 §3), without trailing dot |
 * | `CAPTIVE_PORTAL` | captive-portal API URI, option 103 (RFC 8910 §2.2) |
 * | `SERVER_DUID` | the server's DUID in hex |
 * | `SERVER_ADDRESS` | the server's address (the source of its Reply) |
 * | `OLD_PDINFO` | `PDINFO` of the previous hook, without the trailing space |
 * | `OLD_ADDRESSES` | the addresses of the previous hook |
 * | `CHANGED` | what differs from the previous hook, comma-separated: any of `addresses`, `prefixes`, `lan`, `server`, `dns`, `domains`, `ntp`, `sip`, `nis`, `nisp`, `bcmcs`, `aftr`, `captive-portal`, `raw`, in that order; empty when nothing changed (lifetimes alone do not count; `lan` needs `previousLanSubnets`) |
 * | `REJECTED` | `<code>:<hex>` for each received value that failed its check (see below) |
 * | `TRUNCATED` | comma-separated names of variables shortened (or, for raw options, left out) to fit the kernel's limit on one environment string |
 *
 * Safe form. Nothing from the wire is trusted. Addresses must be IPv6 text.
 * Domain names must be host names of letters, digits and hyphens (RFC 1035
 * §2.3.1 with RFC 1123 §2.1); any other name is left out of its variable and
 * listed in `REJECTED` as the hex of its DNS wire form (RFC 1035 §3.1). A
 * captive-portal URI must consist of `A-Z a-z 0-9 . _ : / @ % + = , -` only,
 * otherwise it goes to `REJECTED` as the hex of its UTF-8 bytes. An option
 * that could not be decoded at all (the engine drops it and keeps the rest of
 * the message, RFC 9915 §16) goes to `REJECTED` whole, as the hex of its
 * data. Raw options are always hex. So every value holds only the characters
 * `A-Z a-z 0-9 . _ : / @ % + = , -` and spaces: no quote, `$`, backquote,
 * semicolon, newline, NUL or byte outside ASCII can reach a script. Even a
 * careless `eval "NAME=$NAME"` cannot be made to run a command: a value is a
 * single word, or a list whose words each contain `:` or `,` or end in `.`
 * (addresses, entries with lifetimes, `code:hex`, absolute names), so none
 * can be the name of a command on PATH; the runner starts hooks in `/`, so
 * none can be a relative path to one either.
 *
 * Size. Any number of IAs and prefixes is listed, but Linux refuses to exec
 * with an environment string longer than 128 KiB (E2BIG). A list that would
 * exceed it keeps its leading whole entries and its name goes to `TRUNCATED`;
 * a `raw_dhcp_option_<N>` too large for it is left out and named there too.
 * @module
 */
import type { ClientStatus, HookReason } from "../dhcp6/client/types.ts";
import type { LanAssignment } from "./lan_assignment.ts";
import { type OptionDataEncoder, type OptionValues, optionValues } from "./option_values.ts";
import { safeToken } from "./safe_text.ts";
import type { LanHookView } from "./lan_status.ts";

/** What the environment needs beyond the two statuses and the LAN subnets. */
export interface HookEnvironmentExtras {
  /** Engine time (ms) of the hook, to turn lifetimes into seconds left. */
  readonly now: number;
  /** The LAN subnets at the previous hook; without it `lan` never shows in `CHANGED`. */
  readonly previousLanSubnets?: readonly LanAssignment[];
  /**
   * Encodes a decoded option's data for `raw_dhcp_option_<N>`; by default the
   * codec's encoder. Options it cannot encode are left out.
   */
  readonly encodeOptionData?: OptionDataEncoder;
  /** What the LAN side advertises, when it runs (`LAN_ADVERTISED`, `LAN_STALE`). */
  readonly lanView?: LanHookView;
}

/** Linux's MAX_ARG_STRLEN: the longest `NAME=value` string execve accepts, NUL included. */
export const MAX_ENV_STRING = 131072;

/** A lifetime given as infinite (RFC 9915 §7.7). */
const INFINITY = 0xffffffff;

/** Seconds left of `lifetime` (seconds) received at `receivedAt` (ms), at `now` (ms). */
export function secondsLeft(lifetime: number, receivedAt: number, now: number): number {
  if (lifetime >= INFINITY) return INFINITY;
  const elapsed = Math.max(0, Math.floor((now - receivedAt) / 1000));
  return Math.max(0, lifetime - elapsed);
}

/**
 * Builds the hook environment for `reason` from the status after the event,
 * the status at the previous hook (undefined for the first one) and the LAN
 * subnets now assigned from this interface's prefixes. Every variable is
 * described in this module's documentation.
 */
export function buildHookEnvironment(
  reason: HookReason,
  status: ClientStatus,
  previous: ClientStatus | undefined,
  lanSubnets: readonly LanAssignment[],
  extras: HookEnvironmentExtras,
): Record<string, string> {
  const env: Record<string, string> = { REASON: reason };
  const truncated: string[] = [];
  const cur = optionValues(status.options, extras.encodeOptionData);
  const put = (name: string, entries: readonly string[], trailingSpace: boolean) => {
    env[name] = joinWithin(name, entries, trailingSpace, truncated);
  };

  if (reason !== "EXIT") {
    const dhcp6c: [string, string[]][] = [
      ["new_domain_name_servers", cur.dnsServers],
      ["new_domain_name", cur.domains.map(dotted)],
      ["new_ntp_servers", cur.sntpServers],
      ["new_sip_servers", cur.sipServers],
      ["new_sip_name", cur.sipNames.map(dotted)],
      ["new_nis_servers", cur.nisServers],
      ["new_nis_name", cur.nisNames.map(dotted)],
      ["new_nisp_servers", cur.nispServers],
      ["new_nisp_name", cur.nispNames.map(dotted)],
      ["new_bcmcs_servers", cur.bcmcsServers],
      ["new_bcmcs_name", cur.bcmcsNames.map(dotted)],
      ["PDINFO", pdinfo(status)],
    ];
    for (const [name, list] of dhcp6c) if (list.length > 0) put(name, list, true);
    for (const [code, values] of cur.raw) {
      const name = `raw_dhcp_option_${code}`;
      const value = values.join(",");
      if (name.length + value.length + 2 <= MAX_ENV_STRING) env[name] = value;
      else truncated.push(name);
    }
  }

  env.INTERFACE = safeToken(status.interfaceName);
  env.STATE = safeToken(status.state);
  put(
    "ADDRESSES",
    status.addresses.map((a) =>
      `${safeToken(a.address)},${secondsLeft(a.preferredLifetime, a.receivedAt, extras.now)},${
        secondsLeft(a.validLifetime, a.receivedAt, extras.now)
      }`
    ),
    false,
  );
  put(
    "PREFIXES",
    status.prefixes.map((p) =>
      `${safeToken(p.prefix)}/${p.prefixLength},${
        secondsLeft(p.preferredLifetime, p.receivedAt, extras.now)
      },${secondsLeft(p.validLifetime, p.receivedAt, extras.now)}`
    ),
    false,
  );
  put("LAN_SUBNETS", lanSubnets.map(lanEntry), false);
  if (extras.lanView !== undefined) {
    const v = extras.lanView;
    put(
      "LAN_ADVERTISED",
      v.advertised.map((a) =>
        `${safeToken(a.interface)},${safeToken(a.subnet)},${a.preferred},${a.valid}`
      ),
      false,
    );
    put(
      "LAN_STALE",
      v.stale.map((a) => `${safeToken(a.interface)},${safeToken(a.subnet)},${a.left}`),
      false,
    );
  }
  put("NTP_SERVERS", cur.ntpServers.map((n) => /:/.test(n) ? n : dotted(n)), false);
  env.AFTR_NAME = cur.aftrName;
  env.CAPTIVE_PORTAL = cur.captivePortal;
  env.SERVER_DUID = status.serverDuid === undefined
    ? ""
    : safeToken(status.serverDuid.toLowerCase());
  env.SERVER_ADDRESS = status.serverAddress === undefined ? "" : safeToken(status.serverAddress);
  put("OLD_PDINFO", previous === undefined ? [] : pdinfo(previous), false);
  put(
    "OLD_ADDRESSES",
    previous === undefined ? [] : previous.addresses.map((a) => safeToken(a.address)),
    false,
  );
  const before = optionValues(previous?.options ?? [], extras.encodeOptionData);
  env.CHANGED = changedCategories(
    status,
    cur,
    previous,
    before,
    lanSubnets,
    extras.previousLanSubnets,
  ).join(",");
  put("REJECTED", cur.rejected, false);
  env.TRUNCATED = truncated.join(",");
  return env;
}

/** A name as dhcp6c writes it: absolute, with its trailing dot. */
function dotted(name: string): string {
  return `${name}.`;
}

/** `prefix/len` of every delegated prefix held, in the engine's order. */
function pdinfo(status: ClientStatus): string[] {
  return status.prefixes.map((p) => `${safeToken(p.prefix)}/${p.prefixLength}`);
}

function lanEntry(l: LanAssignment): string {
  const base = `${safeToken(l.interface)},${safeToken(l.prefix)}/${l.prefixLength}`;
  return l.address === undefined ? base : `${base},${safeToken(l.address)}`;
}

/**
 * Joins `entries` with spaces (and a trailing space, dhcp6c style), keeping as
 * many leading whole entries as fit in one environment string.
 */
function joinWithin(
  name: string,
  entries: readonly string[],
  trailingSpace: boolean,
  truncated: string[],
): string {
  const budget = MAX_ENV_STRING - name.length - 2; // "=" and the terminating NUL
  let out = "";
  for (let i = 0; i < entries.length; i++) {
    const piece = trailingSpace ? `${entries[i]} ` : i === 0 ? entries[i]! : ` ${entries[i]}`;
    if (out.length + piece.length > budget) {
      truncated.push(name);
      break;
    }
    out += piece;
  }
  return out;
}

/** What each `CHANGED` category compares, in the documented order. */
const OPTION_CATEGORIES: readonly [string, (v: OptionValues) => unknown][] = [
  ["dns", (v) => v.dnsServers],
  ["domains", (v) => v.domains],
  ["ntp", (v) => [v.sntpServers, v.ntpServers]],
  ["sip", (v) => [v.sipServers, v.sipNames]],
  ["nis", (v) => [v.nisServers, v.nisNames]],
  ["nisp", (v) => [v.nispServers, v.nispNames]],
  ["bcmcs", (v) => [v.bcmcsServers, v.bcmcsNames]],
  ["aftr", (v) => v.aftrName],
  ["captive-portal", (v) => v.captivePortal],
  ["raw", (v) => [...v.raw].sort(([a], [b]) => a - b)],
];

/**
 * The categories of `CHANGED`. Addresses, prefixes and LAN subnets compare as
 * sets (order and lifetimes do not matter); server lists compare in order,
 * since order is preference (RFC 3646 §3).
 */
function changedCategories(
  status: ClientStatus,
  cur: OptionValues,
  previous: ClientStatus | undefined,
  before: OptionValues,
  lan: readonly LanAssignment[],
  previousLan: readonly LanAssignment[] | undefined,
): string[] {
  const addressSet = (s: ClientStatus | undefined) =>
    (s?.addresses ?? []).map((a) => a.address).sort().join(" ");
  const prefixSet = (s: ClientStatus | undefined) =>
    (s?.prefixes ?? [])
      .map((p) =>
        `${p.prefix}/${p.prefixLength}` +
        (p.excluded ? `!${p.excluded.prefix}/${p.excluded.prefixLength}` : "")
      )
      .sort()
      .join(" ");
  const lanSet = (l: readonly LanAssignment[]) => l.map(lanEntry).sort().join(" ");
  const changed: string[] = [];
  if (addressSet(status) !== addressSet(previous)) changed.push("addresses");
  if (prefixSet(status) !== prefixSet(previous)) changed.push("prefixes");
  if (previousLan !== undefined && lanSet(lan) !== lanSet(previousLan)) changed.push("lan");
  if ((status.serverDuid ?? "") !== (previous?.serverDuid ?? "")) changed.push("server");
  for (const [name, pick] of OPTION_CATEGORIES) {
    if (JSON.stringify(pick(cur)) !== JSON.stringify(pick(before))) changed.push(name);
  }
  return changed;
}
