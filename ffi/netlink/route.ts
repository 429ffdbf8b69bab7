/**
 * IPv6 route messages (RTM_NEWROUTE / RTM_DELROUTE / RTM_GETROUTE, rtnetlink(7)),
 * used for the unreachable route that covers each delegated prefix
 * (RFC 7084 WPD-5: packets for unassigned parts of the prefix are dropped
 * with ICMPv6 unreachable instead of looping towards the ISP).
 *
 * ```
 * rtmsg (12 bytes)
 * 0 u8 rtm_family   AF_INET6      6 u8 rtm_scope  RT_SCOPE_*
 * 1 u8 rtm_dst_len  prefix length 7 u8 rtm_type   RTN_* (7 = unreachable)
 * 2 u8 rtm_src_len               8 u32 rtm_flags
 * 3 u8 rtm_tos
 * 4 u8 rtm_table    254 = main
 * 5 u8 rtm_protocol RTPROT_* (16 = dhcp)
 * ```
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
  RT_SCOPE_UNIVERSE,
  RT_TABLE_MAIN,
  RTA_CACHEINFO,
  RTA_DST,
  RTA_EXPIRES,
  RTA_GATEWAY,
  RTA_OIF,
  RTA_PRIORITY,
  RTA_TABLE,
  RTN_UNREACHABLE,
  RTPROT_DHCP,
  USER_HZ,
} from "./constants.ts";

/** Size of `struct rtmsg`. */
export const RTMSG_SIZE = 12;

/** An IPv6 route to add or remove. Defaults make an unreachable route in the main table. */
export interface RouteRequest {
  /** Destination prefix as IPv6 text (host bits are expected to be zero). */
  readonly destination: string;
  /** Prefix length 0..128. */
  readonly prefixLength: number;
  /** RTN_* type; default RTN_UNREACHABLE. */
  readonly type?: number;
  /** Table id; default RT_TABLE_MAIN. */
  readonly table?: number;
  /** RTPROT_* origin; default RTPROT_DHCP. */
  readonly protocol?: number;
  /** Metric; default: the kernel's (1024). */
  readonly priority?: number;
  /** Lifetime in seconds after which the kernel removes the route (RTA_EXPIRES). */
  readonly expires?: number;
  /** Output interface (not needed for unreachable routes). */
  readonly ifindex?: number;
}

/** An IPv6 route as the kernel reports it. */
export interface RouteInfo {
  /** Destination prefix as IPv6 text (`::` for the default route). */
  readonly destination: string;
  /** Prefix length. */
  readonly prefixLength: number;
  /** RTN_* type. */
  readonly type: number;
  /** Table id. */
  readonly table: number;
  /** RTPROT_* origin. */
  readonly protocol: number;
  /** RT_SCOPE_*. */
  readonly scope: number;
  /** Output interface, if any. */
  readonly ifindex: number | undefined;
  /** Metric, if any. */
  readonly priority: number | undefined;
  /** Gateway, if any. */
  readonly gateway: string | undefined;
  /** Remaining lifetime in seconds, if the route expires. */
  readonly expires: number | undefined;
}

/**
 * The RTM_NEWROUTE / RTM_DELROUTE payload.
 * @throws {RangeError} for an invalid prefix length.
 */
export function encodeRoute(request: RouteRequest): Uint8Array<ArrayBuffer> {
  const length = request.prefixLength;
  if (!Number.isInteger(length) || length < 0 || length > 128) {
    throw new RangeError(`prefix length ${length} is not in 0..128`);
  }
  const table = request.table ?? RT_TABLE_MAIN;
  const header = new Uint8Array(RTMSG_SIZE);
  header[0] = AF_INET6;
  header[1] = length;
  header[4] = table < 256 ? table : 0; // RT_TABLE_UNSPEC: the real id is in RTA_TABLE
  header[5] = request.protocol ?? RTPROT_DHCP;
  header[6] = RT_SCOPE_UNIVERSE;
  header[7] = request.type ?? RTN_UNREACHABLE;
  const parts: Uint8Array[] = [
    header,
    encodeAttribute(RTA_DST, parseIpv6(request.destination)),
    encodeU32Attribute(RTA_TABLE, table),
  ];
  if (request.ifindex !== undefined) parts.push(encodeU32Attribute(RTA_OIF, request.ifindex));
  if (request.priority !== undefined) {
    parts.push(encodeU32Attribute(RTA_PRIORITY, request.priority));
  }
  if (request.expires !== undefined) parts.push(encodeU32Attribute(RTA_EXPIRES, request.expires));
  return concatBytes(parts);
}

/** The RTM_GETROUTE dump payload for IPv6 routes. */
export function encodeGetRoutes(): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(RTMSG_SIZE);
  out[0] = AF_INET6;
  return out;
}

/**
 * Seconds left from `struct rta_cacheinfo` (u32 clntref, u32 lastuse, i32 expires
 * in USER_HZ ticks, ...), or `undefined` when the route does not expire.
 */
function cacheinfoExpires(raw: Uint8Array | undefined): number | undefined {
  if (raw === undefined) return undefined;
  if (raw.length < 12) throw new RangeError(`RTA_CACHEINFO: expected 32 bytes, got ${raw.length}`);
  const ticks = new DataView(raw.buffer, raw.byteOffset, raw.length).getInt32(8, HOST_LE);
  return ticks > 0 ? Math.floor(ticks / USER_HZ) : undefined;
}

/**
 * Decodes an RTM_NEWROUTE / RTM_DELROUTE payload; `undefined` for non-IPv6.
 * @throws {RangeError} if truncated.
 */
export function decodeRoute(payload: Uint8Array): RouteInfo | undefined {
  if (payload.length < RTMSG_SIZE) {
    throw new RangeError(`rtmsg needs 12 bytes, got ${payload.length}`);
  }
  if (payload[0] !== AF_INET6) return undefined;
  const attributes = parseAttributes(payload.subarray(RTMSG_SIZE));
  const address = (type: number, what: string): string | undefined => {
    const raw = attributes.get(type);
    if (raw === undefined) return undefined;
    if (raw.length !== 16) throw new RangeError(`${what}: expected 16 bytes, got ${raw.length}`);
    return formatIpv6(raw);
  };
  const u32 = (type: number, what: string): number | undefined => {
    const raw = attributes.get(type);
    return raw === undefined ? undefined : attributeU32(raw, what);
  };
  return {
    destination: address(RTA_DST, "RTA_DST") ?? "::",
    prefixLength: payload[1]!,
    type: payload[7]!,
    table: u32(RTA_TABLE, "RTA_TABLE") ?? payload[4]!,
    protocol: payload[5]!,
    scope: payload[6]!,
    ifindex: u32(RTA_OIF, "RTA_OIF"),
    priority: u32(RTA_PRIORITY, "RTA_PRIORITY"),
    gateway: address(RTA_GATEWAY, "RTA_GATEWAY"),
    expires: u32(RTA_EXPIRES, "RTA_EXPIRES") ?? cacheinfoExpires(attributes.get(RTA_CACHEINFO)),
  };
}
