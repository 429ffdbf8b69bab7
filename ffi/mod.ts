/**
 * edge6's kernel interface: the DHCPv6 UDP socket, rtnetlink requests and
 * notifications, a poll(2) wait that does not block the event loop, syslog,
 * and the pure packing helpers underneath them. `libc.ts` is the only
 * module that calls `Deno.dlopen`; it opens libc on first use.
 *
 * A typical event loop:
 * ```ts
 * import { NetlinkMonitor, Poller, RtNetlink, timeoutUntil, Udp6Socket } from "./ffi/mod.ts";
 * const monitor = NetlinkMonitor.open();          // before the first dumps
 * const rtnl = RtNetlink.open();
 * const links = await rtnl.listLinks();
 * const udp = Udp6Socket.open();                   // [::]:546
 * const poller = Poller.open();
 * Deno.addSignalListener("SIGHUP", () => { reload = true; poller.wake(); });
 * for (;;) {
 *   const ready = await poller.wait([udp.fd, monitor.fd], timeoutUntil(nextDeadline, now()));
 *   if (ready.readable.has(monitor.fd)) for (const e of monitor.drain()) onEvent(e);
 *   if (ready.readable.has(udp.fd)) for (let d; (d = udp.receive()); ) onDatagram(d);
 *   ...
 * }
 * udp.send(bytes, { address: "ff02::1:2", port: 547, ifindex });
 * await rtnl.replaceAddress({ ifindex, address, prefixLength: 128,
 *   validLifetime, preferredLifetime, flags: IFA_F_NOPREFIXROUTE });
 * await rtnl.replaceRoute({ destination: "2001:db8:1::", prefixLength: 48 }); // unreachable
 * ```
 * @module
 */

export { ERRNO, ErrnoError, type ErrnoName, errnoName } from "./errno.ts";
export { formatIpv6, parseIpv6 } from "./ipv6_text.ts";
export {
  packSockaddrIn6,
  SOCKADDR_IN6_SIZE,
  type SocketAddress6,
  unpackSockaddrIn6,
} from "./sockaddr_in6.ts";
export { IN6_PKTINFO_SIZE, type PacketInfo, packPktinfo, unpackPktinfo } from "./pktinfo.ts";
export { buildControl, cmsgLen, cmsgSpace, type ControlMessage, parseControl } from "./cmsg.ts";
export { type MsghdrFields, packIovec, packMsghdr, unpackMsghdr } from "./msghdr.ts";
export { Poller, type Readiness, timeoutUntil, waitReadable } from "./poll.ts";
export {
  type Datagram,
  type Destination,
  isLinkScoped,
  Udp6Socket,
  type Udp6SocketOptions,
} from "./udp6_socket.ts";
export { type Icmp6Message, Icmp6Socket } from "./icmp6_socket.ts";
export { RouteWatch } from "./route_watch.ts";
export { RtNetlink } from "./netlink.ts";
export { NetlinkMonitor } from "./netlink_monitor.ts";
export type { NetlinkEvent } from "./netlink/event.ts";
export { decodeEvent } from "./netlink/event.ts";
export type { AddressInfo, AddressRequest, AddressSpec } from "./netlink/address.ts";
export type { LinkInfo } from "./netlink/link.ts";
export { formatMac } from "./netlink/link.ts";
export type { RouteInfo, RouteRequest } from "./netlink/route.ts";
export {
  IFA_F_DADFAILED,
  IFA_F_DEPRECATED,
  IFA_F_NODAD,
  IFA_F_NOPREFIXROUTE,
  IFA_F_OPTIMISTIC,
  IFA_F_PERMANENT,
  IFA_F_TENTATIVE,
  INFINITE_LIFETIME,
  RT_SCOPE_HOST,
  RT_SCOPE_LINK,
  RT_SCOPE_UNIVERSE,
  RT_TABLE_MAIN,
  RTMGRP_IPV6_IFADDR,
  RTMGRP_IPV6_ROUTE,
  RTMGRP_LINK,
  RTN_UNICAST,
  RTN_UNREACHABLE,
  RTPROT_DHCP,
  RTPROT_KERNEL,
  RTPROT_STATIC,
} from "./netlink/constants.ts";
export { interfaceIndex, interfaceName, isCloseOnExec } from "./syscalls.ts";
export { newSession, redirectStandardStreams } from "./process.ts";
export {
  closeSyslog,
  LOG_CONS,
  LOG_NDELAY,
  LOG_PERROR,
  LOG_PID,
  openSyslog,
  syslog,
  SyslogFacility,
  SyslogLevel,
  type SyslogOptions,
} from "./syslog.ts";
