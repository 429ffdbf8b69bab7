/**
 * Runs jobs one at a time per key (hook runs per interface), in the order
 * they were added, with a bound on the jobs waiting: when a job hangs until
 * its timeout and events keep coming, the queue would otherwise grow without
 * end. Past `maxWaiting`, the oldest waiting job is skipped: the newest
 * carry the current state, which is what a hook needs to converge.
 * @module
 */

/** A job waiting for its turn. */
interface Waiting {
  /** Starts the job. */
  start(): void;
  /** Gives the job up without running it. */
  skip(): void;
}

/** One key's line: whether a job runs, and who waits. */
interface Line {
  running: boolean;
  readonly waiting: Waiting[];
  /** Resolves when the line is empty. */
  idle: Promise<void>;
  settle: () => void;
}

/** Serial queues, one per key; see the module doc. */
export class SerialQueues<T> {
  readonly #maxWaiting: number;
  readonly #lines = new Map<string, Line>();

  /** Queues in which at most `maxWaiting` jobs wait behind the running one. */
  constructor(maxWaiting: number) {
    this.#maxWaiting = maxWaiting;
  }

  /**
   * Runs `job` after the jobs added before it for `key`; resolves to its
   * result, or to `skipped()` when later jobs pushed it out before its turn.
   */
  add(key: string, job: () => Promise<T>, skipped: () => T): Promise<T> {
    const line = this.#line(key);
    return new Promise<T>((resolve, reject) => {
      const waiting: Waiting = {
        start: () => {
          line.running = true;
          job().then(resolve, reject).finally(() => this.#next(key, line));
        },
        skip: () => resolve(skipped()),
      };
      if (!line.running) {
        waiting.start();
        return;
      }
      line.waiting.push(waiting);
      if (line.waiting.length > this.#maxWaiting) line.waiting.shift()!.skip();
    });
  }

  /** Resolves when no job runs or waits for `key` (or for any key). */
  async idle(key?: string): Promise<void> {
    if (key !== undefined) await this.#lines.get(key)?.idle;
    else await Promise.all([...this.#lines.values()].map((l) => l.idle));
  }

  #line(key: string): Line {
    let line = this.#lines.get(key);
    if (line === undefined) {
      let settle = () => {};
      const idle = new Promise<void>((resolve) => (settle = resolve));
      line = { running: false, waiting: [], idle, settle };
      this.#lines.set(key, line);
    }
    return line;
  }

  #next(key: string, line: Line): void {
    line.running = false;
    const next = line.waiting.shift();
    if (next !== undefined) {
      next.start();
      return;
    }
    this.#lines.delete(key);
    line.settle();
  }
}
