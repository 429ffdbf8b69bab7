/**
 * The typed model of every DHCPv6 option edge6 decodes. Each variant is
 * discriminated by `name` and carries its numeric `code`. Addresses are RFC
 * 5952 text; domain names are dotted text without the trailing dot, with any
 * `.`, `\` or non-printable byte inside a label written as `\.`, `\\` or
 * `\DDD` (RFC 1035 §5.1), so that every name round-trips exactly.
 * @module
 */

/** OPTION_CLIENTID (RFC 9915 §21.2); `duid` holds the DUID bytes as sent. */
export interface ClientIdOption {
  /** The variant's discriminant: the option's name. */
  readonly name: "CLIENTID";
  /** The option code on the wire. */
  readonly code: 1;
  /** The client's DUID (RFC 9915 §11), bytes as sent. */
  readonly duid: Uint8Array;
}

/** OPTION_SERVERID (RFC 9915 §21.3). */
export interface ServerIdOption {
  /** The variant's discriminant: the option's name. */
  readonly name: "SERVERID";
  /** The option code on the wire. */
  readonly code: 2;
  /** The server's DUID (RFC 9915 §11), bytes as sent. */
  readonly duid: Uint8Array;
}

/** OPTION_IA_NA (RFC 9915 §21.4): IAID, T1, T2 and IAADDR/STATUS_CODE options. */
export interface IaNaOption {
  /** The variant's discriminant: the option's name. */
  readonly name: "IA_NA";
  /** The option code on the wire. */
  readonly code: 3;
  /** The IAID the client chose for this IA (RFC 9915 §12). */
  readonly iaid: number;
  /** T1 in seconds: when to Renew with the server that granted the IA; 0 lets the client choose (RFC 9915 §14.2). */
  readonly t1: number;
  /** T2 in seconds: when to Rebind with any server; 0 lets the client choose (RFC 9915 §14.2). */
  readonly t2: number;
  /** The options inside the IA: IAADDR and STATUS_CODE. */
  readonly options: readonly Option[];
}

/** OPTION_IA_TA (RFC 9915 §21.5, obsolete: decoded, never acted on). */
export interface IaTaOption {
  /** The variant's discriminant: the option's name. */
  readonly name: "IA_TA";
  /** The option code on the wire. */
  readonly code: 4;
  /** The IAID of this temporary-address IA. */
  readonly iaid: number;
  /** The options inside the IA. */
  readonly options: readonly Option[];
}

/** OPTION_IAADDR (RFC 9915 §21.6). */
export interface IaAddrOption {
  /** The variant's discriminant: the option's name. */
  readonly name: "IAADDR";
  /** The option code on the wire. */
  readonly code: 5;
  /** The leased address, RFC 5952 text. */
  readonly address: string;
  /** Preferred lifetime in seconds (0xffffffff is infinity, RFC 9915 §7.7). */
  readonly preferredLifetime: number;
  /** Valid lifetime in seconds (0xffffffff is infinity, RFC 9915 §7.7). */
  readonly validLifetime: number;
  /** The options inside the IAADDR (STATUS_CODE). */
  readonly options: readonly Option[];
}

/** OPTION_ORO (RFC 9915 §21.7). */
export interface OroOption {
  /** The variant's discriminant: the option's name. */
  readonly name: "ORO";
  /** The option code on the wire. */
  readonly code: 6;
  /** The requested option codes, in the order sent. */
  readonly codes: readonly number[];
}

/** OPTION_PREFERENCE (RFC 9915 §21.8). */
export interface PreferenceOption {
  /** The variant's discriminant: the option's name. */
  readonly name: "PREFERENCE";
  /** The option code on the wire. */
  readonly code: 7;
  /** The server's preference, 0 … 255; higher is preferred (RFC 9915 §18.2.9). */
  readonly value: number;
}

/** OPTION_ELAPSED_TIME (RFC 9915 §21.9), in hundredths of a second. */
export interface ElapsedTimeOption {
  /** The variant's discriminant: the option's name. */
  readonly name: "ELAPSED_TIME";
  /** The option code on the wire. */
  readonly code: 8;
  /** Time since the exchange began, in hundredths of a second (0xffff at most). */
  readonly centiseconds: number;
}

/** OPTION_RELAY_MSG (RFC 9915 §21.10): the relayed message, decoded. */
export interface RelayMsgOption {
  /** The variant's discriminant: the option's name. */
  readonly name: "RELAY_MSG";
  /** The option code on the wire. */
  readonly code: 9;
  /** The message the relay carries. */
  readonly message: import("../message.ts").Message;
}

