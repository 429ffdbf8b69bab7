/**
 * The contract between the pure client engine (RFC 9915 §18) and the IO shell
 * that drives it: the configuration the engine takes, the inputs it accepts and
 * the outputs it produces. Times are milliseconds of a monotonic clock given by
 * the shell; lifetimes are seconds, as on the wire (0xffffffff is infinity).
 * @module
 */
import type { Option } from "../options/types.ts";

/** An address hint for an IA_NA (RFC 9915 §18.2.1: the client MAY include addresses). */
export interface AddressHint {
  readonly address: string;
  readonly preferredLifetime?: number;
  readonly validLifetime?: number;
}

/** A prefix hint for an IA_PD (RFC 9915 §18.2.1, §21.22). */
export interface PrefixHint {
  /** Prefix address; "::" with a length asks only for a prefix length. */
  readonly prefix: string;
  readonly prefixLength: number;
  readonly preferredLifetime?: number;
  readonly validLifetime?: number;
}

/** One IA_NA the client asks for (RFC 9915 §21.4). */
export interface IaNaConfig {
  readonly iaid: number;
  readonly hints: readonly AddressHint[];
}

/** One IA_PD the client asks for (RFC 9915 §21.21). */
export interface IaPdConfig {
  readonly iaid: number;
  readonly hints: readonly PrefixHint[];
}

/** An option sent as given, byte for byte (dhcp6c's `raw-option`). */
export interface RawOption {
  readonly code: number;
  readonly data: Uint8Array;
}

/** Everything the engine needs to run one interface's client. */
export interface ClientConfig {
  /** The interface this client runs on (used in transmits and logs). */
  readonly interfaceName: string;
  /** The client's DUID, sent in every Client Identifier option. */
  readonly duid: Uint8Array;
  readonly iaNa: readonly IaNaConfig[];
  readonly iaPd: readonly IaPdConfig[];
  /** Option codes for the ORO, beyond those the engine always requests. */
  readonly requestOptions: readonly number[];
  /** Options sent in every message that carries configuration requests. */
  readonly rawOptions: readonly RawOption[];
  /** Send Rapid Commit in Solicit (RFC 9915 §18.2.1). */
  readonly rapidCommit: boolean;
  /** Stateless: Information-request only (RFC 9915 §18.2.6). */
  readonly informationOnly: boolean;
  /** Delay the first Solicit by 0–SOL_MAX_DELAY (RFC 9915 §18.2.1, a SHOULD). */
  readonly initialDelay: boolean;
  /** Release the bindings on a stop command (RFC 9915 §18.2.7). */
  readonly releaseOnStop: boolean;
  /** Accept Reconfigure messages (RFC 9915 §18.2.11, §21.20). */
  readonly reconfigureAccept: boolean;
}

/** A lease on one address, as the engine holds it. */
export interface AddressLease {
  readonly iaid: number;
  readonly address: string;
  readonly preferredLifetime: number;
  readonly validLifetime: number;
  /** Engine time (ms) the lifetimes were last received. */
  readonly receivedAt: number;
}

/** A lease on one delegated prefix. */
export interface PrefixLease {
  readonly iaid: number;
  readonly prefix: string;
  readonly prefixLength: number;
  readonly preferredLifetime: number;
  readonly validLifetime: number;
  readonly receivedAt: number;
  /** The PD_EXCLUDE options of this prefix (RFC 6603), if any. */
  readonly excluded?: { readonly prefix: string; readonly prefixLength: number };
}

/** The hook reasons dhcp6c uses. */
export type HookReason =
  | "INFOREQ"
  | "SOLICIT"
  | "REQUEST"
  | "RENEW"
  | "REBIND"
  | "RELEASE"
  | "EXIT";

/** The engine's state names. */
export type ClientStateName =
  | "idle"
  | "init-delay"
  | "soliciting"
  | "requesting"
  | "bound"
  | "renewing"
  | "rebinding"
  | "confirming"
  | "declining"
  | "releasing"
  | "information-requesting"
  | "informed"
  | "stopped";

