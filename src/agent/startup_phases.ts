/**
 * The start-up timeline of `edge6 run -D`: the milliseconds since the
 * runtime started (`performance.now()`, whose origin is the start of the
 * Deno process's runtime) at each phase on the way to a configured router:
 * modules loaded, configuration read, then per upstream interface link
 * ready, Solicit sent, Reply received, kernel updated and hook started.
 * Each phase is logged once (per interface), at debug level, so that the
 * agent's spawn-to-configured time can be read off the log and compared
 * with `deno task bench:lab`.
 * @module
 */
import type { Logger } from "./ports.ts";

/** A phase of start-up, in the order they normally come. */
export type StartupPhase =
  | "loaded"
  | "config read"
  | "link ready"
  | "Solicit sent"
  | "Reply received"
  | "kernel updated"
  | "hook started";

/** Marks start-up phases; lines wait for the logger, which exists only once the configuration is read. */
export class StartupPhases {
  readonly #now: () => number;
  /** Subjects seen per phase: a repeat costs two lookups and no allocation (it can be per packet). */
  readonly #seen = new Map<StartupPhase, Set<string | undefined>>();
  #pending: string[] = [];
  #logger: Logger | undefined;

  /** Phases timed by `now` (default `performance.now`: ms since the runtime started). */
  constructor(now: () => number = () => performance.now()) {
    this.#now = now;
  }

  /** Records `phase` of `subject` (an interface; none for the process) the first time only. */
  mark(phase: StartupPhase, subject?: string): void {
    let subjects = this.#seen.get(phase);
    if (subjects === undefined) this.#seen.set(phase, subjects = new Set());
    if (subjects.has(subject)) return;
    subjects.add(subject);
    const key = subject === undefined ? phase : `${subject}: ${phase}`;
    const line = `start-up: ${key} at ${this.#now().toFixed(1)} ms`;
    if (this.#logger === undefined) this.#pending.push(line);
    else this.#logger.log("debug", line);
  }

  /** From now on lines go to `logger`; those marked before are written first. */
  attach(logger: Logger): void {
    this.#logger = logger;
    for (const line of this.#pending) logger.log("debug", line);
    this.#pending = [];
  }
}