/** OPTION_AUTH (RFC 9915 §21.11). */
export interface AuthOption {
  /** The variant's discriminant: the option's name. */
  readonly name: "AUTH";
  /** The option code on the wire. */
  readonly code: 11;
  /** The authentication protocol (3: reconfigure key, RFC 9915 §20.4). */
  readonly protocol: number;
  /** The protocol's algorithm (1: HMAC-MD5 for the reconfigure key protocol). */
  readonly algorithm: number;
  /** Replay detection method. */
  readonly rdm: number;
  /** The 64-bit replay detection field. */
  readonly replayDetection: bigint;
  /** The protocol's authentication information, bytes as sent. */
  readonly authInfo: Uint8Array;
}

/** OPTION_UNICAST (RFC 8415 §21.12; obsolete in RFC 9915, ignored by the client). */
export interface UnicastOption {
  /** The variant's discriminant: the option's name. */
  readonly name: "UNICAST";
  /** The option code on the wire. */
  readonly code: 12;
  /** The server address the client was allowed to unicast to. */
  readonly address: string;
}

/** OPTION_STATUS_CODE (RFC 9915 §21.13). */
export interface StatusCodeOption {
  /** The variant's discriminant: the option's name. */
  readonly name: "STATUS_CODE";
  /** The option code on the wire. */
  readonly code: 13;
  /** The status code (RFC 9915 §21.13; 0 is Success). */
  readonly status: number;
  /** The UTF-8 status message (invalid sequences replaced). */
  readonly message: string;
  /** The message bytes as sent, present only when they are not valid UTF-8. */
  readonly rawMessage?: Uint8Array;
}

/** OPTION_RAPID_COMMIT (RFC 9915 §21.14). */
export interface RapidCommitOption {
  /** The variant's discriminant: the option's name. */
  readonly name: "RAPID_COMMIT";
  /** The option code on the wire. */
  readonly code: 14;
}

/** OPTION_USER_CLASS (RFC 9915 §21.15): opaque user class data items. */
export interface UserClassOption {
  /** The variant's discriminant: the option's name. */
  readonly name: "USER_CLASS";
  /** The option code on the wire. */
  readonly code: 15;
  /** The user class data items, each opaque, in order. */
  readonly classes: readonly Uint8Array[];
}

/** OPTION_VENDOR_CLASS (RFC 9915 §21.16). */
export interface VendorClassOption {
  /** The variant's discriminant: the option's name. */
  readonly name: "VENDOR_CLASS";
  /** The option code on the wire. */
  readonly code: 16;
  /** The vendor's IANA enterprise number. */
  readonly enterprise: number;
  /** The vendor class data items, each opaque, in order. */
  readonly classes: readonly Uint8Array[];
}

/** One vendor-specific sub-option (RFC 9915 §21.17), kept opaque. */
export interface VendorSubOption {
  /** The sub-option code, as the vendor defines it. */
  readonly code: number;
  /** The sub-option data, bytes as sent. */
  readonly data: Uint8Array;
}

/** OPTION_VENDOR_OPTS (RFC 9915 §21.17). */
export interface VendorOptsOption {
  /** The variant's discriminant: the option's name. */
  readonly name: "VENDOR_OPTS";
  /** The option code on the wire. */
  readonly code: 17;
  /** The vendor's IANA enterprise number. */
  readonly enterprise: number;
  /** The vendor's sub-options, in order. */
  readonly options: readonly VendorSubOption[];
}

/** OPTION_INTERFACE_ID (RFC 9915 §21.18). */
export interface InterfaceIdOption {
  /** The variant's discriminant: the option's name. */
  readonly name: "INTERFACE_ID";
  /** The option code on the wire. */
  readonly code: 18;
  /** The relay's interface identifier, opaque. */
  readonly id: Uint8Array;
}

/** OPTION_RECONF_MSG (RFC 9915 §21.19): the message type the client must send. */
export interface ReconfMsgOption {
  /** The variant's discriminant: the option's name. */
  readonly name: "RECONF_MSG";
  /** The option code on the wire. */
  readonly code: 19;
  /** The message to send: 5 (Renew), 6 (Rebind) or 11 (Information-request). */
  readonly messageType: number;
}

/** OPTION_RECONF_ACCEPT (RFC 9915 §21.20). */
export interface ReconfAcceptOption {
  /** The variant's discriminant: the option's name. */
  readonly name: "RECONF_ACCEPT";
  /** The option code on the wire. */
  readonly code: 20;
}

/** Options that carry a list of IPv6 addresses. */
export interface AddressListOption<N extends string, C extends number> {
  /** The variant's discriminant: the option's name. */
  readonly name: N;
  /** The option code on the wire. */
  readonly code: C;
  /** The addresses, RFC 5952 text, in the order sent. */
  readonly servers: readonly string[];
}

/** Options that carry a list of domain names. */
export interface DomainListOption<N extends string, C extends number> {
  /** The variant's discriminant: the option's name. */
  readonly name: N;
  /** The option code on the wire. */
  readonly code: C;
  /** The domain names, in the order sent. */
  readonly domains: readonly string[];
}

