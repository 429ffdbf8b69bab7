/**
 * Client retransmission (RFC 9915 §15) driven by the parameter table of
 * RFC 9915 §7.6. Pure: time comes in as milliseconds, randomness from an
 * injected source.
 * @module
 */
import type { RandomSource } from "./client/types.ts";

/** The §7.6 parameters of one client message type, in seconds (0 = no limit). */
export interface TransmissionParameters {
  /** Largest random delay before the first transmission (SOL/CNF/INF_MAX_DELAY). */
  readonly maxDelay: number;
  /** Initial retransmission time (IRT). */
  readonly irt: number;
  /** Maximum retransmission time (MRT). */
  readonly mrt: number;
  /** Maximum retransmission count (MRC). */
  readonly mrc: number;
  /**
   * Maximum retransmission duration (MRD). Renew and Rebind have none in the
   * table: their duration runs to the earliest T2 and to the end of the last
   * valid lifetime (RFC 9915 §18.2.4, §18.2.5) and is set per exchange.
   */
  readonly mrd: number;
}

/**
 * RFC 9915 §7.6 "Transmission and Retransmission Parameters", keyed by the
 * message type each row governs (§18.2.1–§18.2.8 say which rows apply).
 */
export const TRANSMISSION_PARAMETERS = {
  /** SOL_MAX_DELAY 1 s, SOL_TIMEOUT 1 s, SOL_MAX_RT 3600 s (§18.2.1). */
  SOLICIT: { maxDelay: 1, irt: 1, mrt: 3600, mrc: 0, mrd: 0 },
  /** REQ_TIMEOUT 1 s, REQ_MAX_RT 30 s, REQ_MAX_RC 10 (§18.2.2). */
  REQUEST: { maxDelay: 0, irt: 1, mrt: 30, mrc: 10, mrd: 0 },
  /** CNF_MAX_DELAY 1 s, CNF_TIMEOUT 1 s, CNF_MAX_RT 4 s, CNF_MAX_RD 10 s (§18.2.3). */
  CONFIRM: { maxDelay: 1, irt: 1, mrt: 4, mrc: 0, mrd: 10 },
  /** REN_TIMEOUT 10 s, REN_MAX_RT 600 s; MRD: until the earliest T2 (§18.2.4). */
  RENEW: { maxDelay: 0, irt: 10, mrt: 600, mrc: 0, mrd: 0 },
  /** REB_TIMEOUT 10 s, REB_MAX_RT 600 s; MRD: until all valid lifetimes end (§18.2.5). */
  REBIND: { maxDelay: 0, irt: 10, mrt: 600, mrc: 0, mrd: 0 },
  /** INF_MAX_DELAY 1 s, INF_TIMEOUT 1 s, INF_MAX_RT 3600 s (§18.2.6). */
  INFORMATION_REQUEST: { maxDelay: 1, irt: 1, mrt: 3600, mrc: 0, mrd: 0 },
  /** REL_TIMEOUT 1 s, REL_MAX_RC 4 (§18.2.7). */
  RELEASE: { maxDelay: 0, irt: 1, mrt: 0, mrc: 4, mrd: 0 },
  /** DEC_TIMEOUT 1 s, DEC_MAX_RC 4 (§18.2.8). */
  DECLINE: { maxDelay: 0, irt: 1, mrt: 0, mrc: 4, mrd: 0 },
  /** REC_TIMEOUT 2 s, REC_MAX_RC 8 (server side, listed for completeness, §18.3.11). */
  RECONFIGURE: { maxDelay: 0, irt: 2, mrt: 0, mrc: 8, mrd: 0 },
} as const satisfies Record<string, TransmissionParameters>;

/** The message types that have a row in {@link TRANSMISSION_PARAMETERS}. */
export type RetransmittedMessage = keyof typeof TRANSMISSION_PARAMETERS;

/** IRT_DEFAULT: default information refresh time, seconds (RFC 9915 §7.6). */
export const IRT_DEFAULT = 86400;
/** IRT_MINIMUM: smallest information refresh time, seconds (RFC 9915 §7.6). */
export const IRT_MINIMUM = 600;
/** MAX_WAIT_TIME: longest wait for a response, seconds (RFC 9915 §7.6). */
export const MAX_WAIT_TIME = 60;
/** Smallest and largest valid SOL_MAX_RT / INF_MAX_RT option values (RFC 9915 §21.24, §21.25). */
export const MAX_RT_OPTION_RANGE = { min: 60, max: 86400 } as const;

/**
 * RAND of RFC 9915 §15: uniform in [-0.1, +0.1). With `positive`, uniform in
 * (0, +0.1]: the first Solicit RT must be strictly greater than IRT (§18.2.1)
 * (never below 1e-6, so that the sum stays above IRT in floating point).
 */
export function randomFactor(random: RandomSource, positive = false): number {
  const r = clampUnit(random());
  // Floor the positive factor so that IRT + RAND·IRT stays above IRT in floating point.
  return positive ? Math.max(0.1 * (1 - r), 1e-6) : -0.1 + 0.2 * r;
}

