/**
 * rtnetlink constants (netlink(7), rtnetlink(7); linux/netlink.h, linux/rtnetlink.h,
 * linux/if_addr.h, linux/if_link.h, linux/if.h). Linux ABI numbers.
 * @module
 */

/** Netlink message types common to all protocols. */
export const NLMSG_NOOP = 1;
/** An error or, with error 0, an acknowledgement. */
export const NLMSG_ERROR = 2;
/** End of a multipart dump. */
export const NLMSG_DONE = 3;
/** Data lost. */
export const NLMSG_OVERRUN = 4;

/** Request flag: this is a request. */
export const NLM_F_REQUEST = 0x01;
/** Part of a multipart message, ended by NLMSG_DONE. */
export const NLM_F_MULTI = 0x02;
/** Ask for an acknowledgement. */
export const NLM_F_ACK = 0x04;
/** The dump was interrupted by a change: results may be inconsistent. */
export const NLM_F_DUMP_INTR = 0x10;
/** GET flag: return the whole table. */
export const NLM_F_DUMP = 0x300;
/** NEW flag: replace an existing object. */
export const NLM_F_REPLACE = 0x100;
/** NEW flag: fail if the object exists. */
export const NLM_F_EXCL = 0x200;
/** NEW flag: create the object if missing. */
export const NLM_F_CREATE = 0x400;
/** Error flag: the request payload was not echoed (NETLINK_CAP_ACK). */
export const NLM_F_CAPPED = 0x100;
/** Error flag: extended-ack attributes follow. */
export const NLM_F_ACK_TLVS = 0x200;
/** Extended-ack attribute: a text message. */
export const NLMSGERR_ATTR_MSG = 1;

/** rtnetlink message types. */
export const RTM_NEWLINK = 16;
/** A link was removed. */
export const RTM_DELLINK = 17;
/** Get links. */
export const RTM_GETLINK = 18;
/** Add an address / an address was added. */
export const RTM_NEWADDR = 20;
/** Remove an address / an address was removed. */
export const RTM_DELADDR = 21;
/** Get addresses. */
export const RTM_GETADDR = 22;
/** Add a route. */
export const RTM_NEWROUTE = 24;
/** Remove a route. */
export const RTM_DELROUTE = 25;
/** Get routes. */
export const RTM_GETROUTE = 26;

/** Multicast group bitmasks for sockaddr_nl.nl_groups. */
export const RTMGRP_LINK = 0x1;
/** IPv6 address changes. */
export const RTMGRP_IPV6_IFADDR = 0x100;
/** IPv6 route changes. */
export const RTMGRP_IPV6_ROUTE = 0x400;

/** Link attributes (IFLA_*). */
export const IFLA_ADDRESS = 1;
/** Interface name. */
export const IFLA_IFNAME = 3;
/** MTU, u32. */
export const IFLA_MTU = 4;
/** RFC 2863 operational state, u8. */
export const IFLA_OPERSTATE = 16;
/** Carrier, u8. */
export const IFLA_CARRIER = 33;

/** Interface flags (linux/if.h). */
export const IFF_UP = 0x1;
/** Loopback. */
export const IFF_LOOPBACK = 0x8;
/** Operationally up (RFC 2863). */
export const IFF_RUNNING = 0x40;
/** Multicast capable. */
export const IFF_MULTICAST = 0x1000;
/** Carrier present at layer 1. */
export const IFF_LOWER_UP = 0x10000;

/** Address attributes (IFA_*). */
export const IFA_ADDRESS = 1;
/** Local address (same as IFA_ADDRESS for IPv6 without a peer). */
export const IFA_LOCAL = 2;
/** Lifetimes, struct ifa_cacheinfo. */
export const IFA_CACHEINFO = 6;
/** 32-bit flags word (the ifaddrmsg byte holds only the low 8). */
export const IFA_FLAGS = 8;

/** Address flags (linux/if_addr.h). */
export const IFA_F_TEMPORARY = 0x01;
/** Skip duplicate address detection. */
export const IFA_F_NODAD = 0x02;
/** Optimistic DAD (RFC 4429). */
export const IFA_F_OPTIMISTIC = 0x04;
/** Duplicate address detection failed. */
export const IFA_F_DADFAILED = 0x08;
/** Preferred lifetime ran out. */
export const IFA_F_DEPRECATED = 0x20;
/** DAD in progress. */
export const IFA_F_TENTATIVE = 0x40;
/** No lifetimes (configured by hand). */
export const IFA_F_PERMANENT = 0x80;
/** Do not add the prefix route for this address. */
export const IFA_F_NOPREFIXROUTE = 0x200;

/** Address scopes. */
export const RT_SCOPE_UNIVERSE = 0;
/** Link scope (fe80::/10). */
export const RT_SCOPE_LINK = 253;
/** Host scope (::1). */
export const RT_SCOPE_HOST = 254;

/** Route attributes (RTA_*). */
export const RTA_DST = 1;
/** Output interface, u32. */
export const RTA_OIF = 4;
/** Gateway address. */
export const RTA_GATEWAY = 5;
/** Metric, u32. */
export const RTA_PRIORITY = 6;
/** Table id, u32 (beyond the 8-bit rtm_table). */
export const RTA_TABLE = 15;
/** Route cache information (struct rta_cacheinfo); carries the remaining lifetime. */
export const RTA_CACHEINFO = 12;
/** Lifetime in seconds for a new IPv6 route, u32 (input only; dumps report RTA_CACHEINFO). */
export const RTA_EXPIRES = 23;

/** Route types (RTN_*). */
export const RTN_UNICAST = 1;
/** Packets are dropped with ICMPv6 destination unreachable. */
export const RTN_UNREACHABLE = 7;

/** The main routing table. */
export const RT_TABLE_MAIN = 254;
/** Route origin: kernel. */
export const RTPROT_KERNEL = 2;
/** Route origin: an administrator. */
export const RTPROT_STATIC = 4;
/** Route origin: a DHCP client (shown as `proto dhcp` by `ip route`). */
export const RTPROT_DHCP = 16;

/** Clock ticks per second of rta_cacheinfo times (USER_HZ on Linux). */
export const USER_HZ = 100;

/** The lifetime value meaning "forever" in ifa_cacheinfo (INFINITY_LIFE_TIME). */
export const INFINITE_LIFETIME = 0xffffffff;
