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
  readonly name: "CLIENTID";
  readonly code: 1;
  readonly duid: Uint8Array;
}

/** OPTION_SERVERID (RFC 9915 §21.3). */
export interface ServerIdOption {
  readonly name: "SERVERID";
  readonly code: 2;
  readonly duid: Uint8Array;
}

/** OPTION_IA_NA (RFC 9915 §21.4): IAID, T1, T2 and IAADDR/STATUS_CODE options. */
export interface IaNaOption {
  readonly name: "IA_NA";
  readonly code: 3;
  readonly iaid: number;
  readonly t1: number;
  readonly t2: number;
  readonly options: readonly Option[];
}

/** OPTION_IA_TA (RFC 9915 §21.5, obsolete: decoded, never acted on). */
export interface IaTaOption {
  readonly name: "IA_TA";
  readonly code: 4;
  readonly iaid: number;
  readonly options: readonly Option[];
}

/** OPTION_IAADDR (RFC 9915 §21.6). */
export interface IaAddrOption {
  readonly name: "IAADDR";
  readonly code: 5;
  readonly address: string;
  readonly preferredLifetime: number;
  readonly validLifetime: number;
  readonly options: readonly Option[];
}

/** OPTION_ORO (RFC 9915 §21.7). */
export interface OroOption {
  readonly name: "ORO";
  readonly code: 6;
  readonly codes: readonly number[];
}

/** OPTION_PREFERENCE (RFC 9915 §21.8). */
export interface PreferenceOption {
  readonly name: "PREFERENCE";
  readonly code: 7;
  readonly value: number;
}

/** OPTION_ELAPSED_TIME (RFC 9915 §21.9), in hundredths of a second. */
export interface ElapsedTimeOption {
  readonly name: "ELAPSED_TIME";
  readonly code: 8;
  readonly centiseconds: number;
}

/** OPTION_RELAY_MSG (RFC 9915 §21.10): the relayed message, decoded. */
export interface RelayMsgOption {
  readonly name: "RELAY_MSG";
  readonly code: 9;
  readonly message: import("../message.ts").Message;
}

/** OPTION_AUTH (RFC 9915 §21.11). */
export interface AuthOption {
  readonly name: "AUTH";
  readonly code: 11;
  readonly protocol: number;
  readonly algorithm: number;
  /** Replay detection method. */
  readonly rdm: number;
  /** The 64-bit replay detection field. */
  readonly replayDetection: bigint;
  readonly authInfo: Uint8Array;
}

/** OPTION_UNICAST (RFC 8415 §21.12; obsolete in RFC 9915, ignored by the client). */
export interface UnicastOption {
  readonly name: "UNICAST";
  readonly code: 12;
  readonly address: string;
}

/** OPTION_STATUS_CODE (RFC 9915 §21.13). */
export interface StatusCodeOption {
  readonly name: "STATUS_CODE";
  readonly code: 13;
  readonly status: number;
  /** The UTF-8 status message (invalid sequences replaced). */
  readonly message: string;
  /** The message bytes as sent, present only when they are not valid UTF-8. */
  readonly rawMessage?: Uint8Array;
}

/** OPTION_RAPID_COMMIT (RFC 9915 §21.14). */
export interface RapidCommitOption {
  readonly name: "RAPID_COMMIT";
  readonly code: 14;
}

/** OPTION_USER_CLASS (RFC 9915 §21.15): opaque user class data items. */
export interface UserClassOption {
  readonly name: "USER_CLASS";
  readonly code: 15;
  readonly classes: readonly Uint8Array[];
}

/** OPTION_VENDOR_CLASS (RFC 9915 §21.16). */
export interface VendorClassOption {
  readonly name: "VENDOR_CLASS";
  readonly code: 16;
  readonly enterprise: number;
  readonly classes: readonly Uint8Array[];
}

/** One vendor-specific sub-option (RFC 9915 §21.17), kept opaque. */
export interface VendorSubOption {
  readonly code: number;
  readonly data: Uint8Array;
}

