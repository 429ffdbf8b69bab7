/**
 * `STATE_DIR/status.json`: the status document of `edge6 status --json`,
 * written atomically whenever what it reports changed, for tools that do not
 * talk to the control socket.
 * @module
 */
import { writeFileAtomic } from "./atomic_write.ts";
import { errorText } from "./errors.ts";
import type { Logger } from "./ports.ts";

/** Writes `document` as `dir/status.json`; a failure is logged, not thrown. */
export async function writeStateFile(
  dir: string,
  document: unknown,
  logger: Logger,
): Promise<void> {
  const path = `${dir}/status.json`;
  try {
    const json = JSON.stringify(document, null, 2) + "\n";
    await writeFileAtomic(path, new TextEncoder().encode(json), 0o644);
  } catch (error) {
    logger.log("warn", `writing ${path} failed: ${errorText(error)}`);
  }
}
