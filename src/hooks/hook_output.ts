/**
 * A hook's stdout and stderr into the log, line by line (stdout at info,
 * stderr at notice), within one budget of lines per run and `MAX_LINE` bytes
 * per line (`line_reader.ts`); whatever is beyond is counted and reported in
 * one line when the run ends, never kept.
 * @module
 */
import type { Logger } from "../log/logger.ts";
import { LineBudget, MAX_LINE, readLines } from "./line_reader.ts";

/** The output of one running hook being logged. */
export interface HookOutput {
  /**
   * After the script exited: reads what is still coming for at most
   * `drainMs` (a background child of the script may hold the pipes open),
   * stops, and reports the output that was not logged, naming the run `what`.
   */
  finish(drainMs: number, what: string): Promise<void>;
}

/** Starts logging `child`'s output as `hook IFACE stdout: …` lines, at most `maxLines` of them. */
export function logHookOutput(
  child: {
    readonly stdout: ReadableStream<Uint8Array>;
    readonly stderr: ReadableStream<Uint8Array>;
  },
  logger: Logger,
  interfaceName: string,
  maxLines: number,
): HookOutput {
  const budget = new LineBudget(maxLines);
  const onLine = (stream: "stdout" | "stderr") => (line: string, cut: number) => {
    logger.log(
      stream === "stdout" ? "info" : "notice",
      `hook ${interfaceName} ${stream}: ${line}${
        cut > 0 ? ` [line cut at ${MAX_LINE} bytes: ${cut} more not logged]` : ""
      }`,
    );
  };
  const out = readLines(child.stdout, onLine("stdout"), budget);
  const err = readLines(child.stderr, onLine("stderr"), budget);
  return {
    async finish(drainMs, what) {
      // A background child of the script may hold the pipes open: read what
      // it writes for a short while, then stop listening (it keeps running,
      // as under dhcp6c, unless the timeout killed its group).
      let drainTimer: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([
        Promise.all([out.done, err.done]),
        new Promise<void>((resolve) => drainTimer = setTimeout(resolve, drainMs)),
      ]);
      clearTimeout(drainTimer);
      await Promise.all([out.cancel(), err.cancel()]);
      if (budget.droppedBytes > 0) {
        logger.notice(
          `${what}: output beyond ${maxLines} lines not logged: ${budget.droppedBytes} bytes`,
        );
      }
    },
  };
}
