/**
 * `STATE_DIR/status.json`: the status document of `edge6 status --json`,
 * written atomically whenever what it reports changed, for tools that do not
 * talk to the control socket.
 * @module
 */
import { writeFileAtomic } from "./atomic_write.ts";
import type { Logger } from "./ports.ts";
import { SaveReporter } from "./save_reporter.ts";

/**
 * The state file of a running agent. A failed write (a full disk) is logged
 * once per kind of failure, not at every change; the previous file stays
 * whole and the next change writes it again.
 */
export class StateFile {
  readonly #reporter: SaveReporter;

  /** A state file whose failures go to `logger`. */
  constructor(logger: Logger) {
    this.#reporter = new SaveReporter(logger);
  }

  /** Writes `document` as `dir/status.json`; true when that worked. Never throws. */
  write(dir: string, document: unknown): Promise<boolean> {
    const path = `${dir}/status.json`;
    return this.#reporter.attempt(`writing ${path}`, async () => {
      const json = JSON.stringify(document, null, 2) + "\n";
      await writeFileAtomic(path, new TextEncoder().encode(json), 0o644);
    });
  }
}
