/**
 * The libpcap link-layer header types edge6 reads and writes
 * (https://www.tcpdump.org/linktypes.html).
 * @module
 */

/** Link types by name (the LINKTYPE_* values stored in pcap files). */
export const LinkType = {
  /** BSD loopback: a 4-byte address family in host byte order. */
  NULL: 0,
  /** Ethernet II, with optional 802.1Q / 802.1ad tags. */
  ETHERNET: 1,
  /** Raw IP (IPv4 or IPv6, told apart by the version nibble). */
  RAW: 101,
  /** Linux "cooked" capture, version 1 (16-byte header). */
  LINUX_SLL: 113,
  /** Raw IPv6. */
  IPV6: 229,
  /** Linux "cooked" capture, version 2 (20-byte header). */
  LINUX_SLL2: 276,
} as const;

/** A link type edge6 understands. */
export type LinkType = typeof LinkType[keyof typeof LinkType];
