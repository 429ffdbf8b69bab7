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
  /** The address asked for, in IPv6 text form. */
  readonly address: string;
  /** Preferred lifetime to suggest, seconds; 0 or absent leaves it to the server (§21.6). */
  readonly preferredLifetime?: number;
  /** Valid lifetime to suggest, seconds; 0 or absent leaves it to the server (§21.6). */
  readonly validLifetime?: number;
}

/** A prefix hint for an IA_PD (RFC 9915 §18.2.1, §21.22). */
export interface PrefixHint {
  /** Prefix address; "::" with a length asks only for a prefix length. */
  readonly prefix: string;
  /** Length of the prefix asked for, in bits (§21.22). */
  readonly prefixLength: number;
  /** Preferred lifetime to suggest, seconds; 0 or absent leaves it to the server. */
  readonly preferredLifetime?: number;
  /** Valid lifetime to suggest, seconds; 0 or absent leaves it to the server. */
  readonly validLifetime?: number;
}

/** One IA_NA the client asks for (RFC 9915 §21.4). */
export interface IaNaConfig {
  /** The IAID, unique among this interface's IA_NAs (§12). */
  readonly iaid: number;
  /** Addresses to suggest in the IA_NA's IAADDR options; may be empty. */
  readonly hints: readonly AddressHint[];
}

/** One IA_PD the client asks for (RFC 9915 §21.21). */
export interface IaPdConfig {
  /** The IAID, unique among this interface's IA_PDs (§12). */
  readonly iaid: number;
  /** Prefixes to suggest in the IA_PD's IAPREFIX options; may be empty. */
  readonly hints: readonly PrefixHint[];
}

/** An option sent as given, byte for byte (dhcp6c's `raw-option`). */
export interface RawOption {
  /** The option code (RFC 9915 §21: any 16-bit code). */
  readonly code: number;
  /** The option body, without the code and length header. */
  readonly data: Uint8Array;
}

/** Everything the engine needs to run one interface's client. */
export interface ClientConfig {
  /** The interface this client runs on (used in transmits and logs). */
  readonly interfaceName: string;
  /** The client's DUID, sent in every Client Identifier option. */
  readonly duid: Uint8Array;
  /** The IA_NAs to ask for (addresses), each with its IAID. */
  readonly iaNa: readonly IaNaConfig[];
  /** The IA_PDs to ask for (delegated prefixes, RFC 9915 §6.3), each with its IAID. */
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
  /**
   * Milliseconds a Release may wait for the shell to report, through
   * `handleHookDone`, that the RELEASE hook started before it has finished:
   * the hook is how an operator's RA daemon or DNS learns first that the
   * prefix is going (RFC 9096 §3.3, RFC 9915 §18.2.7). Absent or 0: the
   * Release goes out at once, right after the hook action. When the time
   * runs out, the Release is sent anyway, with a warning.
   */
  readonly releaseHookWait?: number;
  /** Accept Reconfigure messages (RFC 9915 §18.2.11, §21.20). */
  readonly reconfigureAccept: boolean;
  /**
   * Queue debug log records (every protocol decision, every dropped message
   * with its reason, RFC 9915 §16). Default true; false when the shell's log
   * would not print them, so that a flood of junk builds no text at all.
   */
  readonly debugLog?: boolean;
}

/** A lease on one address, as the engine holds it. */
export interface AddressLease {
  /** The IAID of the IA_NA that holds this address. */
  readonly iaid: number;
  /** The leased address, in IPv6 text form. */
  readonly address: string;
  /** Preferred lifetime, seconds from `receivedAt` (§21.6). */
  readonly preferredLifetime: number;
  /** Valid lifetime, seconds from `receivedAt` (§21.6). */
  readonly validLifetime: number;
  /** Engine time (ms) the lifetimes were last received. */
  readonly receivedAt: number;
}

/** A lease on one delegated prefix. */
export interface PrefixLease {
  /** The IAID of the IA_PD that holds this prefix. */
  readonly iaid: number;
  /** The delegated prefix, in IPv6 text form. */
  readonly prefix: string;
  /** Length of the delegated prefix, in bits (§21.22). */
  readonly prefixLength: number;
  /** Preferred lifetime, seconds from `receivedAt` (§21.22). */
  readonly preferredLifetime: number;
  /** Valid lifetime, seconds from `receivedAt` (§21.22). */
  readonly validLifetime: number;
  /** Engine time (ms) the lifetimes were last received. */
  readonly receivedAt: number;
  /**
   * The prefix the server excluded from this one with OPTION_PD_EXCLUDE
   * (RFC 6603 §4.2): it belongs to the link to the server. It lies inside
   * the delegated prefix and is longer. The shell must never assign it, nor
   * any subnet overlapping it, to a LAN interface, and must not black-hole
   * it with the delegated prefix's unreachable route (RFC 7084 WPD-5): see
   * `prefix_exclude.ts` for the routes that cover the rest.
   */
  readonly excluded?: { readonly prefix: string; readonly prefixLength: number };
}

