/**
 * The DHCPv6 datagrams in a capture: UDP over IPv6 to or from the client
 * and server ports (RFC 9915 §7.2).
 * @module
 */
import { CLIENT_PORT, SERVER_PORT } from "../dhcp6/constants.ts";
import { readCapture } from "./capture.ts";
import { extractUdp6, type Udp6Datagram } from "./udp6.ts";

/** A DHCPv6 datagram found in a capture. */
export interface CapturedDhcp6 extends Udp6Datagram {
  /** 1-based frame number in the file. */
  readonly frame: number;
  /** Capture time, seconds since the Unix epoch; absent when the file has none (pcapng SPB). */
  readonly time?: number;
  /** The capturing interface's name, when the file records it (pcapng). */
  readonly interfaceName?: string;
}

/** True when either UDP port is 546 or 547. */
export function isDhcp6Port(d: Pick<Udp6Datagram, "sourcePort" | "destinationPort">): boolean {
  const ports = [CLIENT_PORT, SERVER_PORT] as number[];
  return ports.includes(d.sourcePort) || ports.includes(d.destinationPort);
}

/**
 * Every DHCPv6 datagram in a pcap or pcapng file, in capture order. Throws
 * PcapError when the file itself is malformed; frames that are not IPv6 UDP
 * on port 546/547 are skipped.
 */
export function dhcp6Packets(file: Uint8Array): CapturedDhcp6[] {
  const out: CapturedDhcp6[] = [];
  for (const f of readCapture(file)) {
    const d = extractUdp6(f.linkType, f.data);
    if (d === undefined || !isDhcp6Port(d)) continue;
    out.push({
      ...d,
      frame: f.frame,
      ...(f.time === undefined ? {} : { time: f.time }),
      ...(f.interfaceName === undefined ? {} : { interfaceName: f.interfaceName }),
    });
  }
  return out;
}
