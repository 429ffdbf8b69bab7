/**
 * DHCPv6 protocol numbers: message types, option codes, status codes and ports.
 * RFC 9915 §7 (multicast addresses, ports, message types, status codes) and the
 * IANA "Dynamic Host Configuration Protocol for IPv6" registries.
 * @module
 */

/** UDP port a client listens on (RFC 9915 §7.2). */
export const CLIENT_PORT = 546;
/** UDP port servers and relay agents listen on (RFC 9915 §7.2). */
export const SERVER_PORT = 547;
/** All_DHCP_Relay_Agents_and_Servers (RFC 9915 §7.1). */
export const ALL_DHCP_RELAY_AGENTS_AND_SERVERS = "ff02::1:2";

/** Message types (RFC 9915 §7.3). */
export const MessageType = {
  SOLICIT: 1,
  ADVERTISE: 2,
  REQUEST: 3,
  CONFIRM: 4,
  RENEW: 5,
  REBIND: 6,
  REPLY: 7,
  RELEASE: 8,
  DECLINE: 9,
  RECONFIGURE: 10,
  INFORMATION_REQUEST: 11,
  RELAY_FORW: 12,
  RELAY_REPL: 13,
} as const;
/** A message type number (RFC 9915 §7.3). */
export type MessageType = typeof MessageType[keyof typeof MessageType];

/** Option codes edge6 knows by name (RFC 9915 §21 and the RFCs cited per option). */
export const OptionCode = {
  CLIENTID: 1,
  SERVERID: 2,
  IA_NA: 3,
  IA_TA: 4,
  IAADDR: 5,
  ORO: 6,
  PREFERENCE: 7,
  ELAPSED_TIME: 8,
  RELAY_MSG: 9,
  AUTH: 11,
  UNICAST: 12,
  STATUS_CODE: 13,
  RAPID_COMMIT: 14,
  USER_CLASS: 15,
  VENDOR_CLASS: 16,
  VENDOR_OPTS: 17,
  INTERFACE_ID: 18,
  RECONF_MSG: 19,
  RECONF_ACCEPT: 20,
  SIP_SERVER_D: 21,
  SIP_SERVER_A: 22,
  DNS_SERVERS: 23,
  DOMAIN_LIST: 24,
  IA_PD: 25,
  IAPREFIX: 26,
  NIS_SERVERS: 27,
  NISP_SERVERS: 28,
  NIS_DOMAIN_NAME: 29,
  NISP_DOMAIN_NAME: 30,
  SNTP_SERVERS: 31,
  INFORMATION_REFRESH_TIME: 32,
  BCMCS_SERVER_D: 33,
  BCMCS_SERVER_A: 34,
  CLIENT_FQDN: 39,
  NTP_SERVER: 56,
  AFTR_NAME: 64,
  PD_EXCLUDE: 67,
  SOL_MAX_RT: 82,
  INF_MAX_RT: 83,
  CAPTIVE_PORTAL: 103,
} as const;
/** A known option code (RFC 9915 §7.4 and the options' own RFCs). */
export type OptionCode = typeof OptionCode[keyof typeof OptionCode];

/** Status codes (RFC 9915 §21.13; UseMulticast is obsolete but still decoded by number). */
export const StatusCode = {
  Success: 0,
  UnspecFail: 1,
  NoAddrsAvail: 2,
  NoBinding: 3,
  NotOnLink: 4,
  UseMulticast: 5,
  NoPrefixAvail: 6,
} as const;
/** A status code number (RFC 9915 §7.5). */
export type StatusCode = typeof StatusCode[keyof typeof StatusCode];

/** Lifetime value meaning "infinity" (RFC 9915 §7.7). */
export const INFINITY = 0xffffffff;

/**
 * The deepest relay nesting the codec decodes. RFC 9915 §7.6 sets the relay
 * agents' HOP_COUNT_LIMIT to 8; decoding tolerates up to 32 (RFC 3315's value)
 * so that a message from a deeply configured relay chain is still readable.
 */
export const HOP_COUNT_LIMIT = 32;

/**
 * The shortest delegated prefix edge6 accepts. A delegated prefix gets an
 * unreachable route (RFC 7084 WPD-5); for ::/0 or a very short prefix that
 * route would replace the default route or capture traffic far beyond the
 * site. End sites are delegated /48 to /64 (RFC 6177), so anything shorter
 * than /16 comes from a misbehaving server and is discarded.
 */
export const MIN_DELEGATED_PREFIX_LENGTH = 16;
