/**
 * The `[lan.NAME]` tables: how edge6 serves a LAN interface that a
 * `delegate` entry gives a subnet to: Router Advertisements (RFC 4861
 * §6.2.1 settings, RFC 7084 L-*) and a stateless DHCPv6 server (RFC 7084
 * L-8, L-10). Validation, defaults, a one-line summary and the TOML form.
 * Without a `[lan.*]` table nothing is advertised, as before; a dhcp6c.conf
 * has no such statement.
 * @module
 */
import { isIPv6, normalizeIPv6, parseIPv6 } from "../dhcp6/ipv6.ts";
import { isLdhName } from "../hooks/safe_text.ts";
import type { PathSegment } from "./key_path.ts";
import { closest } from "./suggest.ts";

/** Where the LAN's DNS data comes from. */
export type LanDnsSource = "upstream" | "none" | readonly string[];

/** One LAN interface's settings. */
export interface LanConfig {
  /** The LAN interface's kernel name. */
  readonly name: string;
  /** Send Router Advertisements (RFC 4861 §6.2). */
  readonly routerAdvertisements: boolean;
  /** Run the stateless DHCPv6 server (RFC 9915 §18.3.6), or not. */
  readonly dhcpv6Server: "stateless" | "off";
  /** MaxRtrAdvInterval, seconds (RFC 4861 §6.2.1: 4–1800). */
  readonly maxInterval: number;
  /** MinRtrAdvInterval, seconds (3 to 0.75 × maxInterval). */
  readonly minInterval: number;
  /** AdvDefaultLifetime, seconds: 0, or maxInterval to 9000. */
  readonly routerLifetime: number;
  /** The M flag. */
  readonly managed: boolean;
  /** The O flag. */
  readonly other: boolean;
  /** The MTU option's value (1280–65535); absent: not sent. */
  readonly mtu?: number;
  /** DNS servers: learned upstream, these addresses, or none (RFC 8106, RFC 3646). */
  readonly dns: LanDnsSource;
  /** Domain search list: learned upstream, these names, or none. */
  readonly domains: LanDnsSource;
}

/** The keys of a `[lan.NAME]` table. */
export const LAN_KEYS = [
  "router_advertisements",
  "dhcpv6_server",
  "max_interval",
  "min_interval",
  "router_lifetime",
  "managed",
  "other",
  "mtu",
  "dns",
  "domains",
] as const;

/** Defaults of a `[lan.NAME]` table (RFC 4861 §6.2.1's, and the issue's). */
export const LAN_DEFAULTS = {
  routerAdvertisements: true,
  dhcpv6Server: "stateless",
  maxInterval: 600,
  routerLifetime: 1800,
  managed: false,
  dns: "upstream",
} as const;

/** The default MinRtrAdvInterval for `max`: 0.33 × max, kept within 3 and 0.75 × max. */
export function defaultMinInterval(max: number): number {
  return Math.min(Math.floor(0.75 * max), Math.max(3, Math.floor(0.33 * max)));
}

/** Where validation reports what it finds. */
export interface LanReporter {
  /** An error at `path`. */
  error(path: readonly PathSegment[], message: string): void;
  /** A note at `path`. */
  warn(path: readonly PathSegment[], message: string): void;
}

/** What the rest of the configuration says about interfaces. */
export interface LanContext {
  /** The upstream interfaces. */
  readonly upstreams: readonly string[];
  /** The interfaces some `delegate` entry names. */
  readonly delegated: readonly string[];
}

const IFNAME = /^[A-Za-z0-9._@+-]{1,15}$/;

/** Validates the `lan` table of a document; undefined when there is none. */
export function validateLanTables(
  value: unknown,
  context: LanContext,
  report: LanReporter,
): LanConfig[] | undefined {
  if (value === undefined) return undefined;
  if (!isTable(value)) {
    report.error(["lan"], `found ${describe(value)}, expected a table of [lan.NAME] tables`);
    return undefined;
  }
  const out: LanConfig[] = [];
  for (const [name, t] of Object.entries(value)) {
    const p = ["lan", name];
    if (!IFNAME.test(name) || name === "." || name === "..") {
      report.error(
        p,
        `found interface name ${
          JSON.stringify(name)
        }, expected 1 to 15 characters of letters, digits, ".", "_", "-", "@", "+"`,
      );
    } else if (context.upstreams.includes(name)) {
      report.error(
        p,
        `${name} is an upstream interface ([interface.${name}]); expected a LAN interface that a delegate entry names`,
      );
    } else if (!context.delegated.includes(name)) {
      const hint = closest(name, context.delegated);
      report.error(
        p,
        `no delegate entry gives ${name} a subnet, so there is nothing to advertise on it; expected one of the delegated interfaces (${
          context.delegated.join(", ") || "none"
        })${hint ? `; did you mean "${hint}"?` : ""}`,
      );
    }
    if (!isTable(t)) {
      report.error(p, `found ${describe(t)}, expected a table`);
      continue;
    }
    out.push(lanTable(name, t, p, report));
  }
  return out;
}

