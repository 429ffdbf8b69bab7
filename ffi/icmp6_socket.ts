/**
 * A raw ICMPv6 socket for Router Solicitations and Advertisements on one LAN
 * interface (RFC 4861 §6.2; RFC 3542 §3): bound to the interface
 * (SO_BINDTODEVICE), joined to all-routers (ff02::2), filtered to RS and RA
 * (ICMP6_FILTER), sending with hop limit 255 (IPV6_MULTICAST_HOPS,
 * IPV6_UNICAST_HOPS) and reporting each received message's hop limit
 * (IPV6_RECVHOPLIMIT) so that RFC 4861 §6.1 checks can be made. Its own
 * multicast is not looped back. The kernel computes and verifies ICMPv6
 * checksums on raw ICMPv6 sockets (RFC 3542 §3.1).
 *
 * Non-blocking and close-on-exec, like {@link Udp6Socket}.
 * @module
 */
import { cmsgSpace, parseControl } from "./cmsg.ts";
import { HOST_LE } from "./host_order.ts";
import { icmp6FilterPassing } from "./icmp6_filter.ts";
import { parseIpv6 } from "./ipv6_text.ts";
import { ReceiveBuffers } from "./receive_buffers.ts";
import { receiveInto, sendWithPktinfo } from "./pktinfo_io.ts";
import { cString } from "./libc.ts";
import { IN6_PKTINFO_SIZE, unpackPktinfo } from "./pktinfo.ts";
import { packSockaddrIn6, unpackSockaddrIn6 } from "./sockaddr_in6.ts";
import {
  AF_INET6,
  IPPROTO_IPV6,
  IPV6_JOIN_GROUP,
  IPV6_MULTICAST_HOPS,
  IPV6_MULTICAST_LOOP,
  IPV6_PKTINFO,
  IPV6_RECVPKTINFO,
  SO_BINDTODEVICE,
  SOCK_CLOEXEC,
  SOCK_NONBLOCK,
  SOCK_RAW,
  SOL_SOCKET,
} from "./socket_constants.ts";
import { close, setsockoptBytes, setsockoptInt, socket } from "./syscalls.ts";
import { isLinkScoped } from "./udp6_socket.ts";

/** The ICMPv6 protocol number, and the socket option level of ICMP6_FILTER. */
export const IPPROTO_ICMPV6 = 58;
/** setsockopt: the ICMPv6 type filter (RFC 3542 §3.2). */
export const ICMP6_FILTER = 1;
/** setsockopt: hop limit of unicast packets. */
export const IPV6_UNICAST_HOPS = 16;
/** setsockopt: ask for IPV6_HOPLIMIT control messages (RFC 3542 §6.3). */
export const IPV6_RECVHOPLIMIT = 51;
/** The control message carrying a received packet's hop limit. */
export const IPV6_HOPLIMIT = 52;

/** Largest ICMPv6 message read (a jumbo RA is not a thing on a LAN). */
const MAX_MESSAGE = 65535;

/** A received ICMPv6 message. */
export interface Icmp6Message {
  /** The ICMPv6 message, from its type byte on. */
  readonly data: Uint8Array<ArrayBuffer>;
  /** The sender's address, without zone. */
  readonly source: string;
  /** The interface it arrived on. */
  readonly ifindex: number;
  /** The IPv6 hop limit it arrived with, when the kernel reported it. */
  readonly hopLimit: number | undefined;
}

/** The raw ICMPv6 socket of one LAN interface. */
export class Icmp6Socket {
  /** The descriptor (non-blocking, close-on-exec). */
  readonly fd: number;
  /** The interface it is bound to. */
  readonly ifindex: number;
  #closed = false;
  /** recvmsg(2) buffers, made once: nothing of 64 KiB is allocated per message. */
  readonly #rx = new ReceiveBuffers(MAX_MESSAGE, cmsgSpace(IN6_PKTINFO_SIZE) + cmsgSpace(4) + 64);

