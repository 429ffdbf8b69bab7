/**
 * Lifetimes as the kernel is given them: what is left of a DHCPv6 lifetime
 * (RFC 9915 §7.7: 0xffffffff is infinity) at a later time, and how long a
 * stale LAN prefix is kept (RFC 9096).
 * @module
 */

/** The wire value of an infinite lifetime (RFC 9915 §7.7). */
export const INFINITY = 0xffffffff;

/**
 * The longest a stale prefix's LAN address is kept, deprecated: two hours,
 * the bound RFC 9096 §3 (updated L-13) sets for the valid lifetime of a
 * prefix advertised as stale.
 */
export const STALE_HOLD_SECONDS = 7200;

/**
 * The lifetime left at `now` of a lifetime received at `receivedAt` (both
 * engine milliseconds); infinity stays infinity.
 */
export function remainingLifetime(lifetime: number, receivedAt: number, now: number): number {
  if (lifetime === INFINITY) return INFINITY;
  return Math.max(0, lifetime - Math.floor(Math.max(0, now - receivedAt) / 1000));
}
