/**
 * The mutable state of one interface's client engine, shared by the files
 * that implement RFC 9915 §18.2, plus the output queues the shell drains.
 * Internal: the public face is `Dhcp6Client`.
 * @module
 */
import type { Option } from "../options/types.ts";
import type {
  Action,
  AddressLease,
  ClientConfig,
  ClientStateName,
  LogLevel,
  PrefixLease,
  RandomSource,
  Transmit,
} from "./types.ts";
import type { Exchange } from "./exchange.ts";
import { clampUnit, TRANSMISSION_PARAMETERS } from "../retransmit.ts";
import { ReplayDetector } from "../auth/reconfigure_key.ts";
import { TokenBucket } from "./rate_limit.ts";

/** One IA as the client records it (RFC 9915 §12, §18.2.10.1). */
export interface IaBinding {
  /** Whether this is an IA_NA (addresses, §21.4) or an IA_PD (prefixes, §21.21). */
  readonly type: "IA_NA" | "IA_PD";
  /** The IAID the client chose for this IA (§12). */
  readonly iaid: number;
  /** T1/T2 as last received, seconds (0: the client chooses, §14.2). */
  t1: number;
  /** Seconds after `boundAt` when Rebind starts (0: the client chooses, §14.2). */
  t2: number;
  /** Engine time T1/T2 were received. */
  boundAt: number;
  /** Name of the IA's status in the last Reply, if not Success. */
  status: string | undefined;
  /** Address leases currently held in this IA_NA. */
  addresses: AddressLease[];
  /** Delegated prefixes currently held in this IA_PD. */
  prefixes: PrefixLease[];
  /**
   * True while the leases come from a saved lease whose age cannot be known
   * (see `savedLeaseAge`) and no server has confirmed them yet: the shell was
   * never asked to install them, so none is removed when they go, and status,
   * hooks and the persisted lease leave them out. Their lifetimes are those
   * saved, an upper bound of what is left. The first Reply that carries the
   * IA replaces them (RFC 9915 §18.2.5, §18.2.12).
   */
  unconfirmed: boolean;
}

/** The server the bindings came from. */
export interface ServerInfo {
  /** The server's DUID, from its Server Identifier option (§21.3). */
  readonly duid: Uint8Array;
  /** The link-local source address the server's messages came from. */
  readonly address: string;
}

/** A token bucket for §14.1: 20 messages in 20 seconds per interface. */
export const RATE_LIMIT = { capacity: 20, perMs: 1000 } as const;

/** The engine's whole state; every handler takes it as its first argument. */
export class ClientCore {
  /** The configuration in force; a reload replaces it (see config_change.ts). */
  config: ClientConfig;
  /** Randomness for transaction ids, delays and RAND factors (§15); injected. */
  readonly random: RandomSource;
  /** The current state of the client (see `ClientStateName`). */
  state: ClientStateName = "idle";
  /** True once the shell has started the client; the "stopped" state marks a stop. */
  started = false;
  /** Whether the interface link is up; exchanges wait while it is down (§18.2.12). */
  linkUp = true;
  /** The IAs of the configuration and the leases each holds (§12). */
  ias: IaBinding[];
  /** The server the current bindings came from; undefined when nothing is bound. */
  server: ServerInfo | undefined;
  /** What follows the running Release, once answered or given up. */
  afterRelease: ((core: ClientCore, now: number) => void) | undefined;
  /** A configuration change waiting for the running exchange to end, and when it came. */
  pendingConfig: { readonly config: ClientConfig; readonly at: number } | undefined;
  /** Addresses being declined (RFC 9915 §18.2.8). */
  declining: AddressLease[] = [];
  /** Non-IA options of the last Reply (RFC 9915 §18.2.10). */
  options: readonly Option[] = [];
  /**
   * True while a Release waits for the shell to report the end of the
   * RELEASE hook before it (`ClientConfig.releaseHookWait`).
   */
  releaseHeld = false;
  /** The exchange in progress, if any (§15); a new one replaces it. */
  exchange: Exchange | undefined;
  /** SOL_MAX_RT in force, seconds: a server may change it (RFC 9915 §21.24). */
  solMaxRt: number = TRANSMISSION_PARAMETERS.SOLICIT.mrt;
  /** INF_MAX_RT in force, seconds: a server may change it (RFC 9915 §21.25). */
  infMaxRt: number = TRANSMISSION_PARAMETERS.INFORMATION_REQUEST.mrt;
  /**
   * SOL_MAX_RT / INF_MAX_RT values carried by the Advertises of the current
   * server discovery, by option name (§18.2.9: used only while they agree).
   */
  readonly advertisedMaxRt = new Map<string, Set<number>>();
  /**
   * The back-off of server discovery that has not bound yet (§15, §18.2.1):
   * the RT of the last Solicit or Request it sent, and when that went out.
   * Cleared when a Reply binds leases or discovery starts afresh.
   */
  discovery: { rt: number; at: number } | undefined;
  /** Engine time of the next Information-request refresh (§21.23). */
  refreshAt: number | undefined;
  /** True once the first Solicit of this interface has gone out (§18.2.1 delay). */
  solicitedOnce = false;
  /** Reconfigure: the key of the current server, and replay state (§20.4). */
  reconfigureKey: Uint8Array | undefined;
  /** Replay detection for Reconfigure authentication (§20.4). */
  readonly replay = new ReplayDetector();
  /** The §14.1 transmission rate limit of this interface. */
  readonly bucket = new TokenBucket(RATE_LIMIT.capacity, RATE_LIMIT.perMs);
  /**
   * True after NotOnLink to a Request or Rapid Commit Solicit: configured address
   * hints are left out of the IA_NAs until a Reply binds again (RFC 9915 §18.2.10.1).
   */
  dropHints = false;

