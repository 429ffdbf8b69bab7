/**
 * Writes classic pcap files of IPv6 UDP datagrams (the format of
 * pcap-savefile(5), RFC 8200 and RFC 768 headers with a correct UDP
 * checksum), for tests and for handing our bytes to Wireshark.
 * @module
 */
import { parseIPv6 } from "../dhcp6/ipv6.ts";
import { LinkType } from "./link_type.ts";

/** One datagram to write. */
export interface Udp6Packet {
  /** Source address, IPv6 text. */
  readonly source: string;
  /** Destination address, IPv6 text. */
  readonly destination: string;
  /** UDP source port. */
  readonly sourcePort: number;
  /** UDP destination port. */
  readonly destinationPort: number;
  /** The UDP payload: here, a DHCPv6 message. */
  readonly payload: Uint8Array;
  /** Capture time, seconds since the Unix epoch; defaults to the packet's index. */
  readonly time?: number;
}

/** Link types the writer can frame datagrams in. */
export type WritableLinkType =
  | typeof LinkType.ETHERNET
  | typeof LinkType.LINUX_SLL
  | typeof LinkType.LINUX_SLL2
  | typeof LinkType.RAW
  | typeof LinkType.IPV6;

/** Builds a pcap file (microsecond, little-endian) holding `packets`. */
export function writePcap(
  packets: readonly Udp6Packet[],
  linkType: WritableLinkType = LinkType.ETHERNET,
): Uint8Array {
  const frames = packets.map((p) => frameUdp6(p, linkType));
  const size = 24 + frames.reduce((n, f) => n + 16 + f.length, 0);
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  view.setUint32(0, 0xa1b2c3d4, true); // magic, written little-endian
  view.setUint16(4, 2, true); // version 2.4
  view.setUint16(6, 4, true);
  view.setUint32(16, 262144, true); // snapshot length
  view.setUint32(20, linkType, true);
  let at = 24;
  frames.forEach((f, i) => {
    const time = packets[i]!.time ?? i;
    const seconds = Math.floor(time);
    view.setUint32(at, seconds, true);
    view.setUint32(at + 4, Math.round((time - seconds) * 1e6), true);
    view.setUint32(at + 8, f.length, true);
    view.setUint32(at + 12, f.length, true);
    out.set(f, at + 16);
    at += 16 + f.length;
  });
  return out;
}

/** The IPv6 + UDP bytes of one datagram, checksum included (RFC 8200 §8.1). */
export function ipv6Udp(p: Udp6Packet): Uint8Array {
  const udpLength = 8 + p.payload.length;
  if (udpLength > 0xffff) {
    throw new RangeError(`UDP payload of ${p.payload.length} bytes is too big`);
  }
  const src = parseIPv6(p.source);
  const dst = parseIPv6(p.destination);
  const out = new Uint8Array(40 + udpLength);
  const view = new DataView(out.buffer);
  view.setUint32(0, 0x60000000); // version 6, traffic class 0, flow label 0
  view.setUint16(4, udpLength); // payload length
  out[6] = 17; // next header: UDP
  out[7] = 1; // hop limit: link-local DHCPv6 traffic uses 1
  out.set(src, 8);
  out.set(dst, 24);
  view.setUint16(40, p.sourcePort);
  view.setUint16(42, p.destinationPort);
  view.setUint16(44, udpLength);
  out.set(p.payload, 48);
  view.setUint16(46, udpChecksum(src, dst, out.subarray(40)));
  return out;
}

/** The UDP checksum over the IPv6 pseudo-header (RFC 8200 §8.1); 0 is sent as 0xffff. */
export function udpChecksum(src: Uint8Array, dst: Uint8Array, udp: Uint8Array): number {
  let sum = 0;
  const add = (b: Uint8Array) => {
    for (let i = 0; i < b.length; i += 2) sum += (b[i]! << 8) | (b[i + 1] ?? 0);
  };
  add(src);
  add(dst);
  sum += udp.length;
  sum += 17;
  // The checksum field itself counts as zero.
  add(udp.subarray(0, 6));
  add(udp.subarray(8));
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  const c = ~sum & 0xffff;
  return c === 0 ? 0xffff : c;
}

/** One datagram framed for `linkType`: link-layer header (if any), IPv6, UDP. */
export function frameUdp6(p: Udp6Packet, linkType: WritableLinkType): Uint8Array {
  const ip = ipv6Udp(p);
  const prepend = (header: number[]) => {
    const out = new Uint8Array(header.length + ip.length);
    out.set(header);
    out.set(ip, header.length);
    return out;
  };
  const dst = parseIPv6(p.destination);
  // Multicast destinations map to 33:33 + the low 32 bits (RFC 2464 §7).
  const dstMac = dst[0] === 0xff ? [0x33, 0x33, dst[12]!, dst[13]!, dst[14]!, dst[15]!] : [
    0x02,
    0,
    0,
    0,
    0,
    0x02,
  ];
  const srcMac = [0x02, 0, 0, 0, 0, 0x01];
  switch (linkType) {
    case LinkType.ETHERNET:
      return prepend([...dstMac, ...srcMac, 0x86, 0xdd]);
    case LinkType.LINUX_SLL:
      // packet type 4 (sent by us), ARPHRD_ETHER, 6-byte address padded to 8, protocol.
      return prepend([0, 4, 0, 1, 0, 6, ...srcMac, 0, 0, 0x86, 0xdd]);
    case LinkType.LINUX_SLL2:
      // protocol, reserved, ifindex 1, ARPHRD_ETHER, packet type 4, address length 6, address.
      return prepend([0x86, 0xdd, 0, 0, 0, 0, 0, 1, 0, 1, 4, 6, ...srcMac, 0, 0]);
    case LinkType.RAW:
    case LinkType.IPV6:
      return ip;
  }
}
