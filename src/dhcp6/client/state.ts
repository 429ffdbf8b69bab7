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
import { TRANSMISSION_PARAMETERS } from "../retransmit.ts";
import { ReplayDetector } from "../auth/reconfigure_key.ts";
import { TokenBucket } from "./rate_limit.ts";

/** One IA as the client records it (RFC 9915 §12, §18.2.10.1). */
export interface IaBinding {
  readonly type: "IA_NA" | "IA_PD";
  readonly iaid: number;
  /** T1/T2 as last received, seconds (0: the client chooses, §14.2). */
  t1: number;
  t2: number;
  /** Engine time T1/T2 were received. */
  boundAt: number;
  /** Name of the IA's status in the last Reply, if not Success. */
  status: string | undefined;
  addresses: AddressLease[];
  prefixes: PrefixLease[];
}

/** The server the bindings came from. */
export interface ServerInfo {
  readonly duid: Uint8Array;
  readonly address: string;
}

/** A token bucket for §14.1: 20 messages in 20 seconds per interface. */
export const RATE_LIMIT = { capacity: 20, perMs: 1000 } as const;

/** The engine's whole state; every handler takes it as its first argument. */
export class ClientCore {
  /** The configuration in force; a reload replaces it (see config_change.ts). */
  config: ClientConfig;
  readonly random: RandomSource;
  state: ClientStateName = "idle";
  started = false;
  linkUp = true;
  ias: IaBinding[];
  server: ServerInfo | undefined;
  /** What follows the running Release, once answered or given up. */
  afterRelease: ((core: ClientCore, now: number) => void) | undefined;
  /** A configuration change waiting for the running exchange to end, and when it came. */
  pendingConfig: { readonly config: ClientConfig; readonly at: number } | undefined;
  /** Addresses being declined (RFC 9915 §18.2.8). */
  declining: import("./types.ts").AddressLease[] = [];
  /** The server a Request is addressed to, until its Reply binds. */
  pendingServer: ServerInfo | undefined;
  /** Non-IA options of the last Reply (RFC 9915 §18.2.10). */
  options: readonly Option[] = [];
  exchange: Exchange | undefined;
  /** SOL_MAX_RT and INF_MAX_RT in force, seconds (RFC 9915 §21.24, §21.25). */
  solMaxRt: number = TRANSMISSION_PARAMETERS.SOLICIT.mrt;
  infMaxRt: number = TRANSMISSION_PARAMETERS.INFORMATION_REQUEST.mrt;
  /** Engine time of the next Information-request refresh (§21.23). */
  refreshAt: number | undefined;
  /** True once the first Solicit of this interface has gone out (§18.2.1 delay). */
  solicitedOnce = false;
  /** Reconfigure: the key of the current server, and replay state (§20.4). */
  reconfigureKey: Uint8Array | undefined;
  readonly replay = new ReplayDetector();
  readonly bucket = new TokenBucket(RATE_LIMIT.capacity, RATE_LIMIT.perMs);
  /** Addresses removed on hint lists after NotOnLink (RFC 9915 §18.2.10.1). */
  dropHints = false;

  readonly transmits: Transmit[] = [];
  readonly actions: Action[] = [];
  readonly sent: Record<string, number> = {};
  readonly received: Record<string, number> = {};
  readonly dropped: Record<string, number> = {};

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
    return this.config.informationOnly || this.ias.length === 0;
  }

  /** Queues a log record (every protocol decision carries its reason). */
  log(level: LogLevel, message: string): void {
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

  /** Counts a dropped message by reason and logs why (RFC 9915 §16). */
  drop(reason: string, detail: string): void {
    this.dropped[reason] = (this.dropped[reason] ?? 0) + 1;
    this.log("debug", `dropping ${detail}`);
  }

  /** Every address lease held, across IAs. */
  get addresses(): AddressLease[] {
    return this.ias.flatMap((ia) => ia.addresses);
  }

  /** Every delegated prefix held, across IAs. */
  get prefixes(): PrefixLease[] {
    return this.ias.flatMap((ia) => ia.prefixes);
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
    return this.ias.some((ia) => ia.addresses.length > 0 || ia.prefixes.length > 0);
  }

  /** A uniformly random 24-bit transaction id (RFC 9915 §16.1). */
  newTransactionId(): number {
    return Math.floor(unit(this.random()) * 0x1000000) & 0xffffff;
  }

  /** A uniformly random delay in [0, maxMs] (SOL/CNF/INF_MAX_DELAY). */
  randomDelay(maxMs: number): number {
    return unit(this.random()) * maxMs;
  }
}

/** A fresh IA with no leases. */
export function emptyIa(type: "IA_NA" | "IA_PD", iaid: number): IaBinding {
  return { type, iaid, t1: 0, t2: 0, boundAt: 0, status: undefined, addresses: [], prefixes: [] };
}

function unit(r: number): number {
  if (!Number.isFinite(r) || r < 0) return 0;
  return r >= 1 ? 1 - Number.EPSILON : r;
}
