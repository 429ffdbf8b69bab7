/**
 * Prefix arithmetic for a delegated prefix with an excluded prefix (RFC 6603
 * §4.2): the excluded prefix belongs to the link between the delegating and
 * the requesting router, so a requesting router must not assign it to a LAN
 * interface, nor route it to nowhere with the unreachable route it installs
 * for the delegated prefix (RFC 7084 WPD-5). Pure: text in, text out.
 * @module
 */
import { formatIPv6, maskPrefix, parseIPv6 } from "./ipv6.ts";

/** An IPv6 prefix: address text and length in bits. */
export interface Prefix {
  /** The prefix's address, IPv6 text (bits past the length are ignored). */
  readonly prefix: string;
  /** The prefix length, 0 to 128. */
  readonly prefixLength: number;
}

/**
 * The smallest set of prefixes that covers `delegated` except `excluded`
 * (RFC 6603 §4.2, for the unreachable routes of RFC 7084 WPD-5): for each
 * bit from the delegated length to the excluded length, the prefix one bit
 * longer that leaves that bit of the excluded prefix flipped. A /56 with a
 * /64 excluded gives 8 prefixes, /57 to /64. Sorted shortest first, each
 * given with its host bits cleared. Without `excluded`, just `delegated`.
 * Throws RangeError when `excluded` is not a longer prefix inside
 * `delegated`, or either is not a prefix.
 */
export function prefixesExcluding(delegated: Prefix, excluded?: Prefix): Prefix[] {
  const base = bytesOf(delegated);
  if (!excluded) return [{ prefix: formatIPv6(base), prefixLength: delegated.prefixLength }];
  const ex = bytesOf(excluded);
  if (excluded.prefixLength <= delegated.prefixLength || !contains(delegated, excluded)) {
    throw new RangeError(
      `${label(excluded)} is not a longer prefix inside ${label(delegated)} (RFC 6603 §4.2)`,
    );
  }
  const out: Prefix[] = [];
  for (let bit = delegated.prefixLength; bit < excluded.prefixLength; bit++) {
    const p = maskPrefix(ex, bit + 1);
    p[bit >> 3]! ^= 0x80 >> (bit & 7);
    out.push({ prefix: formatIPv6(p), prefixLength: bit + 1 });
  }
  return out;
}

/**
 * True when `a` and `b` share any address, that is when one contains the
 * other (RFC 4291 §2.3): a LAN subnet overlapping the excluded prefix must
 * not be assigned (RFC 6603 §4.2). Throws RangeError on a bad prefix.
 */
export function prefixesOverlap(a: Prefix, b: Prefix): boolean {
  return a.prefixLength <= b.prefixLength ? contains(a, b) : contains(b, a);
}

/**
 * True when `inner` lies inside `outer` (its length is at least as long and
 * its first `outer.prefixLength` bits are the same).
 */
export function contains(outer: Prefix, inner: Prefix): boolean {
  if (inner.prefixLength < outer.prefixLength) return false;
  const o = bytesOf(outer);
  const i = maskPrefix(bytesOf(inner), outer.prefixLength);
  return o.every((b, k) => b === i[k]);
}

/** The prefix's address with its host bits cleared; RangeError when it is not a prefix. */
function bytesOf(p: Prefix): Uint8Array {
  let address: Uint8Array;
  try {
    address = parseIPv6(p.prefix);
  } catch (e) {
    throw new RangeError(`${label(p)}: ${(e as Error).message}`);
  }
  return maskPrefix(address, p.prefixLength);
}

function label(p: Prefix): string {
  return `${p.prefix}/${p.prefixLength}`;
}
