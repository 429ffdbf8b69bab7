/**
 * How the agent reports failures to save its state (leases, status.json)
 * without flooding the log: on a full disk every change fails the same way,
 * and a router changes state at every renewal. The first failure of each kind
 * (ENOSPC, EROFS, EACCES…) is an error line; repeats of a kind already
 * reported are debug lines; the first save that works again says so at
 * notice. The agent keeps running on what it holds in memory and tries again
 * at the next change: a lost save costs at most a fresh exchange after a
 * restart (RFC 9915 §18.2.12 resumes only from what was saved).
 * @module
 */
import { errorText } from "./errors.ts";
import type { Logger } from "./ports.ts";

/** The kind of a failure: the errno name when the runtime gives one, else the error's name. */
export function failureKind(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === "string" && code !== "" ? code : error.name;
  }
  return "unknown";
}

/** One saved file's failure history since it last saved successfully. */
export class SaveReporter {
  readonly #logger: Logger;
  /** The kinds already reported since the last successful save. */
  readonly #reported = new Set<string>();
  #failures = 0;

  /** A reporter with no failure yet, logging to `logger`. */
  constructor(logger: Logger) {
    this.#logger = logger;
  }

  /** Failed saves since the last one that worked. */
  get failures(): number {
    return this.#failures;
  }

  /**
   * Runs `save`; a failure is reported (once per kind) and returned as false,
   * never thrown. `what` names the save in log lines ("wan0: saving the lease
   * in /var/db/edge6").
   */
  async attempt(what: string, save: () => Promise<void>): Promise<boolean> {
    try {
      await save();
    } catch (error) {
      this.failed(what, error);
      return false;
    }
    this.succeeded(what);
    return true;
  }

  /** Records a failed save: an error line for a new kind, a debug line for a repeat. */
  failed(what: string, error: unknown): void {
    this.#failures++;
    const kind = failureKind(error);
    if (this.#reported.has(kind)) {
      this.#logger.log(
        "debug",
        `${what} failed again (${kind}; ${this.#failures} failures in a row)`,
      );
      return;
    }
    this.#reported.add(kind);
    this.#logger.log(
      "error",
      `${what} failed: ${errorText(error)}; running on the state in memory and ` +
        `trying again at the next change (further ${kind} failures are logged at debug level)`,
    );
  }

  /** Records a save that worked; says so when earlier ones had failed. */
  succeeded(what: string): void {
    if (this.#failures > 0) {
      this.#logger.log(
        "notice",
        `${what} works again, after ${this.#failures} failed attempt${
          this.#failures === 1 ? "" : "s"
        }`,
      );
    }
    this.#failures = 0;
    this.#reported.clear();
  }
}
