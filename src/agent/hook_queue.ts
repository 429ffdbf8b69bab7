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

  /** Starts `request` behind the interface's earlier runs; returns at once. */
  enqueue(request: HookRequest): void {
    const running = this.#port.run(request).catch((error) =>
      this.#logger.log(
        "error",
        `${request.interfaceName}: hook ${request.script} failed: ${errorText(error)}`,
      )
    );
    this.#running.add(running);
    running.finally(() => this.#running.delete(running));
  }

  /** Resolves once every run started so far has ended. */
  async idle(): Promise<void> {
    await Promise.allSettled([...this.#running]);
  }
}