  private constructor(fd: number, ifindex: number) {
    this.fd = fd;
    this.ifindex = ifindex;
  }

  /**
   * Opens the socket for interface `device` (index `ifindex`).
   * @throws {ErrnoError} e.g. EPERM without CAP_NET_RAW, ENODEV.
   */
  static open(device: string, ifindex: number): Icmp6Socket {
    const fd = socket(AF_INET6, SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC, IPPROTO_ICMPV6, "icmpv6");
    try {
      setsockoptBytes(
        fd,
        SOL_SOCKET,
        SO_BINDTODEVICE,
        cString(device),
        `SO_BINDTODEVICE ${device}`,
      );
      setsockoptBytes(
        fd,
        IPPROTO_ICMPV6,
        ICMP6_FILTER,
        icmp6FilterPassing([133, 134]),
        "ICMP6_FILTER",
      );
      setsockoptInt(fd, IPPROTO_IPV6, IPV6_MULTICAST_HOPS, 255, "IPV6_MULTICAST_HOPS");
      setsockoptInt(fd, IPPROTO_IPV6, IPV6_UNICAST_HOPS, 255, "IPV6_UNICAST_HOPS");
      setsockoptInt(fd, IPPROTO_IPV6, IPV6_MULTICAST_LOOP, 0, "IPV6_MULTICAST_LOOP");
      setsockoptInt(fd, IPPROTO_IPV6, IPV6_RECVHOPLIMIT, 1, "IPV6_RECVHOPLIMIT");
      setsockoptInt(fd, IPPROTO_IPV6, IPV6_RECVPKTINFO, 1, "IPV6_RECVPKTINFO");
      const request = new Uint8Array(20); // struct ipv6_mreq: 16 group, u32 ifindex
      request.set(parseIpv6("ff02::2"), 0);
      new DataView(request.buffer).setUint32(16, ifindex, HOST_LE);
      setsockoptBytes(
        fd,
        IPPROTO_IPV6,
        IPV6_JOIN_GROUP,
        request,
        `IPV6_JOIN_GROUP ff02::2 on ${device}`,
      );
      return new Icmp6Socket(fd, ifindex);
    } catch (error) {
      close(fd);
      throw error;
    }
  }

  /**
   * Sends one ICMPv6 message to `destination` out of the socket's interface,
   * from `source` (the interface's link-local address).
   * @throws {ErrnoError} e.g. EADDRNOTAVAIL while `source` is tentative or gone.
   */
  send(data: Uint8Array, destination: string, source: string): void {
    const name = packSockaddrIn6({
      address: destination,
      port: 0,
      scopeId: isLinkScoped(parseIpv6(destination)) ? this.ifindex : 0,
    });
    sendWithPktinfo(this.fd, name, data, source, this.ifindex, `sendmsg ICMPv6 to ${destination}`);
  }

  /**
   * The next queued message, or undefined when none waits.
   * @throws {ErrnoError} for errors other than EAGAIN.
   */
  receive(): Icmp6Message | undefined {
    const rx = this.#rx;
    const received = receiveInto(this.fd, rx, "the ICMPv6 socket");
    if (received === undefined) return undefined;
    let ifindex = this.ifindex;
    let hopLimit: number | undefined;
    for (const m of parseControl(rx.control.subarray(0, rx.controlLength))) {
      if (m.level !== IPPROTO_IPV6) continue;
      if (m.type === IPV6_PKTINFO) ifindex = unpackPktinfo(m.data).ifindex;
      if (m.type === IPV6_HOPLIMIT && m.data.length >= 4) {
        hopLimit = new DataView(m.data.buffer, m.data.byteOffset, 4).getInt32(0, HOST_LE);
      }
    }
    return {
      data: rx.payload.slice(0, Math.min(received, rx.payload.length)),
      source: unpackSockaddrIn6(rx.name.subarray(0, rx.nameLength)).address,
      ifindex,
      hopLimit,
    };
  }

  /** Closes the descriptor; further calls do nothing. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    close(this.fd);
  }
}
