/**
 * `struct icmp6_filter` (RFC 3542 §3.2): 256 bits, one per ICMPv6 type. On
 * Linux a set bit blocks the type (glibc's ICMP6_FILTER_SETBLOCK sets it,
 * ICMP6_FILTER_SETPASS clears it). Pure, so it is tested without a socket.
 * @module
 */
import { HOST_LE } from "./host_order.ts";

/** Size of `struct icmp6_filter`: eight 32-bit words. */
export const ICMP6_FILTER_SIZE = 32;

/** A filter that blocks every ICMPv6 type except `pass`. */
export function icmp6FilterPassing(pass: readonly number[]): Uint8Array<ArrayBuffer> {
  const words = new Uint32Array(8).fill(0xffffffff);
  for (const type of pass) {
    if (!Number.isInteger(type) || type < 0 || type > 255) {
      throw new RangeError(`ICMPv6 type ${type} is not 0–255`);
    }
    words[type >> 5] = words[type >> 5]! & ~(1 << (type & 31));
  }
  const out = new Uint8Array(ICMP6_FILTER_SIZE);
  const view = new DataView(out.buffer);
  words.forEach((w, i) => view.setUint32(i * 4, w >>> 0, HOST_LE));
  return out;
}

/** Whether `filter` lets ICMPv6 `type` through (glibc's ICMP6_FILTER_WILLPASS). */
export function icmp6FilterPasses(filter: Uint8Array, type: number): boolean {
  const view = new DataView(filter.buffer, filter.byteOffset, filter.length);
  const word = view.getUint32((type >> 5) * 4, HOST_LE);
  return (word & (1 << (type & 31))) === 0;
}
