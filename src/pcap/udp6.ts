/**
 * Finds the IPv6 UDP datagram in a captured frame: strips the link-layer
 * header (Ethernet with VLAN tags, Linux SLL/SLL2, raw IP, BSD loopback),
 * walks the IPv6 extension headers (RFC 8200 §4) and reads the UDP header
 * (RFC 768).
 * @module
 */
import { formatIPv6 } from "../dhcp6/ipv6.ts";
import { LinkType } from "./link_type.ts";

/** A UDP datagram carried over IPv6. */
export interface Udp6Datagram {
  /** Source address, RFC 5952 text. */
  readonly source: string;
  /** Destination address, RFC 5952 text. */
  readonly destination: string;
  /** UDP source port. */
  readonly sourcePort: number;
  /** UDP destination port. */
  readonly destinationPort: number;
  /** The UDP payload (as much of it as was captured). */
  readonly payload: Uint8Array;
  /** True when the capture holds fewer payload bytes than the UDP length says. */
  readonly truncated: boolean;
}

const ETHERTYPE_IPV6 = 0x86dd;
const ETHERTYPE_VLAN = [0x8100, 0x88a8, 0x9100];
/** BSD AF_INET6 values differ by system (NetBSD/OpenBSD 24, FreeBSD 28, macOS 30). */
const BSD_AF_INET6 = [24, 28, 30];

const u16 = (b: Uint8Array, i: number) => (b[i]! << 8) | b[i + 1]!;

/** The offset of the IPv6 header in a frame, or undefined when the frame is not IPv6. */
export function ipv6Offset(linkType: number, frame: Uint8Array): number | undefined {
  switch (linkType) {
    case LinkType.ETHERNET: {
      let at = 12;
      while (at + 2 <= frame.length && ETHERTYPE_VLAN.includes(u16(frame, at))) at += 4;
      if (at + 2 > frame.length || u16(frame, at) !== ETHERTYPE_IPV6) return undefined;
      return at + 2;
    }
    case LinkType.LINUX_SLL:
      // 16 bytes: packet type, ARPHRD type, address length, 8-byte address, protocol.
      return frame.length >= 16 && u16(frame, 14) === ETHERTYPE_IPV6 ? 16 : undefined;
    case LinkType.LINUX_SLL2:
      // 20 bytes: protocol first, then reserved, ifindex, ARPHRD, packet type, address.
      return frame.length >= 20 && u16(frame, 0) === ETHERTYPE_IPV6 ? 20 : undefined;
    case LinkType.RAW:
    case LinkType.IPV6:
      return frame.length >= 1 && frame[0]! >> 4 === 6 ? 0 : undefined;
    case LinkType.NULL: {
      if (frame.length < 4) return undefined;
      const le = frame[0]! | (frame[1]! << 8);
      const be = u16(frame, 2);
      return BSD_AF_INET6.includes(le) || BSD_AF_INET6.includes(be) ? 4 : undefined;
    }
    default:
      return undefined;
  }
}

/** Extension headers that are skipped on the way to UDP (RFC 8200 §4). */
const HOP_BY_HOP = 0;
const ROUTING = 43;
const FRAGMENT = 44;
const AUTH_HEADER = 51;
const DEST_OPTIONS = 60;
const UDP = 17;

/**
 * The UDP datagram in a frame, or undefined when the frame does not carry
 * IPv6 UDP (other protocols, non-first fragments, encrypted payloads) or is
 * cut short before the UDP header.
 */
export function extractUdp6(linkType: number, frame: Uint8Array): Udp6Datagram | undefined {
  const ip = ipv6Offset(linkType, frame);
  if (ip === undefined || frame.length < ip + 40 || frame[ip]! >> 4 !== 6) return undefined;
  const payloadLength = u16(frame, ip + 4);
  let next = frame[ip + 6]!;
  let at = ip + 40;
  const end = Math.min(frame.length, at + payloadLength);
  for (;;) {
    if (next === UDP) break;
    if (next === HOP_BY_HOP || next === ROUTING || next === DEST_OPTIONS) {
      if (at + 2 > end) return undefined;
      next = frame[at]!;
      at += (frame[at + 1]! + 1) * 8;
    } else if (next === FRAGMENT) {
      if (at + 8 > end) return undefined;
      const offsetAndFlags = u16(frame, at + 2);
      // Only an unfragmented datagram is whole: offset 0 and no more fragments.
      if ((offsetAndFlags & 0xfff8) !== 0 || (offsetAndFlags & 1) !== 0) return undefined;
      next = frame[at]!;
      at += 8;
    } else if (next === AUTH_HEADER) {
      if (at + 2 > end) return undefined;
      next = frame[at]!;
      at += (frame[at + 1]! + 2) * 4;
    } else {
      return undefined;
    }
  }
  if (at + 8 > end) return undefined;
  const udpLength = u16(frame, at + 4);
  const payloadEnd = at + Math.max(udpLength, 8);
  return {
    source: formatIPv6(frame.subarray(ip + 8, ip + 24)),
    destination: formatIPv6(frame.subarray(ip + 24, ip + 40)),
    sourcePort: u16(frame, at),
    destinationPort: u16(frame, at + 2),
    payload: frame.slice(at + 8, Math.min(payloadEnd, end)),
    truncated: payloadEnd > end,
  };
}
