/**
 * Linux socket constants used by edge6 (socket(7), ipv6(7), netlink(7)).
 * Values are the Linux ABI numbers; they are not portable to other kernels.
 * @module
 */

/** Address families. */
export const AF_INET6 = 10;
/** Netlink address family (netlink(7)). */
export const AF_NETLINK = 16;
/** Datagram socket type. */
export const SOCK_DGRAM = 2;
/** Raw socket type (used for netlink). */
export const SOCK_RAW = 3;
/** socket(2) flag: non-blocking descriptor. */
export const SOCK_NONBLOCK = 0o4000;
/** socket(2) flag: close-on-exec, so no descriptor leaks into a hook. */
export const SOCK_CLOEXEC = 0o2000000;
/** UDP protocol number. */
export const IPPROTO_UDP = 17;
/** IPv6 socket option level. */
export const IPPROTO_IPV6 = 41;
/** Generic socket option level. */
export const SOL_SOCKET = 1;
/** Allow binding a port another socket holds (both set it). */
export const SO_REUSEADDR = 2;
/** Receive buffer size. */
export const SO_RCVBUF = 8;
/** Bind a socket to one device. */
export const SO_BINDTODEVICE = 25;
/** Outgoing interface for multicast (ipv6(7)). */
export const IPV6_MULTICAST_IF = 17;
/** Hop limit for multicast. */
export const IPV6_MULTICAST_HOPS = 18;
/** Loop our own multicast back. */
export const IPV6_MULTICAST_LOOP = 19;
/** Join a multicast group on an interface (struct ipv6_mreq). */
export const IPV6_JOIN_GROUP = 20;
/** Restrict an AF_INET6 socket to IPv6. */
export const IPV6_V6ONLY = 26;
/** Ask for IPV6_PKTINFO control messages on receive (RFC 3542 §6). */
export const IPV6_RECVPKTINFO = 49;
/** The in6_pktinfo control message type (RFC 3542 §6). */
export const IPV6_PKTINFO = 50;
/** recv flag: do not block. */
export const MSG_DONTWAIT = 0x40;
/** recv flag: return the real length even if truncated / msg_flags: truncated. */
export const MSG_TRUNC = 0x20;
/** msg_flags: control data truncated. */
export const MSG_CTRUNC = 0x08;
/** Netlink socket option level. */
export const SOL_NETLINK = 270;
/** Join a netlink multicast group. */
export const NETLINK_ADD_MEMBERSHIP = 1;
/** Do not echo the request payload in error acknowledgements. */
export const NETLINK_CAP_ACK = 10;
/** Ask for extended acknowledgements (error text). */
export const NETLINK_EXT_ACK = 11;
/** The rtnetlink protocol. */
export const NETLINK_ROUTE = 0;
/** fcntl: get descriptor flags. */
export const F_GETFD = 1;
/** Descriptor flag: close-on-exec. */
export const FD_CLOEXEC = 1;
/** eventfd flag: close-on-exec. */
export const EFD_CLOEXEC = 0o2000000;
/** eventfd flag: non-blocking. */
export const EFD_NONBLOCK = 0o4000;
/** poll(2) events: data to read. */
export const POLLIN = 0x001;
/** poll(2) revents: error condition. */
export const POLLERR = 0x008;
/** poll(2) revents: hang up. */
export const POLLHUP = 0x010;
/** poll(2) revents: invalid descriptor. */
export const POLLNVAL = 0x020;