/**
 * Why the hook runs (`REASON`). dhcp6c's own: INFOREQ, SOLICIT (Rapid
 * Commit), REQUEST, RENEW and REBIND after a Reply; RELEASE before the
 * Release is sent (the leases are already withdrawn); EXIT when the client
 * stops. Leases lost without a Reply, each with the state after the loss:
 * EXPIRE (a valid lifetime ended, RFC 9915 §18.2.5, §18.2.13), NOTONLINK
 * (the server said the leases do not fit this link, §18.2.10.1, §18.2.10.3),
 * DECLINE (an address failed duplicate address detection and is declined,
 * §18.2.8), NOBINDING (the server lost an IA's binding and the Request to
 * get it back went unanswered, §18.2.8), RELOAD (a reload removed an IA
 * whose leases are withdrawn without a Release).
 */
export type HookReason =
  | "INFOREQ"
  | "SOLICIT"
  | "REQUEST"
  | "RENEW"
  | "REBIND"
  | "RELEASE"
  | "EXIT"
  | "EXPIRE"
  | "NOTONLINK"
  | "DECLINE"
  | "NOBINDING"
  | "RELOAD";

/** The reasons of a hook for leases lost without a Reply (see {@link HookReason}). */
export type LossReason = "EXPIRE" | "NOTONLINK" | "DECLINE" | "NOBINDING" | "RELOAD";

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
  /** The interface this client runs on. */
  readonly interfaceName: string;
  /** The engine's current state. */
  readonly state: ClientStateName;
  /** Server DUID (hex) and source address of the binding, if any. */
  readonly serverDuid?: string;
  /** Source address of the server's messages (see `serverDuid`). */
  readonly serverAddress?: string;
  /** Every address lease held, across IA_NAs. */
  readonly addresses: readonly AddressLease[];
  /** Every delegated prefix held, across IA_PDs. */
  readonly prefixes: readonly PrefixLease[];
  /** Per IA: T1 and T2 in seconds as in force, and their engine times. */
  readonly ias: readonly {
    readonly type: "IA_NA" | "IA_PD";
    readonly iaid: number;
    readonly t1: number;
    readonly t2: number;
    /** Engine time T1 falls due (§18.2.4); absent when infinite or no lease is held. */
    readonly t1At?: number;
    /** Engine time T2 falls due (§18.2.5); absent when infinite or no lease is held. */
    readonly t2At?: number;
    /** Status of the IA in the last Reply, if not Success. */
    readonly status?: string;
  }[];
  /** The non-IA options of the last Reply (DNS, domains, NTP, raw…). */
  readonly options: readonly Option[];
  /** Engine time of the next timer, if any. */
  readonly nextTimeout?: number;
  /**
   * Counters: sent/received by message type name, dropped by reason. A
   * malformed option dropped from a message that was otherwise used counts
   * in `dropped` as `malformed-<OPTION NAME>` (RFC 9915 §16).
   */
  readonly counters: {
    readonly sent: Readonly<Record<string, number>>;
    readonly received: Readonly<Record<string, number>>;
    readonly dropped: Readonly<Record<string, number>>;
  };
}

/**
 * A lease as persisted by the shell so that a restart resumes with Confirm or
 * Rebind (RFC 9915 §18.2.12). Lifetimes are the remaining seconds at `savedAt`
 * (wall-clock ms since the epoch, filled in by the shell). When the wall clock
 * at start cannot age it (behind `savedAt`, or unset: `savedLeaseAge`), the
 * engine installs none of it until a Reply to Rebind confirms it.
 */
export interface SavedLease {
  /** Format version of the saved file; a different one is not read. */
  readonly version: 1;
  /** The interface the lease belongs to. */
  readonly interfaceName: string;
  /** Wall-clock time of saving, ms since the epoch: the base of the lifetimes below. */
  readonly savedAt: number;
  /** The DUID (hex) of the server the bindings came from. */
  readonly serverDuid: string;
  /** The server's source address when the lease was obtained. */
  readonly serverAddress?: string;
  /** Address leases with their remaining lifetimes at `savedAt`, seconds. */
  readonly addresses: readonly {
    iaid: number;
    address: string;
    preferredLifetime: number;
    validLifetime: number;
  }[];
  /** Delegated prefixes with their remaining lifetimes at `savedAt`, seconds. */
  readonly prefixes: readonly {
    iaid: number;
    prefix: string;
    prefixLength: number;
    preferredLifetime: number;
    validLifetime: number;
    /** The prefix excluded from it (RFC 6603), as in `PrefixLease.excluded`. */
    excluded?: { readonly prefix: string; readonly prefixLength: number };
  }[];
  /** The non-IA options of the last Reply, as hex-encoded option bytes. */
  readonly options: readonly string[];
}

/** A datagram the shell must send from the client's interface. */
export interface Transmit {
  /** The interface to send out of; the datagram leaves from its link-local address. */
  readonly interfaceName: string;
  /** Always ff02::1:2 in RFC 9915 (no unicast). */
  readonly destination: string;
  /** The encoded DHCPv6 message (RFC 9915 §8). */
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
  /**
   * Run the hook: after the kernel changes of this event (OPNsense order).
   * `holdsRelease`: a RELEASE hook the Release waits for (see
   * `ClientConfig.releaseHookWait`); the shell reports its end with
   * `handleHookDone`, or at once when there is no script.
   */
  | {
    readonly type: "hook";
    readonly reason: HookReason;
    readonly status: ClientStatus;
    readonly holdsRelease?: true;
  }
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
