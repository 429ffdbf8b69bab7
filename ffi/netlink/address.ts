/**
 * IPv6 address messages (RTM_NEWADDR / RTM_DELADDR / RTM_GETADDR, rtnetlink(7)).
 *
 * ```
 * ifaddrmsg (8 bytes)            ifa_cacheinfo (16 bytes, host order)
 * 0 u8  ifa_family (AF_INET6)    0  u32 ifa_prefered  seconds, 0xffffffff = forever
 * 1 u8  ifa_prefixlen            4  u32 ifa_valid
 * 2 u8  ifa_flags (low 8 bits)   8  u32 cstamp        (read only)
 * 3 u8  ifa_scope                12 u32 tstamp        (read only)
 * 4 u32 ifa_index
 * ```
 * The full 32-bit flags travel in IFA_FLAGS (IFA_F_NOPREFIXROUTE is bit 9).
 * DHCPv6 lifetimes (RFC 9915 §21.6, §21.22) go into IFA_CACHEINFO so the
 * kernel expires an address by itself if the agent dies.
 * @module
 */
import { HOST_LE } from "../host_order.ts";
import { formatIpv6, parseIpv6 } from "../ipv6_text.ts";
import { AF_INET6 } from "../socket_constants.ts";
import {
  attributeU32,
  concatBytes,
  encodeAttribute,
  encodeU32Attribute,
  parseAttributes,
} from "./attributes.ts";
import {
  IFA_ADDRESS,
  IFA_CACHEINFO,
  IFA_F_DADFAILED,
  IFA_F_DEPRECATED,
  IFA_F_NOPREFIXROUTE,
  IFA_F_OPTIMISTIC,
  IFA_F_PERMANENT,
  IFA_F_TENTATIVE,
  IFA_FLAGS,
  IFA_LOCAL,
  INFINITE_LIFETIME,
  RT_SCOPE_HOST,
  RT_SCOPE_LINK,
  RT_SCOPE_UNIVERSE,
} from "./constants.ts";

/** Size of `struct ifaddrmsg`. */
export const IFADDRMSG_SIZE = 8;

/** An IPv6 address to add, replace or remove. */
export interface AddressSpec {
  /** Interface index. */
  readonly ifindex: number;
  /** IPv6 text. */
  readonly address: string;
  /** Prefix length, 0..128 (a DHCPv6 IA_NA address is usually /128; a LAN address /64). */
  readonly prefixLength: number;
}

/** An address with its lifetimes, for RTM_NEWADDR. */
export interface AddressRequest extends AddressSpec {
  /** Valid lifetime in seconds; {@link INFINITE_LIFETIME} for forever. */
  readonly validLifetime: number;
  /** Preferred lifetime in seconds (at most the valid lifetime). */
  readonly preferredLifetime: number;
  /** IFA_F_* flags, e.g. IFA_F_NOPREFIXROUTE | IFA_F_NODAD. Default 0. */
  readonly flags?: number;
}

/** An IPv6 address as the kernel reports it. */
export interface AddressInfo {
  /** Interface index. */
  readonly ifindex: number;
  /** IPv6 text. */
  readonly address: string;
  /** Prefix length. */
  readonly prefixLength: number;
  /** RT_SCOPE_* (0 global, 253 link, 254 host). */
  readonly scope: number;
  /** All IFA_F_* flags (IFA_FLAGS when present, else the 8-bit field). */
  readonly flags: number;
  /** Remaining valid lifetime in seconds; {@link INFINITE_LIFETIME} for forever. */
  readonly validLifetime: number;
  /** Remaining preferred lifetime in seconds. */
  readonly preferredLifetime: number;
  /** DAD is still running (IFA_F_TENTATIVE without IFA_F_DADFAILED). */
  readonly tentative: boolean;
  /** DAD found a duplicate (IFA_F_DADFAILED, RFC 4862 §5.4.5). */
  readonly dadFailed: boolean;
  /** Optimistic DAD (RFC 4429). */
  readonly optimistic: boolean;
  /** Preferred lifetime expired. */
  readonly deprecated: boolean;
  /** Configured without lifetimes. */
  readonly permanent: boolean;
  /** No prefix route was added for it. */
  readonly noPrefixRoute: boolean;
}

function checkSpec(spec: AddressSpec): void {
  if (!Number.isInteger(spec.prefixLength) || spec.prefixLength < 0 || spec.prefixLength > 128) {
    throw new RangeError(`prefix length ${spec.prefixLength} is not in 0..128`);
  }
  if (!Number.isInteger(spec.ifindex) || spec.ifindex <= 0 || spec.ifindex > 0x7fffffff) {
    throw new RangeError(`interface index ${spec.ifindex} is not a positive 32-bit integer`);
  }
}

function lifetime(value: number, what: string): number {
  if (!Number.isInteger(value) || value < 0 || value > INFINITE_LIFETIME) {
    throw new RangeError(`${what} ${value} is not 0..0xffffffff seconds`);
  }
  return value;
}