function lanTable(
  name: string,
  t: Record<string, unknown>,
  p: PathSegment[],
  report: LanReporter,
): LanConfig {
  for (const key of Object.keys(t)) {
    if ((LAN_KEYS as readonly string[]).includes(key)) continue;
    const hint = closest(key, LAN_KEYS);
    report.error(
      [...p, key],
      `unknown key${
        hint ? `; did you mean "${hint}"?` : `, expected one of ${LAN_KEYS.join(", ")}`
      }`,
    );
  }
  const bool = (key: string): boolean | undefined => {
    const v = t[key];
    if (v === undefined || typeof v === "boolean") return v;
    report.error([...p, key], `found ${describe(v)}, expected true or false`);
    return undefined;
  };
  const int = (key: string, min: number, max: number, why = ""): number | undefined => {
    const v = t[key];
    if (v === undefined) return undefined;
    if (typeof v === "number" && Number.isInteger(v) && v >= min && v <= max) return v;
    report.error([...p, key], `found ${describe(v)}, expected an integer ${min}–${max}${why}`);
    return undefined;
  };
  const routerAdvertisements = bool("router_advertisements") ?? LAN_DEFAULTS.routerAdvertisements;
  let dhcpv6Server: "stateless" | "off" = LAN_DEFAULTS.dhcpv6Server;
  const server = t["dhcpv6_server"];
  if (server === "stateless" || server === "off") dhcpv6Server = server;
  else if (server !== undefined) {
    report.error(
      [...p, "dhcpv6_server"],
      `found ${describe(server)}, expected "stateless" or "off" (edge6 has no stateful server)`,
    );
  }
  const maxInterval = int("max_interval", 4, 1800, " seconds (RFC 4861 §6.2.1)") ??
    LAN_DEFAULTS.maxInterval;
  const minInterval = int(
    "min_interval",
    3,
    Math.floor(0.75 * maxInterval),
    ` seconds: at least 3 and at most 0.75 × max_interval ${maxInterval} (RFC 4861 §6.2.1)`,
  ) ?? defaultMinInterval(maxInterval);
  let routerLifetime: number = LAN_DEFAULTS.routerLifetime;
  const lifetime = t["router_lifetime"];
  if (lifetime !== undefined) {
    if (
      typeof lifetime === "number" && Number.isInteger(lifetime) &&
      (lifetime === 0 || (lifetime >= maxInterval && lifetime <= 9000))
    ) {
      routerLifetime = lifetime;
    } else {
      report.error(
        [...p, "router_lifetime"],
        `found ${
          describe(lifetime)
        }, expected 0 or an integer ${maxInterval}–9000 seconds (from max_interval; RFC 4861 §6.2.1)`,
      );
    }
  }
  const managed = bool("managed") ?? LAN_DEFAULTS.managed;
  const other = bool("other") ?? dhcpv6Server === "stateless";
  const mtu = int("mtu", 1280, 65535, " (RFC 8200 §5: at least 1280)");
  const dns = dnsSource(t["dns"], [...p, "dns"], report, "addresses", (v) => {
    if (!isIPv6(v)) return "is not an IPv6 address";
    const b = parseIPv6(v);
    if (b[0] === 0xff) return "is multicast";
    if (b.every((x) => x === 0)) return "is the unspecified address";
    if (b.slice(0, 15).every((x) => x === 0) && b[15] === 1) return "is the loopback address";
    return undefined;
  }, normalizeIPv6) ?? LAN_DEFAULTS.dns;
  const domains = dnsSource(
    t["domains"],
    [...p, "domains"],
    report,
    "domain names",
    (v) =>
      isLdhName(v.replace(/\.$/, ""))
        ? undefined
        : "is not a host name of letters, digits and hyphens",
    (v) => v.replace(/\.$/, "").toLowerCase(),
  ) ?? (dns === "upstream" ? "upstream" : "none");
  if (managed) {
    report.warn(
      [...p, "managed"],
      "managed = true tells hosts to get addresses by stateful DHCPv6, which edge6 does not serve; another server on the link must",
    );
  }
  if (!routerAdvertisements && dhcpv6Server === "off") {
    report.warn(
      p,
      `router_advertisements = false and dhcpv6_server = "off": nothing is served on ${name}`,
    );
  }
  return {
    name,
    routerAdvertisements,
    dhcpv6Server,
    maxInterval,
    minInterval,
    routerLifetime,
    managed,
    other,
    ...(mtu === undefined ? {} : { mtu }),
    dns,
    domains,
  };
}

