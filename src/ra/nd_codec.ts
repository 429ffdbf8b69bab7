/**
 * The wire form of Router Solicitations and Router Advertisements (RFC 4861
 * §4.1, §4.2) and the options edge6 sends or reads in them: source
 * link-layer address and MTU (§4.6.1, §4.6.4), Prefix Information (§4.6.2),
 * Route Information (RFC 4191 §2.3), RDNSS and DNSSL (RFC 8106 §5.1, §5.2).
 * Pure and bounds-checked: decoding hostile bytes gives a reason to drop
 * them, never an exception. The ICMPv6 checksum is the kernel's (raw ICMPv6
 * sockets compute and verify it, RFC 3542 §3.1), so it is written as 0.
 * @module
 */
import { Reader } from "../dhcp6/buffer.ts";
import { domainToWire, readDomainName } from "../dhcp6/domain.ts";
import { formatIPv6, parseIPv6 } from "../dhcp6/ipv6.ts";
import { ND_HOP_LIMIT, ND_ROUTER_ADVERT, ND_ROUTER_SOLICIT, NdOption } from "./constants.ts";
import { concatBytes } from "../dhcp6/bytes.ts";

/** One Prefix Information option (RFC 4861 §4.6.2). */
export interface PrefixInformation {
  /** The prefix, RFC 5952 text. */
  readonly prefix: string;
  /** Its length in bits. */
  readonly prefixLength: number;
  /** L: the prefix is on-link. */
  readonly onLink: boolean;
  /** A: hosts may form addresses in it (RFC 4862 §5.5.3). */
  readonly autonomous: boolean;
  /** Seconds (0xffffffff: infinity). */
  readonly validLifetime: number;
  /** Seconds (0xffffffff: infinity). */
  readonly preferredLifetime: number;
}

/** One Route Information option (RFC 4191 §2.3), medium preference. */
export interface RouteInformation {
  /** The route's prefix, RFC 5952 text. */
  readonly prefix: string;
  /** Its length in bits (0–128). */
  readonly prefixLength: number;
  /** Seconds (0xffffffff: infinity). */
  readonly lifetime: number;
}

/** What an RA carries (RFC 4861 §4.2), in the order the options are written. */
export interface RouterAdvertisement {
  /** Cur Hop Limit; 0 is unspecified. */
  readonly curHopLimit: number;
  /** M: addresses are available through DHCPv6. */
  readonly managed: boolean;
  /** O: other configuration is available through DHCPv6. */
  readonly other: boolean;
  /** Router Lifetime in seconds; 0: not a default router. */
  readonly routerLifetime: number;
  /** Reachable Time in milliseconds; 0 is unspecified. */
  readonly reachableTime: number;
  /** Retrans Timer in milliseconds; 0 is unspecified. */
  readonly retransTimer: number;
  /** The sender's link-layer address (SLLA), when it has one. */
  readonly sourceLinkLayer?: Uint8Array;
  /** The link MTU to use, when advertised. */
  readonly mtu?: number;
  /** Prefix Information options. */
  readonly prefixes: readonly PrefixInformation[];
  /** Route Information options. */
  readonly routes: readonly RouteInformation[];
  /** RDNSS options: each a lifetime and its servers. */
  readonly dnsServers: readonly {
    readonly lifetime: number;
    readonly servers: readonly string[];
  }[];
  /** DNSSL options: each a lifetime and its domains. */
  readonly dnsDomains: readonly {
    readonly lifetime: number;
    readonly domains: readonly string[];
  }[];
}

/** A received ND message that passed the checks of RFC 4861 §6.1. */
export type NdMessage =
  | {
    readonly type: "rs";
    /** Whether the RS carried a source link-layer address option. */
    readonly hasSourceLinkLayer: boolean;
  }
  | { readonly type: "ra"; readonly advertisement: RouterAdvertisement };

/** The outcome of reading one received ICMPv6 message. */
export type NdDecodeResult =
  | { readonly ok: true; readonly message: NdMessage }
  | { readonly ok: false; readonly reason: string };

/** Size of the RA header (RFC 4861 §4.2). */
const RA_HEADER = 16;
/** Size of the RS header (RFC 4861 §4.1). */
const RS_HEADER = 8;

/** Builds one RA's bytes (checksum left 0 for the kernel). */
export function encodeRouterAdvertisement(ra: RouterAdvertisement): Uint8Array {
  const parts: Uint8Array[] = [raHeader(ra)];
  if (ra.sourceLinkLayer !== undefined) parts.push(linkLayerOption(ra.sourceLinkLayer));
  if (ra.mtu !== undefined) parts.push(mtuOption(ra.mtu));
  for (const p of ra.prefixes) parts.push(prefixOption(p));
  for (const r of ra.routes) parts.push(routeOption(r));
  for (const d of ra.dnsServers) parts.push(rdnssOption(d.lifetime, d.servers));
  for (const d of ra.dnsDomains) parts.push(dnsslOption(d.lifetime, d.domains));
  return concatBytes(parts);
}

