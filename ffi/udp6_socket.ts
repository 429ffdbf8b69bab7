/**
 * The DHCPv6 client's UDP socket (RFC 9915 §7.2: clients listen on port 546
 * and send to All_DHCP_Relay_Agents_and_Servers, ff02::1:2, port 547).
 *
 * One socket serves every interface: it is bound to [::]:546 and
 * - sends each datagram out of a chosen interface with an IPV6_PKTINFO
 *   control message (RFC 3542 §6.1), and with the interface as scope id for
 *   link-scoped destinations (RFC 4007 §6), so ff02::1:2 and fe80::… work;
 * - learns the receiving interface of each datagram from IPV6_RECVPKTINFO.
 *
 * The descriptor is SOCK_CLOEXEC (never inherited by a hook) and
 * SOCK_NONBLOCK: wait for it with {@link Poller}, then call
 * {@link Udp6Socket.receive} until it returns `undefined`.
 * @module
 */
import { cmsgSpace, parseControl } from "./cmsg.ts";
import { cString } from "./libc.ts";
import { parseIpv6 } from "./ipv6_text.ts";
import { IN6_PKTINFO_SIZE, unpackPktinfo } from "./pktinfo.ts";
import {
  packSockaddrIn6,
  SOCKADDR_IN6_SIZE,
  type SocketAddress6,
  unpackSockaddrIn6,
} from "./sockaddr_in6.ts";
import {
  AF_INET6,
  IPPROTO_IPV6,
  IPPROTO_UDP,
  IPV6_JOIN_GROUP,
  IPV6_MULTICAST_HOPS,
  IPV6_PKTINFO,
  IPV6_RECVPKTINFO,
  IPV6_V6ONLY,
  MSG_TRUNC,
  SO_BINDTODEVICE,
  SO_REUSEADDR,
  SOCK_CLOEXEC,
  SOCK_DGRAM,
  SOCK_NONBLOCK,
  SOL_SOCKET,
} from "./socket_constants.ts";
import { bind, close, getsockname, setsockoptBytes, setsockoptInt, socket } from "./syscalls.ts";
import { HOST_LE } from "./host_order.ts";
import { ReceiveBuffers } from "./receive_buffers.ts";
import { receiveInto, sendWithPktinfo } from "./pktinfo_io.ts";

/** Largest UDP payload over IPv6 without jumbograms. */
const MAX_DATAGRAM = 65535;

/** How to open the socket. Every field has the DHCPv6 client default. */
export interface Udp6SocketOptions {
  /** Local port; default 546 (RFC 9915 §7.2). 0 picks an ephemeral port (tests). */
  readonly port?: number;
  /** Local address; default `::` (all). */
  readonly address?: string;
  /** SO_REUSEADDR; default true, so a restarted agent rebinds at once. */
  readonly reuseAddress?: boolean;
  /** SO_BINDTODEVICE to this interface name; default none. */
  readonly device?: string;
  /** Hop limit for multicast; default 1 (link-local scope). */
  readonly multicastHops?: number;
}

/** Where to send a datagram. */
export interface Destination {
  /** IPv6 text, e.g. `ff02::1:2` or a server's `fe80::…`. */
  readonly address: string;
  /** UDP port, normally 547. */
  readonly port: number;
  /** Outgoing interface index (also the scope id of a link-scoped destination). */
  readonly ifindex: number;
  /** Source address to use; default: the kernel chooses (link-local for ff02::1:2). */
  readonly source?: string;
}

/** A received datagram. */
export interface Datagram {
  /** The UDP payload. */
  readonly data: Uint8Array<ArrayBuffer>;
  /** The sender: address, port, and scope id (its interface, for link-local senders). */
  readonly from: SocketAddress6;
  /** The interface it arrived on (IPV6_PKTINFO), 0 if the kernel gave none. */
  readonly ifindex: number;
  /** The destination address it was sent to (IPV6_PKTINFO), if known. */
  readonly destination: string | undefined;
}

/** True for addresses whose meaning depends on the link: fe80::/10 and link-scope multicast. */
export function isLinkScoped(address: Uint8Array): boolean {
  const linkLocalUnicast = address[0] === 0xfe && (address[1]! & 0xc0) === 0x80;
  const linkLocalMulticast = address[0] === 0xff && (address[1]! & 0x0f) === 0x02;
  return linkLocalUnicast || linkLocalMulticast;
}

