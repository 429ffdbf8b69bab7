/**
 * Neighbor Discovery numbers for the LAN side: message and option types
 * (RFC 4861 §4.1, §4.2, §4.6; RFC 4191 §2.3; RFC 8106 §5), the router
 * constants of RFC 4861 §10 and the option lifetime limits of RFC 9096 §4.
 * @module
 */

/** ICMPv6 type of a Router Solicitation (RFC 4861 §4.1). */
export const ND_ROUTER_SOLICIT = 133;
/** ICMPv6 type of a Router Advertisement (RFC 4861 §4.2). */
export const ND_ROUTER_ADVERT = 134;

/** Neighbor Discovery option types (RFC 4861 §4.6, RFC 4191 §2.3, RFC 8106 §5). */
export const NdOption = {
  SOURCE_LINK_LAYER: 1,
  TARGET_LINK_LAYER: 2,
  PREFIX_INFORMATION: 3,
  REDIRECTED_HEADER: 4,
  MTU: 5,
  ROUTE_INFORMATION: 24,
  RDNSS: 25,
  DNSSL: 31,
} as const;

/** All-nodes multicast address: where unsolicited RAs go (RFC 4861 §6.2.4). */
export const ALL_NODES = "ff02::1";
/** All-routers multicast address: where hosts send RSs (RFC 4861 §6.3.7). */
export const ALL_ROUTERS = "ff02::2";

/** Hop limit of every ND message, checked on receipt (RFC 4861 §6.1.1, §6.1.2). */
export const ND_HOP_LIMIT = 255;

/** RFC 4861 §10: the first RAs of a burst are at most this far apart (seconds). */
export const MAX_INITIAL_RTR_ADVERT_INTERVAL = 16;
/** RFC 4861 §10: how many RAs a burst has. */
export const MAX_INITIAL_RTR_ADVERTISEMENTS = 3;
/** RFC 4861 §10: how many final RAs (router lifetime 0) at most. */
export const MAX_FINAL_RTR_ADVERTISEMENTS = 3;
/** RFC 4861 §10: multicast RAs are at least this far apart (seconds, §6.2.6). */
export const MIN_DELAY_BETWEEN_RAS = 3;
/** RFC 4861 §10: a solicited RA is delayed by up to this much (seconds, §6.2.6). */
export const MAX_RA_DELAY_TIME = 0.5;

/** RFC 9096 §4: the longest preferred lifetime a CE router advertises (seconds). */
export const ND_PREFERRED_LIMIT = 2700;
/** RFC 9096 §4: the longest valid lifetime a CE router advertises (seconds). */
export const ND_VALID_LIMIT = 5400;

/** RFC 4861 §4.2: the highest Router Lifetime (seconds). */
export const MAX_ROUTER_LIFETIME = 9000;
/** RFC 4861 §6.2.1: MaxRtrAdvInterval bounds (seconds). */
export const MAX_RTR_ADV_INTERVAL_RANGE = { min: 4, max: 1800 } as const;
/** RFC 4861 §6.2.1: MinRtrAdvInterval is at least this (seconds). */
export const MIN_RTR_ADV_INTERVAL_FLOOR = 3;
/** The Cur Hop Limit edge6 advertises (RFC 4861 §6.2.1 AdvCurHopLimit; RFC 1700's 64). */
export const ADV_CUR_HOP_LIMIT = 64;
/** The smallest link MTU of IPv6 (RFC 8200 §5): every RA must fit in it. */
export const IPV6_MIN_MTU = 1280;
/** ICMPv6 bytes an RA may take so that the datagram fits in 1280 bytes (40-byte IPv6 header). */
export const MAX_RA_SIZE = IPV6_MIN_MTU - 40;
