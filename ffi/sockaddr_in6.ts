/**
 * `struct sockaddr_in6` (RFC 3493 §3.3, Linux layout) packing and unpacking.
 *
 * Layout, 28 bytes:
 * ```
 * 0  u16 sin6_family   host order (AF_INET6 = 10)
 * 2  u16 sin6_port     network order
 * 4  u32 sin6_flowinfo network order
 * 8  16  sin6_addr
 * 24 u32 sin6_scope_id host order (interface index for link-local)
 * ```
 * @module
 */
import { HOST_LE } from "./host_order.ts";
import { formatIpv6, parseIpv6 } from "./ipv6_text.ts";
import { AF_INET6 } from "./socket_constants.ts";

/** Size of `struct sockaddr_in6` in bytes. */
export const SOCKADDR_IN6_SIZE = 28;

/** An IPv6 socket address: text address, port, scope id (interface index, 0 for none). */
export interface SocketAddress6 {
  /** Canonical IPv6 text, without zone. */
  readonly address: string;
  /** UDP port. */
  readonly port: number;
  /** Interface index for link-scoped addresses (RFC 4007 §6), else 0. */
  readonly scopeId: number;
  /** Flow label word; 0 unless set. */
  readonly flowInfo?: number;
}

/**
 * Packs a socket address into a 28-byte `sockaddr_in6`.
 * @throws {RangeError} for a port or scope id out of range; {@link parseIpv6} errors for text.
 */
export function packSockaddrIn6(sa: SocketAddress6): Uint8Array<ArrayBuffer> {
  if (!Number.isInteger(sa.port) || sa.port < 0 || sa.port > 0xffff) {
    throw new RangeError(`port ${sa.port} is not in 0..65535`);
  }
  if (!Number.isInteger(sa.scopeId) || sa.scopeId < 0 || sa.scopeId > 0xffffffff) {
    throw new RangeError(`scope id ${sa.scopeId} is not a 32-bit interface index`);
  }
  const out = new Uint8Array(SOCKADDR_IN6_SIZE);
  const view = new DataView(out.buffer);
  view.setUint16(0, AF_INET6, HOST_LE);
  view.setUint16(2, sa.port, false);
  view.setUint32(4, sa.flowInfo ?? 0, false);
  out.set(parseIpv6(sa.address), 8);
  view.setUint32(24, sa.scopeId, HOST_LE);
  return out;
}

/**
 * Unpacks a `sockaddr_in6` as the kernel filled it.
 * @throws {RangeError} if shorter than 28 bytes or not AF_INET6.
 */
export function unpackSockaddrIn6(bytes: Uint8Array): SocketAddress6 {
  if (bytes.length < SOCKADDR_IN6_SIZE) {
    throw new RangeError(`sockaddr_in6 needs ${SOCKADDR_IN6_SIZE} bytes, got ${bytes.length}`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  const family = view.getUint16(0, HOST_LE);
  if (family !== AF_INET6) throw new RangeError(`sockaddr family ${family} is not AF_INET6`);
  return {
    address: formatIpv6(bytes.subarray(8, 24)),
    port: view.getUint16(2, false),
    scopeId: view.getUint32(24, HOST_LE),
    flowInfo: view.getUint32(4, false),
  };
}