/** The DHCPv6 client UDP socket. */
export class Udp6Socket {
  /** The socket descriptor (non-blocking, close-on-exec): give it to {@link Poller.wait}. */
  readonly fd: number;
  /** The bound local port (useful when opened with port 0). */
  readonly port: number;
  #closed = false;
  /** recvmsg(2) buffers, made once: nothing of 64 KiB is allocated per datagram. */
  readonly #rx = new ReceiveBuffers(MAX_DATAGRAM, 2 * cmsgSpace(IN6_PKTINFO_SIZE) + 64);

  private constructor(fd: number, port: number) {
    this.fd = fd;
    this.port = port;
  }

  /**
   * Opens and binds the socket.
   * @throws {ErrnoError} e.g. `EADDRINUSE`, or `EACCES` for port 546 without
   * CAP_NET_BIND_SERVICE.
   */
  static open(options: Udp6SocketOptions = {}): Udp6Socket {
    const port = options.port ?? 546;
    const address = options.address ?? "::";
    const fd = socket(AF_INET6, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, IPPROTO_UDP, "udp6");
    try {
      setsockoptInt(fd, IPPROTO_IPV6, IPV6_V6ONLY, 1, "IPV6_V6ONLY");
      if (options.reuseAddress ?? true) {
        setsockoptInt(fd, SOL_SOCKET, SO_REUSEADDR, 1, "SO_REUSEADDR");
      }
      setsockoptInt(fd, IPPROTO_IPV6, IPV6_RECVPKTINFO, 1, "IPV6_RECVPKTINFO");
      setsockoptInt(
        fd,
        IPPROTO_IPV6,
        IPV6_MULTICAST_HOPS,
        options.multicastHops ?? 1,
        "IPV6_MULTICAST_HOPS",
      );
      if (options.device !== undefined) {
        setsockoptBytes(
          fd,
          SOL_SOCKET,
          SO_BINDTODEVICE,
          cString(options.device),
          `SO_BINDTODEVICE ${options.device}`,
        );
      }
      bind(fd, packSockaddrIn6({ address, port, scopeId: 0 }), `[${address}]:${port}`);
      const bound = unpackSockaddrIn6(getsockname(fd, SOCKADDR_IN6_SIZE));
      return new Udp6Socket(fd, bound.port);
    } catch (error) {
      close(fd);
      throw error;
    }
  }

  /**
   * Sends one datagram out of `to.ifindex`.
   * @throws {ErrnoError} e.g. `ENETUNREACH`, `EADDRNOTAVAIL` (no link-local address
   * yet), `ENODEV`, or `EAGAIN` when the send buffer is full.
   */
  send(data: Uint8Array, to: Destination): void {
    const destination = parseIpv6(to.address);
    const name = packSockaddrIn6({
      address: to.address,
      port: to.port,
      scopeId: isLinkScoped(destination) ? to.ifindex : 0,
    });
    sendWithPktinfo(
      this.fd,
      name,
      data,
      to.source ?? "::",
      to.ifindex,
      `sendmsg to [${to.address}]:${to.port} via if ${to.ifindex}`,
    );
  }

  /**
   * Receives one queued datagram, or `undefined` when none is waiting.
   * @throws {ErrnoError} for errors other than EAGAIN.
   */
  receive(): Datagram | undefined {
    const rx = this.#rx;
    const received = receiveInto(this.fd, rx, "the DHCPv6 socket");
    if (received === undefined) return undefined;
    let ifindex = 0;
    let destination: string | undefined;
    for (const message of parseControl(rx.control.subarray(0, rx.controlLength))) {
      if (message.level === IPPROTO_IPV6 && message.type === IPV6_PKTINFO) {
        const info = unpackPktinfo(message.data);
        ifindex = info.ifindex;
        destination = info.address;
      }
    }
    return {
      data: rx.payload.slice(0, (rx.flags & MSG_TRUNC) ? rx.payload.length : received),
      from: unpackSockaddrIn6(rx.name.subarray(0, rx.nameLength)),
      ifindex,
      destination,
    };
  }

  /**
   * Joins a multicast group on one interface (IPV6_JOIN_GROUP, `struct ipv6_mreq`).
   * A client never needs this (it sends to ff02::1:2 and hears unicast or
   * link-local replies); tests and labs use it to play the server side.
   */
  joinGroup(group: string, ifindex: number): void {
    const request = new Uint8Array(20); // 16 ipv6mr_multiaddr, u32 ipv6mr_interface
    request.set(parseIpv6(group), 0);
    new DataView(request.buffer).setUint32(16, ifindex, HOST_LE);
    setsockoptBytes(this.fd, IPPROTO_IPV6, IPV6_JOIN_GROUP, request, `IPV6_JOIN_GROUP ${group}`);
  }

  /** Closes the descriptor; further calls do nothing. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    close(this.fd);
  }
}
