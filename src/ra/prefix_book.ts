/**
 * The bookkeeping of one LAN's /64s for renumbering (RFC 9096 §3.5): which
 * are current, which went stale and until when, and which were read from
 * disk after a restart and still wait to be confirmed. A /64 stops being
 * current when the feed no longer has it (its prefix changed, expired, was
 * released, or a reload moved it) or its valid lifetime ends; it is then
 * advertised with lifetimes 0 for at least the valid lifetime it was last
 * advertised with, capped at ND_VALID_LIMIT. Kept per /64, not per address.
 * Pure: times are milliseconds given by the caller.
 * @module
 */
import { ND_VALID_LIMIT } from "./constants.ts";
import type { LanSubnet, PrefixRecord, PrefixState } from "./types.ts";

/**
 * How long a /64 read from disk waits, unadvertised, for the feed to
 * confirm it before it is advertised as stale: long enough for a restarted
 * agent to resume its saved lease (RFC 9915 §18.2.12) or bind anew, short
 * enough that hosts hear of a prefix that changed while the router was down.
 */
export const RESTART_HOLD_MS = 60_000;

/** The most stale /64s kept per LAN: a server that renumbers in a loop cannot grow RAs without bound. */
export const MAX_STALE = 32;

/** One /64 in the book. */
export interface BookEntry {
  /** `prefix/len`. */
  readonly subnet: string;
  /** The subnet's prefix text. */
  readonly prefix: string;
  /** Its length. */
  readonly prefixLength: number;
  /** The delegated prefix, `prefix/len`, if known. */
  delegatedPrefix: string | undefined;
  /** Where it stands. */
  state: PrefixState;
  /** L flag. */
  onLink: boolean;
  /** A flag: set for /64s only (SLAAC needs a 64-bit interface identifier, RFC 4862 §5.5.3). */
  autonomous: boolean;
  /** Current: the feed's deadlines. */
  preferredUntil: number;
  /** Current or held: when the delegated prefix stops being valid (ms). */
  validUntil: number;
  /** Stale: when it stops being advertised; held: when it goes stale unless confirmed (ms). */
  until: number;
  /** The valid lifetime (s) of the last RA that carried it as current, undefined if none did. */
  lastValid: number | undefined;
  /** The upstream interface, if known. */
  upstream: string | undefined;
}

/** What a change did to the book. */
export interface BookChange {
  /** The set of current or stale /64s changed (an RA burst is due). */
  readonly changed: boolean;
  /** A /64 that hosts may hold went stale (an RA must go out at once). */
  readonly withdrawn: boolean;
}

const NO_CHANGE: BookChange = { changed: false, withdrawn: false };

/** The /64s of one LAN interface. */
export class PrefixBook {
  readonly #entries = new Map<string, BookEntry>();