  /** Datagrams queued for the shell, drained by `pollTransmit`. */
  readonly transmits: Transmit[] = [];
  /** Side effects queued for the shell, drained by `pollAction`; they go before transmits. */
  readonly actions: Action[] = [];
  /** Messages sent, counted by message type name, for status output. */
  readonly sent: Record<string, number> = {};
  /** Valid messages received, counted by message type name, for status output. */
  readonly received: Record<string, number> = {};
  /**
   * Messages dropped, counted by reason (RFC 9915 §16), for status output;
   * options dropped from a message otherwise used count as `malformed-<OPTION>`.
   */
  readonly dropped: Record<string, number> = {};

  /** A client in the "idle" state with one empty IA per configured IA_NA and IA_PD. */
  constructor(config: ClientConfig, random: RandomSource) {
    this.config = config;
    this.random = random;
    this.ias = [
      ...config.iaNa.map((c) => emptyIa("IA_NA", c.iaid)),
      ...config.iaPd.map((c) => emptyIa("IA_PD", c.iaid)),
    ];
  }

  /** True when the client runs stateless (RFC 9915 §18.2.6): no IA to ask for. */
  get stateless(): boolean {
    return isStateless(this.config);
  }

  /** True between a start and a stop. */
  get running(): boolean {
    return this.started && this.state !== "stopped";
  }

  /** Whether debug records are wanted (`ClientConfig.debugLog`); guard costly ones with it. */
  get debug(): boolean {
    return this.config.debugLog !== false;
  }

  /** Queues a log record (every protocol decision carries its reason). */
  log(level: LogLevel, message: string): void {
    if (level === "debug" && !this.debug) return;
    this.actions.push({ type: "log", level, message: `${this.config.interfaceName}: ${message}` });
  }

  /** Queues a side effect for the shell. */
  act(action: Action): void {
    this.actions.push(action);
  }

  /** Moves to `to`, queuing a state-changed action when it differs. */
  setState(to: ClientStateName): void {
    if (to === this.state) return;
    const from = this.state;
    this.state = to;
    this.act({ type: "state-changed", from, to });
  }

  /**
   * Counts a dropped message by reason and logs why (RFC 9915 §16). The
   * sentence is built only when debug records are wanted: a flood of junk
   * costs a counter, not a string per datagram.
   */
  drop(reason: string, describe: () => string): void {
    increment(this.dropped, reason);
    if (this.debug) this.log("debug", `dropping ${describe()}`);
  }

  /**
   * Forgets the server of the bindings and, with it, its reconfigure key
   * (RFC 9915 §20.4: the key is only good for Reconfigures from that server)
   * and the configuration it gave (DNS and the rest, §18.2.10): a hook must
   * not go on using a server's DNS once no binding with it is left.
   */
  forgetServer(): void {
    this.server = undefined;
    this.reconfigureKey = undefined;
    this.options = [];
  }

  /** Every address lease held, across IAs. */
  get addresses(): AddressLease[] {
    return this.ias.flatMap((ia) => ia.addresses);
  }

  /** Every delegated prefix held, across IAs. */
  get prefixes(): PrefixLease[] {
    return this.ias.flatMap((ia) => ia.prefixes);
  }

  /** The IAs whose leases the shell was asked to install (see `IaBinding.unconfirmed`). */
  get confirmedIas(): IaBinding[] {
    return this.ias.filter((ia) => !ia.unconfirmed);
  }

  /** True while some IA holds leases of unknown age that no server has confirmed. */
  get hasUnconfirmed(): boolean {
    return this.ias.some((ia) => ia.unconfirmed && iaHasLeases(ia));
  }

  /**
   * True while an exchange runs that a configuration change must wait for:
   * Confirm, Decline, Release, or a Request for leases already held.
   */
  get busyForConfig(): boolean {
    const kind = this.exchange?.kind;
    return kind === "confirm" || kind === "decline" || kind === "release" ||
      (kind === "request" && this.hasLeases);
  }

  /** True when any lease is held. */
  get hasLeases(): boolean {
    return this.ias.some(iaHasLeases);
  }

  /** A uniformly random 24-bit transaction id (RFC 9915 §16.1). */
  newTransactionId(): number {
    return Math.floor(clampUnit(this.random()) * 0x1000000) & 0xffffff;
  }

  /** A uniformly random delay in [0, maxMs] (SOL/CNF/INF_MAX_DELAY). */
  randomDelay(maxMs: number): number {
    return clampUnit(this.random()) * maxMs;
  }
}

/** A fresh IA with no leases. */
export function emptyIa(type: "IA_NA" | "IA_PD", iaid: number): IaBinding {
  return {
    type,
    iaid,
    t1: 0,
    t2: 0,
    boundAt: 0,
    status: undefined,
    addresses: [],
    prefixes: [],
    unconfirmed: false,
  };
}

/** True when an IA holds at least one lease. */
export function iaHasLeases(ia: IaBinding): boolean {
  return ia.addresses.length > 0 || ia.prefixes.length > 0;
}

/** True when `config` asks for no IA, or for information only (RFC 9915 §18.2.6). */
export function isStateless(config: ClientConfig): boolean {
  return config.informationOnly || config.iaNa.length + config.iaPd.length === 0;
}

/** Adds one to the count of `key` (a message type name or a drop reason). */
export function increment(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}