/** OPTION_VENDOR_OPTS (RFC 9915 §21.17). */
export interface VendorOptsOption {
  readonly name: "VENDOR_OPTS";
  readonly code: 17;
  readonly enterprise: number;
  readonly options: readonly VendorSubOption[];
}

/** OPTION_INTERFACE_ID (RFC 9915 §21.18). */
export interface InterfaceIdOption {
  readonly name: "INTERFACE_ID";
  readonly code: 18;
  readonly id: Uint8Array;
}

/** OPTION_RECONF_MSG (RFC 9915 §21.19): the message type the client must send. */
export interface ReconfMsgOption {
  readonly name: "RECONF_MSG";
  readonly code: 19;
  readonly messageType: number;
}

/** OPTION_RECONF_ACCEPT (RFC 9915 §21.20). */
export interface ReconfAcceptOption {
  readonly name: "RECONF_ACCEPT";
  readonly code: 20;
}

/** Options that carry a list of IPv6 addresses. */
export interface AddressListOption<N extends string, C extends number> {
  readonly name: N;
  readonly code: C;
  readonly servers: readonly string[];
}

/** Options that carry a list of domain names. */
export interface DomainListOption<N extends string, C extends number> {
  readonly name: N;
  readonly code: C;
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
  readonly name: "IA_PD";
  readonly code: 25;
  readonly iaid: number;
  readonly t1: number;
  readonly t2: number;
  readonly options: readonly Option[];
}

/** OPTION_IAPREFIX (RFC 9915 §21.22). */
export interface IaPrefixOption {
  readonly name: "IAPREFIX";
  readonly code: 26;
  readonly preferredLifetime: number;
  readonly validLifetime: number;
  readonly prefixLength: number;
  /** The prefix address, RFC 5952 text. */
  readonly prefix: string;
  readonly options: readonly Option[];
}

/** OPTION_INFORMATION_REFRESH_TIME (RFC 9915 §21.23). */
export interface InformationRefreshTimeOption {
  readonly name: "INFORMATION_REFRESH_TIME";
  readonly code: 32;
  readonly seconds: number;
}

/** OPTION_CLIENT_FQDN (RFC 4704 §4). */
export interface ClientFqdnOption {
  readonly name: "CLIENT_FQDN";
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
  readonly name: "NTP_SERVER";
  readonly code: 56;
  readonly suboptions: readonly NtpSuboption[];
}

/** OPTION_AFTR_NAME (RFC 6334 §3). */
export interface AftrNameOption {
  readonly name: "AFTR_NAME";
  readonly code: 64;
  readonly domain: string;
}

/**
 * OPTION_PD_EXCLUDE (RFC 6603 §4.2): the excluded prefix's length and the
 * subnet ID bits that follow the delegated prefix, as sent.
 */
export interface PdExcludeOption {
  readonly name: "PD_EXCLUDE";
  readonly code: 67;
  readonly prefixLength: number;
  readonly subnetId: Uint8Array;
}

/** OPTION_SOL_MAX_RT (RFC 9915 §21.24). */
export interface SolMaxRtOption {
  readonly name: "SOL_MAX_RT";
  readonly code: 82;
  readonly seconds: number;
}

/** OPTION_INF_MAX_RT (RFC 9915 §21.25). */
export interface InfMaxRtOption {
  readonly name: "INF_MAX_RT";
  readonly code: 83;
  readonly seconds: number;
}

/** OPTION_V6_CAPTIVE_PORTAL (RFC 8910 §2.2): the API URI. */
export interface CaptivePortalOption {
  readonly name: "CAPTIVE_PORTAL";
  readonly code: 103;
  readonly uri: string;
  /** The URI bytes as sent, present only when they are not valid UTF-8. */
  readonly rawUri?: Uint8Array;
}

/** Any option code edge6 has no decoder for: kept byte for byte. */
export interface UnknownOption {
  readonly name: "UNKNOWN";
  readonly code: number;
  readonly data: Uint8Array;
}

/** Every DHCPv6 option, decoded. */
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
  | UnknownOption;

/** The option variant with the given name. */
export type OptionNamed<N extends Option["name"]> = Extract<Option, { name: N }>;
