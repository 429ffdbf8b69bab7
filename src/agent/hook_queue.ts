/**
 * When an interface's hook runs: the engine asks for it with a `hook` action
 * after the kernel changes of an event (OPNsense's order: addresses and
 * prefixes are set first), and the run is handed to the hook port, which runs
 * one script at a time per interface, in order. The loop never waits for a
 * script; it only waits for the runs still going when the agent exits.
 * @module
 */
import { errorText } from "./errors.ts";
import type { HookPort, HookRequest, Logger } from "./ports.ts";

/** The hook runs of the agent that have not finished yet. */
export class HookQueue {
  readonly #port: HookPort;
  readonly #logger: Logger;
  readonly #running = new Set<Promise<void>>();

  /** A queue over `port`; failures are logged, never thrown. */
  constructor(port: HookPort, logger: Logger) {
    this.#port = port;
    this.#logger = logger;
  }

  /**
   * Starts `request` behind the interface's earlier runs and returns at once
   * with a promise of its end (never rejected), for the one caller that must
   * know: a Release waits for its hook (`upstream_runtime.ts`).
   */
  enqueue(request: HookRequest): Promise<void> {
    const running = this.#port.run(request).catch((error) =>
      this.#logger.log(
        "error",
        `${request.interfaceName}: hook ${request.script} failed: ${errorText(error)}`,
      )
    );
    this.#running.add(running);
    running.finally(() => this.#running.delete(running));
    return running;
  }

  /** Resolves once every run started so far has ended. */
  async idle(): Promise<void> {
    await Promise.allSettled([...this.#running]);
  }
}