/** RT for the first transmission: IRT + RAND·IRT (RFC 9915 §15). */
export function firstRt(irt: number, random: RandomSource, positive = false): number {
  return irt + randomFactor(random, positive) * irt;
}

/**
 * RT for a retransmission: 2·RTprev + RAND·RTprev, and MRT + RAND·MRT when
 * that exceeds a non-zero MRT (RFC 9915 §15).
 */
export function nextRt(previous: number, mrt: number, random: RandomSource): number {
  const rt = 2 * previous + randomFactor(random) * previous;
  if (mrt > 0 && rt > mrt) return mrt + randomFactor(random) * mrt;
  return rt;
}

/** Limits of one retransmission run (RFC 9915 §15), in milliseconds (0 = none). */
export interface RetransmissionLimits {
  /** IRT: the initial retransmission time. */
  readonly irt: number;
  /** MRT: the maximum retransmission time (0: no maximum). */
  readonly mrt: number;
  /** MRC: the maximum number of transmissions (0: no limit; a count, not ms). */
  readonly mrc: number;
  /** MRD: the maximum duration of the exchange (0: no limit). */
  readonly mrd: number;
  /** An absolute end (engine ms) used instead of MRD (Renew: T2; Rebind: last expiry). */
  readonly deadline?: number;
  /** Choose the first RAND strictly above 0 (Solicit, RFC 9915 §18.2.1). */
  readonly firstAboveIrt?: boolean;
  /**
   * The RT of the first transmission, when the run continues the back-off of
   * an earlier one (a Solicit after a failed discovery round) instead of
   * starting again at IRT; later RTs double from it as usual (§15).
   */
  readonly firstRt?: number;
}

/** The limits of a row of the RFC 9915 §7.6 table, converted to milliseconds. */
export function limitsFor(
  type: RetransmittedMessage,
  overrides: Partial<RetransmissionLimits> = {},
): RetransmissionLimits {
  const p: TransmissionParameters = TRANSMISSION_PARAMETERS[type];
  return {
    irt: p.irt * 1000,
    mrt: p.mrt * 1000,
    mrc: p.mrc,
    mrd: p.mrd * 1000,
    firstAboveIrt: type === "SOLICIT",
    ...overrides,
  };
}

/**
 * The §15 state of one message exchange: how many times the message went out,
 * the current RT and when the exchange gives up. It never reads a clock.
 */
export class Retransmission {
  /** Transmissions so far (the first one included). */
  count = 0;
  /** The current RT in ms. */
  rt = 0;
  /** Engine time of the first transmission. */
  startedAt = 0;
  /** Engine time of the latest transmission. */
  lastSentAt = 0;
  #limits: RetransmissionLimits;
  readonly #random: RandomSource;

  /** Starts a run with `limits`, drawing RAND from `random`. */
  constructor(limits: RetransmissionLimits, random: RandomSource) {
    this.#limits = limits;
    this.#random = random;
  }

  /**
   * Replaces MRT for the rest of the run: a SOL_MAX_RT or INF_MAX_RT option
   * received mid-exchange applies at once (RFC 9915 §21.24, §21.25).
   */
  setMrt(mrt: number): void {
    this.#limits = { ...this.#limits, mrt };
  }

  /** The limits this run obeys. */
  get limits(): RetransmissionLimits {
    return this.#limits;
  }

  /** Engine time at which the exchange fails regardless of RT (MRD or deadline). */
  get deadline(): number | undefined {
    if (this.#limits.deadline !== undefined) return this.#limits.deadline;
    if (this.#limits.mrd > 0 && this.count > 0) return this.startedAt + this.#limits.mrd;
    return undefined;
  }

  /** Records a transmission at `now` and sets the RT that follows it. */
  sent(now: number): void {
    if (this.count === 0) {
      this.startedAt = now;
      this.rt = this.#limits.firstRt ??
        firstRt(this.#limits.irt, this.#random, this.#limits.firstAboveIrt ?? false);
    } else {
      this.rt = nextRt(this.rt, this.#limits.mrt, this.#random);
    }
    this.count++;
    this.lastSentAt = now;
  }

  /** When the current RT (or the deadline, if sooner) expires. */
  get timeoutAt(): number {
    const rtEnd = this.lastSentAt + this.rt;
    const d = this.deadline;
    return d !== undefined && d < rtEnd ? d : rtEnd;
  }

  /**
   * At a timeout: "retransmit" if the exchange may go on, "fail" once MRC
   * transmissions have timed out or MRD has elapsed (RFC 9915 §15).
   */
  onTimeout(now: number): "retransmit" | "fail" {
    const d = this.deadline;
    if (d !== undefined && now >= d) return "fail";
    if (this.#limits.mrc > 0 && this.count >= this.#limits.mrc) return "fail";
    return "retransmit";
  }
}

/**
 * A draw of the injected random source held to [0, 1): a broken source must
 * not push RAND (RFC 9915 §15), a delay or a transaction id outside its band.
 */
export function clampUnit(r: number): number {
  if (!Number.isFinite(r) || r < 0) return 0;
  return r >= 1 ? 1 - Number.EPSILON : r;
}
