/**
 * Watches the addresses of a network namespace as the kernel adds them
 * (`ip -o -6 monitor address`), so that the benchmark learns the moment a
 * client has configured the router without polling it (a poll loop would
 * take CPU from the client it times on a 2-core machine).
 * @module
 */

/** One address the kernel added (or removed). */
export interface AddressEvent {
  /** The interface name. */
  readonly dev: string;
  /** The address with its prefix length, as `ip` prints it. */
  readonly address: string;
  /** True for a removal ("Deleted" lines). */
  readonly deleted: boolean;
  /** When the line was read (performance.now()). */
  readonly at: number;
}

/** Parses one line of `ip -o -6 monitor address`; undefined for other lines. */
export function parseMonitorLine(line: string, at: number): AddressEvent | undefined {
  const m = /^(Deleted )?\d+: (\S+)\s+inet6 (\S+) .*scope global/.exec(line);
  if (m === null) return undefined;
  return { dev: m[2]!, address: m[3]!, deleted: m[1] !== undefined, at };
}

/** A running `ip monitor` in a namespace. */
export class KernelWatch {
  readonly #child: Deno.ChildProcess;
  readonly #events: AddressEvent[] = [];
  #waiters: (() => void)[] = [];
  readonly #done: Promise<void>;

  private constructor(child: Deno.ChildProcess) {
    this.#child = child;
    this.#done = this.#read();
  }

  /** Starts watching `ns`; resolves once the monitor runs. */
  static async start(ns: string): Promise<KernelWatch> {
    const child = new Deno.Command("ip", {
      args: ["netns", "exec", ns, "ip", "-o", "-6", "monitor", "address"],
      stdin: "null",
      stdout: "piped",
      stderr: "null",
    }).spawn();
    const watch = new KernelWatch(child);
    // ip gives no sign that it listens: give it time to open its socket.
    await new Promise((resolve) => setTimeout(resolve, 150));
    return watch;
  }

  /** The monitor's own process id (it lives in the namespace too). */
  get pid(): number {
    return this.#child.pid;
  }

  async #read(): Promise<void> {
    let rest = "";
    const decoder = new TextDecoder();
    for await (const chunk of this.#child.stdout) {
      const at = performance.now();
      rest += decoder.decode(chunk, { stream: true });
      const lines = rest.split("\n");
      rest = lines.pop() ?? "";
      for (const line of lines) {
        const event = parseMonitorLine(line, at);
        if (event !== undefined) this.#events.push(event);
      }
      const waiters = this.#waiters;
      this.#waiters = [];
      for (const wake of waiters) wake();
    }
  }

  /** Forgets the events seen so far. */
  clear(): void {
    this.#events.length = 0;
  }

  /**
   * Resolves to the time of the first event after which `done` holds for the
   * addresses present (added and not since removed), or undefined after
   * `timeoutMs`.
   */
  async until(
    done: (present: ReadonlyMap<string, readonly string[]>) => boolean,
    timeoutMs: number,
  ): Promise<number | undefined> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const present = new Map<string, string[]>();
      for (const e of this.#events) {
        const list = present.get(e.dev) ?? [];
        if (e.deleted) {
          present.set(e.dev, list.filter((a) => a !== e.address));
        } else if (!list.includes(e.address)) present.set(e.dev, [...list, e.address]);
        if (done(present)) return e.at;
      }
      const left = deadline - performance.now();
      if (left <= 0) return undefined;
      let timer: ReturnType<typeof setTimeout> | undefined;
      await new Promise<void>((resolve) => {
        this.#waiters.push(resolve);
        timer = setTimeout(resolve, left);
      });
      clearTimeout(timer);
    }
  }

  /** Stops the monitor. */
  async stop(): Promise<void> {
    try {
      this.#child.kill("SIGKILL");
    } catch {
      // already gone
    }
    await this.#child.status;
    await this.#done.catch(() => {});
  }
}