function ifaddrmsg(spec: AddressSpec, flags: number, scope: number): Uint8Array {
  const out = new Uint8Array(IFADDRMSG_SIZE);
  const view = new DataView(out.buffer);
  out[0] = AF_INET6;
  out[1] = spec.prefixLength;
  out[2] = flags & 0xff;
  out[3] = scope;
  view.setUint32(4, spec.ifindex, HOST_LE);
  return out;
}

/** The scope the kernel would give an address: link for fe80::/10, host for ::1, else global. */
export function scopeOf(address: Uint8Array): number {
  if (address[0] === 0xfe && (address[1]! & 0xc0) === 0x80) return RT_SCOPE_LINK;
  if (address.every((b, i) => b === (i === 15 ? 1 : 0))) return RT_SCOPE_HOST;
  return RT_SCOPE_UNIVERSE;
}

/**
 * The RTM_NEWADDR payload: ifaddrmsg, IFA_LOCAL, IFA_ADDRESS, IFA_CACHEINFO, IFA_FLAGS.
 * @throws {RangeError} for an invalid prefix length, index or lifetime.
 */
export function encodeNewAddress(request: AddressRequest): Uint8Array<ArrayBuffer> {
  checkSpec(request);
  const valid = lifetime(request.validLifetime, "valid lifetime");
  const preferred = lifetime(request.preferredLifetime, "preferred lifetime");
  if (preferred > valid) {
    throw new RangeError(`preferred lifetime ${preferred} exceeds valid lifetime ${valid}`);
  }
  const address = parseIpv6(request.address);
  const flags = request.flags ?? 0;
  const cacheinfo = new Uint8Array(16);
  const view = new DataView(cacheinfo.buffer);
  view.setUint32(0, preferred, HOST_LE);
  view.setUint32(4, valid, HOST_LE);
  return concatBytes([
    ifaddrmsg(request, flags, scopeOf(address)),
    encodeAttribute(IFA_LOCAL, address),
    encodeAttribute(IFA_ADDRESS, address),
    encodeAttribute(IFA_CACHEINFO, cacheinfo),
    encodeU32Attribute(IFA_FLAGS, flags),
  ]);
}

/** The RTM_DELADDR payload: ifaddrmsg and IFA_LOCAL. */
export function encodeDeleteAddress(spec: AddressSpec): Uint8Array<ArrayBuffer> {
  checkSpec(spec);
  const address = parseIpv6(spec.address);
  return concatBytes([ifaddrmsg(spec, 0, 0), encodeAttribute(IFA_LOCAL, address)]);
}

/** The RTM_GETADDR dump payload for IPv6 addresses. */
export function encodeGetAddresses(): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(IFADDRMSG_SIZE);
  out[0] = AF_INET6;
  return out;
}

/**
 * Decodes an RTM_NEWADDR / RTM_DELADDR payload. Returns `undefined` for a
 * non-IPv6 address (the monitor only subscribes to IPv6, but dumps may mix).
 * @throws {RangeError} if the payload or an attribute is truncated.
 */
export function decodeAddress(payload: Uint8Array): AddressInfo | undefined {
  if (payload.length < IFADDRMSG_SIZE) {
    throw new RangeError(`ifaddrmsg needs 8 bytes, got ${payload.length}`);
  }
  if (payload[0] !== AF_INET6) return undefined;
  const view = new DataView(payload.buffer, payload.byteOffset, payload.length);
  const attributes = parseAttributes(payload.subarray(IFADDRMSG_SIZE));
  const raw = attributes.get(IFA_LOCAL) ?? attributes.get(IFA_ADDRESS);
  if (raw === undefined || raw.length !== 16) {
    throw new RangeError(`IPv6 address message without a 16-byte IFA_LOCAL/IFA_ADDRESS`);
  }
  const flagsAttribute = attributes.get(IFA_FLAGS);
  const flags = flagsAttribute ? attributeU32(flagsAttribute, "IFA_FLAGS") : payload[2]!;
  let validLifetime = INFINITE_LIFETIME;
  let preferredLifetime = INFINITE_LIFETIME;
  const cacheinfo = attributes.get(IFA_CACHEINFO);
  if (cacheinfo !== undefined) {
    if (cacheinfo.length < 8) {
      throw new RangeError(`IFA_CACHEINFO: expected 16 bytes, got ${cacheinfo.length}`);
    }
    const c = new DataView(cacheinfo.buffer, cacheinfo.byteOffset, cacheinfo.length);
    preferredLifetime = c.getUint32(0, HOST_LE);
    validLifetime = c.getUint32(4, HOST_LE);
  }
  const dadFailed = (flags & IFA_F_DADFAILED) !== 0;
  return {
    ifindex: view.getUint32(4, HOST_LE),
    address: formatIpv6(raw),
    prefixLength: payload[1]!,
    scope: payload[3]!,
    flags,
    validLifetime,
    preferredLifetime,
    tentative: (flags & IFA_F_TENTATIVE) !== 0 && !dadFailed,
    dadFailed,
    optimistic: (flags & IFA_F_OPTIMISTIC) !== 0,
    deprecated: (flags & IFA_F_DEPRECATED) !== 0,
    permanent: (flags & IFA_F_PERMANENT) !== 0,
    noPrefixRoute: (flags & IFA_F_NOPREFIXROUTE) !== 0,
  };
}
