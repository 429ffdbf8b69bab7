/**
 * The typed, validated edge6 configuration. Both the TOML file and a
 * `dhcp6c.conf` produce this one shape; the agent and the engine read nothing
 * else. Lifetimes are seconds as on the wire (0xffffffff is infinity, RFC 9915
 * §7.7); durations such as the hook timeout are seconds.
 * @module
 */
import type { LanConfig } from "./lan.ts";

/** Log severities, most severe first. */
export type ConfigLogLevel = "error" | "warn" | "notice" | "info" | "debug";

/** Where log lines go: standard error, the system log, or a file (an absolute path). */
export type LogTarget = "stderr" | "syslog" | `/${string}`;

/** Syslog facilities (RFC 5424 §6.2.1 names). */
export type SyslogFacility =
  | "kern"
  | "user"
  | "mail"
  | "daemon"
  | "auth"
  | "syslog"
  | "lpr"
  | "news"
  | "uucp"
  | "cron"
  | "authpriv"
  | "ftp"
  | "local0"
  | "local1"
  | "local2"
  | "local3"
  | "local4"
  | "local5"
  | "local6"
  | "local7";

/** Settings shared by every interface. */
export interface GlobalConfig {
  /** Where the client DUID is kept (RFC 9915 §11: the DUID must be stable). */
  readonly duidFile: string;
  /** Directory for saved leases (RFC 9915 §18.2.12 resumes from them). */
  readonly stateDir: string;
  /** Unix socket of the control interface (`edge6 reload`, status). */
  readonly controlSocket: string;
  /** Least severe level logged (`log_level`). */
  readonly logLevel: ConfigLogLevel;
  /** Where logs go (`log_target`). */
  readonly logTarget: LogTarget;
  /** Syslog facility when the target is syslog (`log_facility`). */
  readonly logFacility: SyslogFacility;
  /** Seconds a hook script may run before it is killed. */
  readonly hookTimeout: number;
}

/** An address the client asks for in an IA_NA (RFC 9915 §18.2.1, §21.6). */
export interface AddressHintConfig {
  /** RFC 5952 text. */
  readonly address: string;
  /** Preferred lifetime hint in seconds; 0 means no preference (RFC 9915 §21.6). */
  readonly preferredLifetime: number;
  /** Valid lifetime hint in seconds; 0 means no preference (RFC 9915 §21.6). */
  readonly validLifetime: number;
}

/** A prefix the client asks for in an IA_PD (RFC 9915 §18.2.1, §21.22). */
export interface PrefixHintConfig {
  /** RFC 5952 text of the prefix address; "::" asks only for a length. */
  readonly prefix: string;
  /** Prefix length; 0 only with the prefix "::" means no preference. */
  readonly length: number;
  /** Preferred lifetime hint in seconds (RFC 9915 §21.22). */
  readonly preferredLifetime: number;
  /** Valid lifetime hint in seconds (RFC 9915 §21.22). */
  readonly validLifetime: number;
}

/**
 * How the interface identifier of a downstream address is formed:
 * a fixed value (the low 64 bits, RFC 4291 §2.5.1; a bigint 0–2^64−1 so that
 * no value loses precision), a random value, or EUI-64 from the link-layer
 * address. Absent in {@link DelegateConfig} means EUI-64 with a random
 * fallback when the interface has no link-layer address (dhcp6c's rule).
 */
export type IfidConfig = bigint | "random" | "eui-64";

/** A downstream interface that gets a subnet of a delegated prefix (RFC 7084 L-2). */
export interface DelegateConfig {
  /** The downstream interface's name. */
  readonly interface: string;
  /** The subnet number inside the delegated prefix. */
  readonly slaId: number;
  /**
   * Bits of the subnet number. Absent: chosen when the prefix arrives so that
   * the subnet is a /64; a value that would pass /64 for the delegated prefix
   * is shrunk to fit (see `delegateSubnet`).
   */
  readonly slaLen?: number;
  /** The interface identifier of the router's address in the subnet. */
  readonly ifid?: IfidConfig;
}

/** One IA_NA (RFC 9915 §21.4). */
export interface IaNaSettings {
  /** IAID, unique among the client's IA_NAs (RFC 9915 §12). */
  readonly iaid: number;
  /** Addresses to ask for (RFC 9915 §18.2.1 hints). */
  readonly addresses: readonly AddressHintConfig[];
}