/** What the client currently holds: for status output, hooks and persistence. */
export interface ClientStatus {
  readonly interfaceName: string;
  readonly state: ClientStateName;
  /** Server DUID (hex) and source address of the binding, if any. */
  readonly serverDuid?: string;
  readonly serverAddress?: string;
  readonly addresses: readonly AddressLease[];
  readonly prefixes: readonly PrefixLease[];
  /** Per IA: T1 and T2 in seconds as in force, and their engine times. */
  readonly ias: readonly {
    readonly type: "IA_NA" | "IA_PD";
    readonly iaid: number;
    readonly t1: number;
    readonly t2: number;
    /** Status of the IA in the last Reply, if not Success. */
    readonly status?: string;
  }[];
  /** The non-IA options of the last Reply (DNS, domains, NTP, raw…). */
  readonly options: readonly Option[];
  /** Engine time of the next timer, if any. */
  readonly nextTimeout?: number;
  /** Counters: sent/received by message type name, dropped by reason. */
  readonly counters: {
    readonly sent: Readonly<Record<string, number>>;
    readonly received: Readonly<Record<string, number>>;
    readonly dropped: Readonly<Record<string, number>>;
  };
}

/**
 * A lease as persisted by the shell so that a restart resumes with Confirm or
 * Rebind (RFC 9915 §18.2.12). Lifetimes are the remaining seconds at `savedAt`
 * (wall-clock ms since the epoch, filled in by the shell).
 */
export interface SavedLease {
  readonly version: 1;
  readonly interfaceName: string;
  readonly savedAt: number;
  readonly serverDuid: string;
  readonly serverAddress?: string;
  readonly addresses: readonly {
    iaid: number;
    address: string;
    preferredLifetime: number;
    validLifetime: number;
  }[];
  readonly prefixes: readonly {
    iaid: number;
    prefix: string;
    prefixLength: number;
    preferredLifetime: number;
    validLifetime: number;
  }[];
  /** The non-IA options of the last Reply, as hex-encoded option bytes. */
  readonly options: readonly string[];
}

/** A datagram the shell must send from the client's interface. */
export interface Transmit {
  readonly interfaceName: string;
  /** Always ff02::1:2 in RFC 9915 (no unicast). */
  readonly destination: string;
  readonly bytes: Uint8Array;
}

/** Log levels, most severe first. */
export type LogLevel = "error" | "warn" | "info" | "debug";

/**
 * Side effects the engine asks for. The shell carries out every pending action,
 * in order, before it sends any pending transmit (so that, for example, a
 * prefix is withdrawn before its Release goes out, RFC 9915 §6.3).
 */
export type Action =
  | { readonly type: "address-add"; readonly lease: AddressLease }
  | { readonly type: "address-update"; readonly lease: AddressLease }
  | { readonly type: "address-remove"; readonly lease: AddressLease }
  | { readonly type: "prefix-add"; readonly lease: PrefixLease }
  | { readonly type: "prefix-update"; readonly lease: PrefixLease }
  /**
   * Withdraw a prefix. `deprecate`: the prefix is stale (replaced, declared
   * invalid, off-link), and its LAN addresses may stay deprecated for what is
   * left of it, two hours at most (RFC 9096 §3); false: remove everything at
   * once (its lifetime ended, or a Release follows, RFC 9915 §6.3).
   */
  | { readonly type: "prefix-remove"; readonly lease: PrefixLease; readonly deprecate: boolean }
  /** Run the hook: after the kernel changes of this event (OPNsense order). */
  | { readonly type: "hook"; readonly reason: HookReason; readonly status: ClientStatus }
  | { readonly type: "state-changed"; readonly from: ClientStateName; readonly to: ClientStateName }
  /** Persist (or, with null, delete) the lease; lifetimes relative to `now`. */
  | { readonly type: "lease-changed"; readonly lease: Omit<SavedLease, "savedAt"> | null }
  /** The client has finished stopping (Release answered or timed out). */
  | { readonly type: "stopped" }
  | { readonly type: "log"; readonly level: LogLevel; readonly message: string };

/** Commands an operator can give (RFC 9915 §18.2.4, §18.2.5, §18.2.7). */
export type ClientCommand = "renew" | "rebind" | "release" | "stop";

/** A source of uniform random numbers in [0, 1), injected for determinism. */
export type RandomSource = () => number;

/**
 * What a configuration change did (RFC 9915 §18.2.4, §18.2.7): "applied" at
 * once, "deferred" until the running exchange ends (applied by a timer), or
 * "restart" when it cannot apply in place (a new DUID, or a switch between
 * stateful and stateless, §18.2.6): nothing changed, the shell stops this
 * client and starts a new one.
 */
export type ConfigChangeOutcome = "applied" | "deferred" | "restart";
