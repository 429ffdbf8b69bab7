/**
 * IPv6 address text for the kernel interfaces in `ffi/`: the same parser and
 * RFC 5952 formatter the codec uses, so that addresses compare equal across
 * layers and match what `ip -6 addr` prints.
 * @module
 */
import { formatIPv6, parseIPv6 } from "../src/dhcp6/ipv6.ts";

/**
 * Parses IPv6 address text (RFC 4291 §2.2) into 16 bytes backed by their own
 * ArrayBuffer (as FFI buffers must be). A zone (`%eth0`) is not part of an
 * address here: pass the scope id separately.
 * @throws {SyntaxError} naming the text and what was wrong with it.
 */
export function parseIpv6(text: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(parseIPv6(text));
}

/** Formats 16 bytes as canonical IPv6 text (RFC 5952 §4). */
export function formatIpv6(bytes: Uint8Array): string {
  return formatIPv6(bytes);
}
