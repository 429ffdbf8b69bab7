/**
 * `struct in6_pktinfo` (RFC 3542 §6.1): the address and interface of a datagram,
 * sent as an IPV6_PKTINFO control message to choose the outgoing interface and
 * received to learn which interface a datagram arrived on.
 *
 * Layout, 20 bytes: `16 ipi6_addr` then `u32 ipi6_ifindex` (host order).
 * @module
 */
import { HOST_LE } from "./host_order.ts";
import { formatIpv6, parseIpv6 } from "./ipv6_text.ts";

/** Size of `struct in6_pktinfo`. */
export const IN6_PKTINFO_SIZE = 20;

/** Packet information: an address (source on send, destination on receive) and an interface. */
export interface PacketInfo {
  /** IPv6 text; `::` on send lets the kernel choose the source. */
  readonly address: string;
  /** Interface index. */
  readonly ifindex: number;
}

/** Packs an `in6_pktinfo`. */
export function packPktinfo(info: PacketInfo): Uint8Array<ArrayBuffer> {
  if (!Number.isInteger(info.ifindex) || info.ifindex < 0 || info.ifindex > 0xffffffff) {
    throw new RangeError(`interface index ${info.ifindex} is not a 32-bit unsigned integer`);
  }
  const out = new Uint8Array(IN6_PKTINFO_SIZE);
  out.set(parseIpv6(info.address), 0);
  new DataView(out.buffer).setUint32(16, info.ifindex, HOST_LE);
  return out;
}

/** Unpacks an `in6_pktinfo`. @throws {RangeError} if shorter than 20 bytes. */
export function unpackPktinfo(bytes: Uint8Array): PacketInfo {
  if (bytes.length < IN6_PKTINFO_SIZE) {
    throw new RangeError(`in6_pktinfo needs ${IN6_PKTINFO_SIZE} bytes, got ${bytes.length}`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  return {
    address: formatIpv6(bytes.subarray(0, 16)),
    ifindex: view.getUint32(16, HOST_LE),
  };
}