/** OPTION_SIP_SERVER_D (RFC 3319 §3.1). */
export type SipServerDOption = DomainListOption<"SIP_SERVER_D", 21>;
/** OPTION_SIP_SERVER_A (RFC 3319 §3.2). */
export type SipServerAOption = AddressListOption<"SIP_SERVER_A", 22>;
/** OPTION_DNS_SERVERS (RFC 3646 §3). */
export type DnsServersOption = AddressListOption<"DNS_SERVERS", 23>;
/** OPTION_DOMAIN_LIST (RFC 3646 §4). */
export type DomainListSearchOption = DomainListOption<"DOMAIN_LIST", 24>;
/** OPTION_NIS_SERVERS (RFC 3898 §3). */
export type NisServersOption = AddressListOption<"NIS_SERVERS", 27>;
/** OPTION_NISP_SERVERS (RFC 3898 §4). */
export type NispServersOption = AddressListOption<"NISP_SERVERS", 28>;
/** OPTION_NIS_DOMAIN_NAME (RFC 3898 §5). */
export type NisDomainNameOption = DomainListOption<"NIS_DOMAIN_NAME", 29>;
/** OPTION_NISP_DOMAIN_NAME (RFC 3898 §6). */
export type NispDomainNameOption = DomainListOption<"NISP_DOMAIN_NAME", 30>;
/** OPTION_SNTP_SERVERS (RFC 4075 §4). */
export type SntpServersOption = AddressListOption<"SNTP_SERVERS", 31>;
/** OPTION_BCMCS_SERVER_D (RFC 4280 §4.1). */
export type BcmcsServerDOption = DomainListOption<"BCMCS_SERVER_D", 33>;
/** OPTION_BCMCS_SERVER_A (RFC 4280 §4.2). */
export type BcmcsServerAOption = AddressListOption<"BCMCS_SERVER_A", 34>;

/** OPTION_IA_PD (RFC 9915 §21.21). */
export interface IaPdOption {
  /** The variant's discriminant: the option's name. */
  readonly name: "IA_PD";
  /** The option code on the wire. */
  readonly code: 25;
  /** The IAID the client chose for this IA_PD (RFC 9915 §12). */
  readonly iaid: number;
  /** T1 in seconds: when to Renew with the server that delegated the prefixes; 0 lets the client choose (RFC 9915 §14.2). */
  readonly t1: number;
  /** T2 in seconds: when to Rebind with any server; 0 lets the client choose (RFC 9915 §14.2). */
  readonly t2: number;
  /** The options inside the IA_PD: IAPREFIX and STATUS_CODE. */
  readonly options: readonly Option[];
}

/** OPTION_IAPREFIX (RFC 9915 §21.22). */
export interface IaPrefixOption {
  /** The variant's discriminant: the option's name. */
  readonly name: "IAPREFIX";
  /** The option code on the wire. */
  readonly code: 26;
  /** Preferred lifetime in seconds (0xffffffff is infinity, RFC 9915 §7.7). */
  readonly preferredLifetime: number;
  /** Valid lifetime in seconds (0xffffffff is infinity, RFC 9915 §7.7). */
  readonly validLifetime: number;
  /** The prefix length in bits, 0 … 128. */
  readonly prefixLength: number;
  /** The prefix address, RFC 5952 text. */
  readonly prefix: string;
  /** The options inside the IAPREFIX (STATUS_CODE, PD_EXCLUDE). */
  readonly options: readonly Option[];
}

/** OPTION_INFORMATION_REFRESH_TIME (RFC 9915 §21.23). */
export interface InformationRefreshTimeOption {
  /** The variant's discriminant: the option's name. */
  readonly name: "INFORMATION_REFRESH_TIME";
  /** The option code on the wire. */
  readonly code: 32;
  /** Seconds until the client refreshes its other configuration (0xffffffff: never). */
  readonly seconds: number;
}

/** OPTION_CLIENT_FQDN (RFC 4704 §4). */
export interface ClientFqdnOption {
  /** The variant's discriminant: the option's name. */
  readonly name: "CLIENT_FQDN";
  /** The option code on the wire. */
  readonly code: 39;
  /** The flags byte: S (1), O (2), N (4). */
  readonly flags: number;
  /** The name; empty when none was given. */
  readonly domain: string;
  /** True when the name was sent without its terminating root label. */
  readonly partial: boolean;
}

/** One NTP server sub-option (RFC 5908 §4). */
export type NtpSuboption =
  | { readonly type: "address"; readonly address: string }
  | { readonly type: "multicast"; readonly address: string }
  | { readonly type: "fqdn"; readonly domain: string }
  | { readonly type: "unknown"; readonly code: number; readonly data: Uint8Array };