  /**
   * A book holding what a previous run saved (`records`, in this clock's
   * milliseconds): stale ones stay stale until their end, current ones are
   * held for RESTART_HOLD_MS, and anything already over is dropped.
   */
  constructor(records: readonly PrefixRecord[] = [], now = 0) {
    for (const r of records) {
      const [prefix, length] = splitSubnet(r.subnet);
      if (prefix === undefined || r.until <= now) continue;
      this.#entries.set(r.subnet, {
        subnet: r.subnet,
        prefix,
        prefixLength: length,
        delegatedPrefix: r.delegatedPrefix,
        state: r.state === "stale" ? "stale" : "held",
        onLink: r.onLink,
        autonomous: r.autonomous,
        preferredUntil: now,
        validUntil: r.state === "stale" ? now : r.until,
        until: r.state === "stale" ? r.until : now + RESTART_HOLD_MS,
        // A held /64 was advertised before the restart: what hosts may still hold.
        lastValid: r.state === "stale" ? 0 : Math.min(ND_VALID_LIMIT, seconds(r.until - now)),
        upstream: r.upstream,
      });
    }
  }

  /** Every entry, current first, in subnet order within a state. */
  entries(): BookEntry[] {
    const order: Record<PrefixState, number> = { current: 0, held: 1, stale: 2 };
    return [...this.#entries.values()].sort((a, b) =>
      order[a.state] - order[b.state] || a.subnet.localeCompare(b.subnet)
    );
  }

  /** The entries in `state`. */
  inState(state: PrefixState): BookEntry[] {
    return this.entries().filter((e) => e.state === state);
  }

  /**
   * Takes the subnets in force now. New ones become current (a held one is
   * confirmed); current ones missing go stale; held ones go stale once the
   * feed brings this LAN other subnets (its numbering changed while the
   * router was down). A subnet whose valid lifetime is over counts as missing.
   */
  update(subnets: readonly LanSubnet[], now: number): BookChange {
    const live = subnets.filter((s) => s.validUntil > now);
    const names = new Set(live.map((s) => `${s.prefix}/${s.prefixLength}`));
    let changed = false;
    let withdrawn = false;
    for (const s of live) {
      const subnet = `${s.prefix}/${s.prefixLength}`;
      const e = this.#entries.get(subnet);
      if (e === undefined || e.state !== "current") changed = true;
      this.#entries.set(subnet, {
        subnet,
        prefix: s.prefix,
        prefixLength: s.prefixLength,
        delegatedPrefix: s.delegatedPrefix,
        state: "current",
        onLink: true,
        autonomous: s.prefixLength === 64,
        preferredUntil: s.preferredUntil,
        validUntil: s.validUntil,
        until: 0,
        lastValid: e?.state === "current" || e?.state === "held" ? e.lastValid : undefined,
        upstream: s.upstream,
      });
    }
    for (const e of [...this.#entries.values()]) {
      if (names.has(e.subnet)) continue;
      if (e.state === "current") {
        const r = this.#retire(e, now);
        changed ||= r.changed;
        withdrawn ||= r.withdrawn;
      } else if (e.state === "held" && live.length > 0) {
        const r = this.#retire(e, now);
        changed ||= r.changed;
        withdrawn ||= r.withdrawn;
      }
    }
    this.#trim();
    return { changed, withdrawn };
  }

  /**
   * Moves what is due at `now`: expired current /64s go stale, held ones
   * too, stale ones end (no news for hosts: they hold nothing of it by then).
   */
  expire(now: number): BookChange {
    let changed = false;
    let withdrawn = false;
    for (const e of [...this.#entries.values()]) {
      if (e.state === "current" && e.validUntil <= now) {
        const r = this.#retire(e, now);
        changed ||= r.changed;
        withdrawn ||= r.withdrawn;
      } else if (e.state === "held" && e.until <= now) {
        const r = this.#retire(e, now);
        changed ||= r.changed;
        withdrawn ||= r.withdrawn;
      } else if (e.state === "stale" && e.until <= now) {
        this.#entries.delete(e.subnet);
      }
    }
    return changed ? { changed, withdrawn } : NO_CHANGE;
  }

  /** The earliest time `expire` has something to do, if any. */
  nextDeadline(): number | undefined {
    let next: number | undefined;
    for (const e of this.#entries.values()) {
      const t = e.state === "current" ? e.validUntil : e.until;
      if (t !== Infinity && (next === undefined || t < next)) next = t;
    }
    return next;
  }

  /** Notes that an RA carried `subnet` as current with `valid` seconds. */
  advertised(subnet: string, valid: number): void {
    const e = this.#entries.get(subnet);
    if (e !== undefined && e.state === "current") e.lastValid = valid;
  }

  /**
   * What survives a restart: every /64 an RA carried as current (until the
   * end of its delegated prefix's validity, which bounds what hosts hold),
   * every held one, and every stale one until its end.
   */
  records(): PrefixRecord[] {
    return this.entries().filter((e) => e.state !== "current" || e.lastValid !== undefined).map(
      (e) => ({
        subnet: e.subnet,
        ...(e.delegatedPrefix === undefined ? {} : { delegatedPrefix: e.delegatedPrefix }),
        onLink: e.onLink,
        autonomous: e.autonomous,
        state: e.state === "stale" ? "stale" : "current",
        until: e.state === "stale" ? e.until : e.validUntil,
        ...(e.upstream === undefined ? {} : { upstream: e.upstream }),
      }),
    );
  }

  /**
   * A /64 stops being current. Hosts hold it for at most the valid lifetime
   * of the last RA that carried it (itself at most ND_VALID_LIMIT): it is
   * advertised stale that long. One no RA ever carried is simply dropped.
   */
  #retire(e: BookEntry, now: number): BookChange {
    if (e.lastValid === undefined || e.lastValid === 0) {
      this.#entries.delete(e.subnet);
      return { changed: e.state === "current", withdrawn: false };
    }
    e.state = "stale";
    e.until = now + Math.min(e.lastValid, ND_VALID_LIMIT) * 1000;
    return { changed: true, withdrawn: true };
  }

  /** Keeps at most MAX_STALE stale /64s, dropping those that end soonest. */
  #trim(): void {
    const stale = [...this.#entries.values()].filter((e) => e.state === "stale")
      .sort((a, b) => a.until - b.until);
    for (const e of stale.slice(0, Math.max(0, stale.length - MAX_STALE))) {
      this.#entries.delete(e.subnet);
    }
  }
}

/** Whole seconds in `ms` (never negative). */
function seconds(ms: number): number {
  return ms === Infinity ? Infinity : Math.max(0, Math.floor(ms / 1000));
}

/** `prefix/len` split; [undefined, 0] when it is not that shape. */
function splitSubnet(subnet: string): [string | undefined, number] {
  const m = /^([0-9a-fA-F:.]+)\/(\d{1,3})$/.exec(subnet);
  if (m === null || Number(m[2]) > 128) return [undefined, 0];
  return [m[1]!, Number(m[2])];
}