/** The 16-byte RA header: type, code, checksum, hop limit, M/O, lifetime, timers. */
function raHeader(ra: RouterAdvertisement): Uint8Array {
  const out = new Uint8Array(RA_HEADER);
  const v = new DataView(out.buffer);
  out[0] = ND_ROUTER_ADVERT;
  out[4] = ra.curHopLimit; // 1 byte: Cur Hop Limit
  out[5] = (ra.managed ? 0x80 : 0) | (ra.other ? 0x40 : 0); // M, O; Prf 00 = medium (RFC 4191)
  v.setUint16(6, ra.routerLifetime);
  v.setUint32(8, ra.reachableTime);
  v.setUint32(12, ra.retransTimer);
  return out;
}

/** Source link-layer address option (RFC 4861 §4.6.1), padded to 8-byte units. */
export function linkLayerOption(address: Uint8Array): Uint8Array {
  const units = Math.ceil((2 + address.length) / 8);
  const out = new Uint8Array(units * 8);
  out[0] = NdOption.SOURCE_LINK_LAYER;
  out[1] = units;
  out.set(address, 2);
  return out;
}

/** MTU option (RFC 4861 §4.6.4). */
function mtuOption(mtu: number): Uint8Array {
  const out = new Uint8Array(8);
  out[0] = NdOption.MTU;
  out[1] = 1;
  new DataView(out.buffer).setUint32(4, mtu);
  return out;
}

/** Prefix Information option (RFC 4861 §4.6.2): 32 bytes. */
function prefixOption(p: PrefixInformation): Uint8Array {
  const out = new Uint8Array(32);
  const v = new DataView(out.buffer);
  out[0] = NdOption.PREFIX_INFORMATION;
  out[1] = 4;
  out[2] = p.prefixLength;
  out[3] = (p.onLink ? 0x80 : 0) | (p.autonomous ? 0x40 : 0);
  v.setUint32(4, p.validLifetime);
  v.setUint32(8, p.preferredLifetime);
  out.set(parseIPv6(p.prefix), 16); // 4 reserved bytes at 12
  return out;
}

/** Route Information option (RFC 4191 §2.3): 8, 16 or 24 bytes as the length needs. */
function routeOption(r: RouteInformation): Uint8Array {
  const units = r.prefixLength === 0 ? 1 : r.prefixLength <= 64 ? 2 : 3;
  const out = new Uint8Array(units * 8);
  out[0] = NdOption.ROUTE_INFORMATION;
  out[1] = units;
  out[2] = r.prefixLength;
  out[3] = 0; // Prf 00: medium
  new DataView(out.buffer).setUint32(4, r.lifetime);
  out.set(parseIPv6(r.prefix).subarray(0, (units - 1) * 8), 8);
  return out;
}

/** RDNSS option (RFC 8106 §5.1): lifetime and 16 bytes per server. */
function rdnssOption(lifetime: number, servers: readonly string[]): Uint8Array {
  const out = new Uint8Array(8 + 16 * servers.length);
  out[0] = NdOption.RDNSS;
  out[1] = 1 + 2 * servers.length;
  new DataView(out.buffer).setUint32(4, lifetime);
  servers.forEach((s, i) => out.set(parseIPv6(s), 8 + 16 * i));
  return out;
}

/** DNSSL option (RFC 8106 §5.2): lifetime, names in DNS wire form, zero padding. */
function dnsslOption(lifetime: number, domains: readonly string[]): Uint8Array {
  const names = concatBytes(domains.map((d) => domainToWire(d)));
  const units = Math.ceil((8 + names.length) / 8);
  const out = new Uint8Array(units * 8);
  out[0] = NdOption.DNSSL;
  out[1] = units;
  new DataView(out.buffer).setUint32(4, lifetime);
  out.set(names, 8);
  return out;
}

/** The size in bytes one DNSSL option with `domains` takes. */
export function dnsslSize(domains: readonly string[]): number {
  const names = domains.reduce((n, d) => n + domainToWire(d).length, 0);
  return Math.ceil((8 + names) / 8) * 8;
}

/**
 * Reads one ICMPv6 message received on the LAN and checks it as RFC 4861
 * §6.1.1 (RS) and §6.1.2 (RA) ask: hop limit 255, code 0, enough length,
 * every option of non-zero length within the message, no source
 * link-layer option in an RS from `::`, an RA only from a link-local
 * source. The checksum was verified by the kernel. Other types are refused.
 */