/** `"upstream"`, `"none"`, or a list whose entries pass `check`; undefined when absent. */
function dnsSource(
  v: unknown,
  p: PathSegment[],
  report: LanReporter,
  what: string,
  check: (value: string) => string | undefined,
  normalize: (value: string) => string,
): LanDnsSource | undefined {
  if (v === undefined) return undefined;
  if (v === "upstream" || v === "none") return v;
  if (!Array.isArray(v)) {
    const hint = typeof v === "string" ? closest(v, ["upstream", "none"]) : undefined;
    report.error(
      p,
      `found ${describe(v)}, expected "upstream", "none" or a list of ${what}${
        hint ? `; did you mean "${hint}"?` : ""
      }`,
    );
    return undefined;
  }
  const out: string[] = [];
  v.forEach((e, i) => {
    if (typeof e !== "string") {
      report.error([...p, i], `found ${describe(e)}, expected a string`);
      return;
    }
    const why = check(e);
    if (why !== undefined) report.error([...p, i], `found ${JSON.stringify(e)}, which ${why}`);
    else if (out.includes(normalize(e))) {
      report.error([...p, i], `found ${JSON.stringify(e)} again, expected each once`);
    } else out.push(normalize(e));
  });
  return out;
}

/** One line for `edge6 check`: what is served on the LAN interface. */
export function summarizeLan(lan: LanConfig): string {
  const parts: string[] = [];
  if (lan.routerAdvertisements) {
    parts.push(
      `router advertisements every ${lan.minInterval}–${lan.maxInterval} s, router lifetime ${lan.routerLifetime} s` +
        (lan.managed || lan.other
          ? `, flags ${lan.managed ? "M" : ""}${lan.other ? "O" : ""}`
          : "") +
        (lan.mtu === undefined ? "" : `, MTU ${lan.mtu}`),
    );
  } else parts.push("no router advertisements");
  parts.push(lan.dhcpv6Server === "stateless" ? "stateless DHCPv6 server" : "no DHCPv6 server");
  const source = (s: LanDnsSource) => (typeof s === "string" ? s : s.join(" ") || "none");
  parts.push(`dns ${source(lan.dns)}`, `domains ${source(lan.domains)}`);
  return `lan ${lan.name}: ${parts.join("; ")}`;
}

/** The TOML lines of the `[lan.NAME]` tables: each a key path and its text. */
export function lanTomlLines(lans: readonly LanConfig[]): { path: PathSegment[]; text: string }[] {
  const out: { path: PathSegment[]; text: string }[] = [];
  const list = (s: LanDnsSource) =>
    typeof s === "string" ? JSON.stringify(s) : `[${s.map((x) => JSON.stringify(x)).join(", ")}]`;
  for (const l of lans) {
    const p = ["lan", l.name];
    const key = /^[A-Za-z0-9_-]+$/.test(l.name) ? l.name : JSON.stringify(l.name);
    out.push({ path: [], text: "" });
    out.push({ path: p, text: `[lan.${key}]` });
    out.push({
      path: [...p, "router_advertisements"],
      text: `router_advertisements = ${l.routerAdvertisements}`,
    });
    out.push({
      path: [...p, "dhcpv6_server"],
      text: `dhcpv6_server = ${JSON.stringify(l.dhcpv6Server)}`,
    });
    out.push({ path: [...p, "max_interval"], text: `max_interval = ${l.maxInterval}` });
    out.push({ path: [...p, "min_interval"], text: `min_interval = ${l.minInterval}` });
    out.push({ path: [...p, "router_lifetime"], text: `router_lifetime = ${l.routerLifetime}` });
    out.push({ path: [...p, "managed"], text: `managed = ${l.managed}` });
    out.push({ path: [...p, "other"], text: `other = ${l.other}` });
    if (l.mtu !== undefined) out.push({ path: [...p, "mtu"], text: `mtu = ${l.mtu}` });
    out.push({ path: [...p, "dns"], text: `dns = ${list(l.dns)}` });
    out.push({ path: [...p, "domains"], text: `domains = ${list(l.domains)}` });
  }
  return out;
}

function isTable(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Date) &&
    Object.getPrototypeOf(v)?.constructor?.name !== "TomlDate";
}

/** Describes a value for "found X" (as validate.ts does; kept here to avoid an import cycle). */
function describe(v: unknown): string {
  if (typeof v === "string") return JSON.stringify(v);
  if (typeof v === "number" || typeof v === "boolean" || typeof v === "bigint") return String(v);
  if (Array.isArray(v)) return "an array";
  if (typeof v === "object" && v !== null) return "a table";
  return String(v);
}
