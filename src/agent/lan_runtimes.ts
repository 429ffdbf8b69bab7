/**
 * The LAN side's place in the agent: one runtime per LAN interface (Router
 * Advertisements and a stateless DHCPv6 server, RFC 7084 L-2, L-8), fed the
 * subnets that the upstream runtimes took from their delegated prefixes
 * (RFC 9915 §6.3) and the upstream side's lease and DNS data. The loop polls
 * their descriptors, fires their timers and hands them link news like the
 * upstream side's; they learn of every change to their subnets, whichever
 * upstream interface it came from.
 * @module
 */
import type { Config } from "../config/types.ts";
import type { LanAssignment } from "../hooks/lan_assignment.ts";
import type { LinkNews, LinkTable } from "./link_table.ts";
import type { UpstreamView } from "./upstream_view.ts";
import type { LanStatus } from "../hooks/lan_status.ts";

/** One LAN interface's runtime, as the loop drives it. */
export interface LanRuntime {
  /** The LAN interface. */
  readonly name: string;
  /** Opens what it needs (sockets, the saved stale list); the loop calls it once, when kept. */
  start(now: number): void;
  /** A reload changed the configuration: takes this interface's new settings. */
  reconfigure(config: Config, now: number): void;
  /** Descriptors the loop polls for this runtime (sockets bound to the interface). */
  fds(): readonly number[];
  /** The subnets assigned to the interface or the upstream view changed: all in force now. */
  update(subnets: readonly LanAssignment[], upstream: UpstreamView, now: number): void;
  /** An rtnetlink event's meaning (carrier, link-local addresses, the link coming and going). */
  handleNews(news: LinkNews, now: number): void;
  /** `fd` is readable. */
  handleReadable(fd: number, now: number): void;
  /** Monotonic time of the runtime's earliest timer, if any. */
  pollTimeout(): number | undefined;
  /** The timer reported by `pollTimeout` is due. */
  handleTimeout(now: number): void;
  /** Carries out what the runtime decided (sends, saves). */
  drain(): Promise<void>;
  /** The agent stops: a last word to the LAN (router lifetime 0); it still withdraws prefixes. */
  stop(now: number): void;
  /** Closes its descriptors (the agent exits, or the interface left the configuration). */
  close(): void;
  /** What it advertises and serves, for `edge6 status`. */
  status(now: number): LanStatus;
}

/** What the agent lends the LAN runtimes it makes. */
export interface LanContext {
  /** The interfaces as last reported (rtnetlink), and their addresses on demand. */
  readonly links: Pick<LinkTable, "get" | "addresses">;
}

/** Makes the LAN runtimes a configuration asks for: none where the LAN side is off. */
export type LanRuntimeFactory = (config: Config, context: LanContext) => LanRuntime[];

/** The LAN runtimes and what each was last given. */
export class LanRuntimes {
  readonly #factory: LanRuntimeFactory;
  readonly #context: LanContext;
  #runtimes: LanRuntime[] = [];
  /** What was last handed to each LAN interface, as comparable text. */
  readonly #given = new Map<string, string>();
  #last: { assignments: readonly LanAssignment[]; upstream: UpstreamView } | undefined;

  /** No runtimes until `configure`. */
  constructor(factory: LanRuntimeFactory, context: LanContext) {
    this.#factory = factory;
    this.#context = context;
  }

  /**
   * Makes the runtimes of `config`: those it no longer names are stopped and
   * closed, those it still names are kept and reconfigured, new ones start
   * and hear what the others were given.
   */
  configure(config: Config, now: number): void {
    const next = this.#factory(config, this.#context);
    const names = new Set(next.map((r) => r.name));
    for (const old of this.#runtimes) {
      if (!names.has(old.name)) {
        old.stop(now);
        old.close();
        this.#given.delete(old.name);
      }
    }
    this.#runtimes = next.map((r) => {
      const kept = this.#runtimes.find((o) => o.name === r.name);
      if (kept !== undefined) {
        kept.reconfigure(config, now);
        return kept;
      }
      r.start(now);
      return r;
    });
    if (this.#last !== undefined) this.feed(this.#last.assignments, this.#last.upstream, now);
  }

  /** Every runtime's descriptors. */
  fds(): number[] {
    return this.#runtimes.flatMap((r) => [...r.fds()]);
  }

  /**
   * Hands each LAN runtime the subnets of its interface among `assignments`
   * (every upstream's) and the upstream view, when they differ from what it
   * was given last (lifetimes included: a Renew's new lifetimes are news).
   */
  feed(assignments: readonly LanAssignment[], upstream: UpstreamView, now: number): void {
    this.#last = { assignments, upstream };
    for (const runtime of this.#runtimes) {
      const mine = assignments.filter((a) => a.interface === runtime.name);
      const text = JSON.stringify([
        mine.map((
          a,
        ) => [a.prefix, a.prefixLength, a.address ?? "", a.delegatedPrefix ?? "", a.lifetimes]),
        { ...upstream, until: String(upstream.until) },
      ]);
      if (this.#given.get(runtime.name) === text) continue;
      this.#given.set(runtime.name, text);
      runtime.update(mine, upstream, now);
    }
  }

  /** Hands link news to every runtime (each keeps what concerns its interface). */
  news(news: LinkNews, now: number): void {
    for (const r of this.#runtimes) r.handleNews(news, now);
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

  /** Stops every runtime (the agent is stopping); they still withdraw what the upstreams release. */
  stopAll(now: number): void {
    for (const r of this.#runtimes) r.stop(now);
  }

  /** Closes every runtime's descriptors (the agent exits). */
  closeAll(): void {
    for (const r of this.#runtimes) r.close();
  }

  /** Every runtime's status, in configured order. */
  statuses(now: number): LanStatus[] {
    return this.#runtimes.map((r) => r.status(now));
  }
}
