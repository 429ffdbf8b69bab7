/**
 * The LAN side's place in the agent: one runtime per LAN interface (Router
 * Advertisements and a stateless DHCPv6 server, RFC 7084 L-2, L-8), fed the
 * subnets that the upstream runtimes took from their delegated prefixes
 * (RFC 9915 §6.3). The loop polls their descriptors and fires their timers
 * like the upstream side's; they learn of every change to their subnets,
 * whichever upstream interface it came from.
 * @module
 */
import type { Config } from "../config/types.ts";
import type { LanAssignment } from "../hooks/lan_assignment.ts";

/** One LAN interface's runtime, as the loop drives it. */
export interface LanRuntime {
  /** The LAN interface. */
  readonly name: string;
  /** Descriptors the loop polls for this runtime (sockets bound to the interface). */
  fds(): readonly number[];
  /** The subnets assigned to the interface changed: every one in force now. */
  update(subnets: readonly LanAssignment[], now: number): void;
  /** `fd` is readable. */
  handleReadable(fd: number, now: number): void;
  /** Monotonic time of the runtime's earliest timer, if any. */
  pollTimeout(): number | undefined;
  /** The timer reported by `pollTimeout` is due. */
  handleTimeout(now: number): void;
  /** Carries out what the runtime decided (sends, kernel changes). */
  drain(): Promise<void>;
  /** The agent stops: a last word to the LAN (e.g. router lifetime 0), then no more. */
  stop(now: number): void;
}

/** Makes the LAN runtimes a configuration asks for: none where the LAN side is off. */
export type LanRuntimeFactory = (config: Config) => LanRuntime[];

/** The LAN runtimes and the subnets each was last given. */
export class LanRuntimes {
  readonly #factory: LanRuntimeFactory;
  #runtimes: LanRuntime[] = [];
  /** The subnets last handed to each LAN interface, as comparable text. */
  readonly #given = new Map<string, string>();

  /** No runtimes until `configure`. */
  constructor(factory: LanRuntimeFactory) {
    this.#factory = factory;
  }

  /**
   * Makes the runtimes of `config`; runtimes of interfaces it no longer
   * names are stopped, those it still names are kept.
   */
  configure(config: Config, now: number): void {
    const next = this.#factory(config);
    const names = new Set(next.map((r) => r.name));
    for (const old of this.#runtimes) {
      if (!names.has(old.name)) {
        old.stop(now);
        this.#given.delete(old.name);
      }
    }
    this.#runtimes = next.map((r) => this.#runtimes.find((o) => o.name === r.name) ?? r);
  }

  /** Every runtime's descriptors. */
  fds(): number[] {
    return this.#runtimes.flatMap((r) => [...r.fds()]);
  }

  /**
   * Hands each LAN runtime the subnets of its interface among `assignments`
   * (every upstream's), when they differ from what it was given last.
   */
  feed(assignments: readonly LanAssignment[], now: number): void {
    for (const runtime of this.#runtimes) {
      const mine = assignments.filter((a) => a.interface === runtime.name);
      const text = JSON.stringify(mine.map((a) => [a.prefix, a.prefixLength, a.address ?? ""]));
      if (this.#given.get(runtime.name) === text) continue;
      this.#given.set(runtime.name, text);
      runtime.update(mine, now);
    }
  }

  /** Hands readable descriptors to their runtimes. */
  readable(ready: ReadonlySet<number>, now: number): void {
    for (const runtime of this.#runtimes) {
      for (const fd of runtime.fds()) if (ready.has(fd)) runtime.handleReadable(fd, now);
    }
  }

  /** The earliest timer of any runtime. */
  earliestTimeout(): number | undefined {
    let earliest: number | undefined;
    for (const r of this.#runtimes) {
      const t = r.pollTimeout();
      if (t !== undefined && (earliest === undefined || t < earliest)) earliest = t;
    }
    return earliest;
  }

  /** Fires the timers that are due. */
  fireTimers(now: number): void {
    for (const r of this.#runtimes) {
      const t = r.pollTimeout();
      if (t !== undefined && t <= now) r.handleTimeout(now);
    }
  }

  /** Carries out what every runtime decided. */
  async drain(): Promise<void> {
    for (const r of this.#runtimes) await r.drain();
  }

  /** Stops every runtime (the agent is stopping). */
  stopAll(now: number): void {
    for (const r of this.#runtimes) r.stop(now);
  }
}