/** One IA_PD (RFC 9915 §21.21) and where its prefixes go. */
export interface IaPdSettings {
  /** IAID, unique among the client's IA_PDs (RFC 9915 §12). */
  readonly iaid: number;
  /** Prefixes to ask for (RFC 9915 §18.2.1 hints). */
  readonly prefixes: readonly PrefixHintConfig[];
  /** Downstream interfaces that get subnets of the delegated prefixes. */
  readonly delegate: readonly DelegateConfig[];
}

/** An option sent as given (dhcp6c's `raw-option`); data is lowercase hex. */
export interface RawOptionConfig {
  /** The option code (1–65535). */
  readonly code: number;
  /** Lowercase hex digits without separators (may be empty). */
  readonly data: string;
}

/**
 * dhcp6c's `authentication` statement (RFC 3315 §21.4 delayed authentication).
 * Kept so that a converted file says what it had; RFC 9915 §20 no longer
 * defines this protocol, so it has no effect.
 */
export interface AuthenticationConfig {
  /** The authentication protocol; only dhcp6c's `delayed`. */
  readonly protocol: "delayed";
  /** The MAC algorithm; only HMAC-MD5. */
  readonly algorithm: "hmac-md5";
  /** Replay detection method; only a monotonic counter. */
  readonly rdm: "monocounter";
}

/** dhcp6c's `keyinfo` statement: a shared secret for delayed authentication. */
export interface KeyInfoConfig {
  /** The DHCP realm. */
  readonly realm: string;
  /** The key identifier. */
  readonly keyId: number;
  /** Base64 text, as written. */
  readonly secret: string;
  /** "forever" or the dhcp6c time text (`yyyy-mm-dd HH:MM`, `mm-dd HH:MM`, `HH:MM`). */
  readonly expire: string;
}

/** Everything about one upstream interface. */
export interface InterfaceConfig {
  /** The interface's kernel name. */
  readonly name: string;
  /** IA_NAs to request, in order. */
  readonly iaNa: readonly IaNaSettings[];
  /** IA_PDs to request, in order. */
  readonly iaPd: readonly IaPdSettings[];
  /** Option codes for the Option Request option (RFC 9915 §21.7), in order. */
  readonly request: readonly number[];
  /** Options to send as given. */
  readonly rawOptions: readonly RawOptionConfig[];
  /** Send Rapid Commit in Solicit (RFC 9915 §18.2.1). */
  readonly rapidCommit: boolean;
  /** Stateless: Information-request only (RFC 9915 §18.2.6). */
  readonly informationOnly: boolean;
  /** Absolute path of the hook script. */
  readonly script?: string;
  /** Send Reconfigure Accept and act on Reconfigure (RFC 9915 §18.2.11, §21.20). */
  readonly reconfigureAccept: boolean;
  /** Name of an entry of {@link Config.authentication}. */
  readonly authentication?: string;
  /** Delay the first Solicit by up to SOL_MAX_DELAY (RFC 9915 §18.2.1). */
  readonly initialDelay: boolean;
  /** Release bindings when the agent stops (RFC 9915 §18.2.7). */
  readonly releaseOnStop: boolean;
}

/** The whole configuration. */
export interface Config {
  /** Settings shared by every interface. */
  readonly global: GlobalConfig;
  /** In file order; names are unique. */
  readonly interfaces: readonly InterfaceConfig[];
  /**
   * Named interface settings (Debian's dhcp6c `profile NAME { … }`, TOML
   * `[profile.NAME]`), each with the profile's name as `name`. `edge6 run -P
   * NAME IFACE…` applies one to every IFACE without its own interface table.
   * Absent when the file defines none.
   */
  readonly profiles?: readonly InterfaceConfig[];
  /** Named `authentication` sets (dhcp6c compatibility; no effect). */
  readonly authentication: Readonly<Record<string, AuthenticationConfig>>;
  /** Named `keyinfo` keys (dhcp6c compatibility; no effect). */
  readonly keyinfo: Readonly<Record<string, KeyInfoConfig>>;
  /** `[lan.NAME]` tables: RAs and a stateless DHCPv6 server per LAN; absent when none. */
  readonly lan?: readonly LanConfig[];
}