/** OPTION_NTP_SERVER (RFC 5908 §4). */
export interface NtpServerOption {
  /** The variant's discriminant: the option's name. */
  readonly name: "NTP_SERVER";
  /** The option code on the wire. */
  readonly code: 56;
  /** The time source sub-options, in order. */
  readonly suboptions: readonly NtpSuboption[];
}

/** OPTION_AFTR_NAME (RFC 6334 §3). */
export interface AftrNameOption {
  /** The variant's discriminant: the option's name. */
  readonly name: "AFTR_NAME";
  /** The option code on the wire. */
  readonly code: 64;
  /** The AFTR's fully qualified domain name. */
  readonly domain: string;
}

/**
 * OPTION_PD_EXCLUDE (RFC 6603 §4.2): the excluded prefix's length and the
 * subnet ID bits that follow the delegated prefix, as sent.
 */
export interface PdExcludeOption {
  /** The variant's discriminant: the option's name. */
  readonly name: "PD_EXCLUDE";
  /** The option code on the wire. */
  readonly code: 67;
  /** The excluded prefix's length in bits. */
  readonly prefixLength: number;
  /** The excluded prefix's bits that follow the delegated prefix, padded to whole bytes, as sent. */
  readonly subnetId: Uint8Array;
}

/** OPTION_SOL_MAX_RT (RFC 9915 §21.24). */
export interface SolMaxRtOption {
  /** The variant's discriminant: the option's name. */
  readonly name: "SOL_MAX_RT";
  /** The option code on the wire. */
  readonly code: 82;
  /** The new maximum Solicit retransmission time, in seconds. */
  readonly seconds: number;
}

/** OPTION_INF_MAX_RT (RFC 9915 §21.25). */
export interface InfMaxRtOption {
  /** The variant's discriminant: the option's name. */
  readonly name: "INF_MAX_RT";
  /** The option code on the wire. */
  readonly code: 83;
  /** The new maximum Information-request retransmission time, in seconds. */
  readonly seconds: number;
}

/** OPTION_V6_CAPTIVE_PORTAL (RFC 8910 §2.2): the API URI. */
export interface CaptivePortalOption {
  /** The variant's discriminant: the option's name. */
  readonly name: "CAPTIVE_PORTAL";
  /** The option code on the wire. */
  readonly code: 103;
  /** The URI as UTF-8 text (invalid sequences replaced). */
  readonly uri: string;
  /** The URI bytes as sent, present only when they are not valid UTF-8. */
  readonly rawUri?: Uint8Array;
}

/** Any option code edge6 has no decoder for: kept byte for byte. */
export interface UnknownOption {
  /** The variant's discriminant: the option's name. */
  readonly name: "UNKNOWN";
  /** The option code on the wire. */
  readonly code: number;
  /** The option data, byte for byte. */
  readonly data: Uint8Array;
}

/**
 * A known option whose body failed its check, kept byte for byte instead of
 * discarding the whole message: only when the receiver asked the codec to
 * tolerate that option code (see `DecodeOptions.tolerate` in codec.ts).
 * RFC 9915 §16 lets a receiver use what it can of a message.
 */
export interface MalformedOption {
  /** The variant's discriminant. */
  readonly name: "MALFORMED";
  /** The option code on the wire. */
  readonly code: number;
  /** The option data as received, byte for byte. */
  readonly data: Uint8Array;
  /** What was wrong with it, as the codec reported it (offset and field). */
  readonly error: string;
}

/** Every DHCPv6 option, decoded (RFC 9915 §21 and the options' own RFCs). */
export type Option =
  | ClientIdOption
  | ServerIdOption
  | IaNaOption
  | IaTaOption
  | IaAddrOption
  | OroOption
  | PreferenceOption
  | ElapsedTimeOption
  | RelayMsgOption
  | AuthOption
  | UnicastOption
  | StatusCodeOption
  | RapidCommitOption
  | UserClassOption
  | VendorClassOption
  | VendorOptsOption
  | InterfaceIdOption
  | ReconfMsgOption
  | ReconfAcceptOption
  | SipServerDOption
  | SipServerAOption
  | DnsServersOption
  | DomainListSearchOption
  | IaPdOption
  | IaPrefixOption
  | NisServersOption
  | NispServersOption
  | NisDomainNameOption
  | NispDomainNameOption
  | SntpServersOption
  | InformationRefreshTimeOption
  | BcmcsServerDOption
  | BcmcsServerAOption
  | ClientFqdnOption
  | NtpServerOption
  | AftrNameOption
  | PdExcludeOption
  | SolMaxRtOption
  | InfMaxRtOption
  | CaptivePortalOption
  | UnknownOption
  | MalformedOption;

/** The option variant with the given name. */
export type OptionNamed<N extends Option["name"]> = Extract<Option, { name: N }>;