export function decodeNdMessage(
  bytes: Uint8Array,
  source: string,
  hopLimit: number | undefined,
): NdDecodeResult {
  if (bytes.length < 4) return { ok: false, reason: "truncated" };
  const type = bytes[0]!;
  if (type !== ND_ROUTER_SOLICIT && type !== ND_ROUTER_ADVERT) {
    return { ok: false, reason: "not-rs-or-ra" };
  }
  if (hopLimit !== ND_HOP_LIMIT) return { ok: false, reason: "hop-limit" };
  if (bytes[1] !== 0) return { ok: false, reason: "code" };
  const header = type === ND_ROUTER_SOLICIT ? RS_HEADER : RA_HEADER;
  if (bytes.length < header) return { ok: false, reason: "truncated" };
  const options = readOptions(bytes, header);
  if (options === undefined) return { ok: false, reason: "bad-option-length" };
  if (type === ND_ROUTER_SOLICIT) {
    const hasSourceLinkLayer = options.some((o) => o.type === NdOption.SOURCE_LINK_LAYER);
    const unspecified = source === "::";
    if (unspecified && hasSourceLinkLayer) return { ok: false, reason: "slla-from-unspecified" };
    return { ok: true, message: { type: "rs", hasSourceLinkLayer } };
  }
  if (!isLinkLocalText(source)) return { ok: false, reason: "ra-not-link-local" };
  return { ok: true, message: { type: "ra", advertisement: readAdvertisement(bytes, options) } };
}

/** True for fe80::/10 text (RFC 4291 §2.5.6); false for anything that does not parse. */
function isLinkLocalText(address: string): boolean {
  try {
    const bytes = parseIPv6(address);
    return bytes[0] === 0xfe && (bytes[1]! & 0xc0) === 0x80;
  } catch {
    return false;
  }
}

interface RawOption {
  readonly type: number;
  readonly body: Uint8Array;
}

/** The options from `start` on, or undefined when one has length 0 or runs past the end. */
function readOptions(bytes: Uint8Array, start: number): RawOption[] | undefined {
  const out: RawOption[] = [];
  let at = start;
  while (at < bytes.length) {
    if (at + 2 > bytes.length) return undefined;
    const units = bytes[at + 1]!;
    if (units === 0 || at + units * 8 > bytes.length) return undefined;
    out.push({ type: bytes[at]!, body: bytes.subarray(at, at + units * 8) });
    at += units * 8;
  }
  return out;
}

/** The fields of a checked RA; options with a malformed body are skipped (RFC 4861 §4.6). */
function readAdvertisement(bytes: Uint8Array, options: readonly RawOption[]): RouterAdvertisement {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  const prefixes: PrefixInformation[] = [];
  const routes: RouteInformation[] = [];
  const dnsServers: { lifetime: number; servers: string[] }[] = [];
  const dnsDomains: { lifetime: number; domains: string[] }[] = [];
  let mtu: number | undefined;
  let sourceLinkLayer: Uint8Array | undefined;
  for (const o of options) {
    const b = new DataView(o.body.buffer, o.body.byteOffset, o.body.length);
    if (o.type === NdOption.SOURCE_LINK_LAYER) sourceLinkLayer = o.body.slice(2);
    else if (o.type === NdOption.MTU && o.body.length === 8) mtu = b.getUint32(4);
    else if (o.type === NdOption.PREFIX_INFORMATION && o.body.length === 32) {
      const length = o.body[2]!;
      if (length > 128) continue;
      prefixes.push({
        prefix: formatIPv6(o.body.slice(16, 32)),
        prefixLength: length,
        onLink: (o.body[3]! & 0x80) !== 0,
        autonomous: (o.body[3]! & 0x40) !== 0,
        validLifetime: b.getUint32(4),
        preferredLifetime: b.getUint32(8),
      });
    } else if (o.type === NdOption.ROUTE_INFORMATION && o.body.length <= 24) {
      const length = o.body[2]!;
      if (length > 128) continue;
      const prefix = new Uint8Array(16);
      prefix.set(o.body.subarray(8, Math.min(o.body.length, 24)));
      routes.push({ prefix: formatIPv6(prefix), prefixLength: length, lifetime: b.getUint32(4) });
    } else if (o.type === NdOption.RDNSS && o.body.length >= 24 && o.body.length % 16 === 8) {
      const servers: string[] = [];
      for (let at = 8; at + 16 <= o.body.length; at += 16) {
        servers.push(formatIPv6(o.body.slice(at, at + 16)));
      }
      dnsServers.push({ lifetime: b.getUint32(4), servers });
    } else if (o.type === NdOption.DNSSL && o.body.length >= 16) {
      const domains = readDnssl(o.body);
      if (domains !== undefined) dnsDomains.push({ lifetime: b.getUint32(4), domains });
    }
  }
  return {
    curHopLimit: bytes[4]!,
    managed: (bytes[5]! & 0x80) !== 0,
    other: (bytes[5]! & 0x40) !== 0,
    routerLifetime: v.getUint16(6),
    reachableTime: v.getUint32(8),
    retransTimer: v.getUint32(12),
    ...(sourceLinkLayer === undefined ? {} : { sourceLinkLayer }),
    ...(mtu === undefined ? {} : { mtu }),
    prefixes,
    routes,
    dnsServers,
    dnsDomains,
  };
}

/**
 * The names of a DNSSL option (RFC 8106 §5.2): wire-form names up to the
 * zero padding; undefined when one is malformed.
 */
function readDnssl(body: Uint8Array): string[] | undefined {
  const r = new Reader(body, 8, body.length, "DNSSL option");
  const names: string[] = [];
  try {
    while (r.remaining > 0 && body[r.pos] !== 0) names.push(readDomainName(r).name);
  } catch {
    return undefined;
  }
  return names;
}
