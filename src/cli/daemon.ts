/**
 * Daemon mode, as dhcp6c's (`edge6 run` without `-f`). Deno cannot fork, so
 * the command starts a second copy of itself with `Deno.Command` and waits
 * until that copy, the agent, is ready or has failed:
 *
 * - The child's standard output and error are pipes to the parent. Start-up
 *   refusals (port 546 taken, a bad configuration, not root) are written to
 *   standard error as in the foreground, and the parent repeats them and
 *   exits with the child's status.
 * - Once its pid file is written, the agent writes {@link readyLine} on
 *   standard output and moves its standard streams to /dev/null (or to the
 *   log file the configuration names). The parent then sees both pipes end
 *   and exits 0, leaving the agent running.
 *
 * The child leaves the parent's session with setsid(2), called through FFI
 * as its first act, rather than through util-linux's `setsid` program: the
 * agent then is the very process the parent started (the pid the parent
 * knows is the pid in the pid file), nothing depends on which `setsid` a
 * system ships (BusyBox's differs), and the FFI binding is needed anyway to
 * move the standard streams (dup2), which Deno cannot do either.
 * @module
 */
import type { CommandIo } from "./command.ts";
import { newSession, redirectStandardStreams } from "../../ffi/process.ts";
import { DETACHED_ENV } from "./detached_env.ts";

export { DETACHED_ENV };

/** How long the parent waits for the agent to be ready, by default. */
export const DEFAULT_START_TIMEOUT_MS = 60_000;

/** The line the agent writes on standard output once it runs with its pid file written. */
export function readyLine(pid: number): string {
  return `edge6: agent ready, pid ${pid}\n`;
}

/** Settings of {@link startDetached}. */
export interface StartDetachedOptions {
  /** Milliseconds to wait for the agent before giving up (default {@link DEFAULT_START_TIMEOUT_MS}). */
  readonly timeoutMs?: number;
}

/** All of a stream's bytes as text. */
async function readText(stream: ReadableStream<Uint8Array>): Promise<string> {
  return await new Response(stream).text();
}

/**
 * Starts `command` (this edge6's `run` with the same arguments) detached,
 * waits until it is ready or has failed, and resolves to the exit status for
 * the command line: 0 once the agent runs, otherwise the agent's own status
 * (never 0) after repeating what it said on `io`.
 */
export async function startDetached(
  command: readonly string[],
  io: CommandIo,
  options: StartDetachedOptions = {},
): Promise<number> {
  const [program, ...args] = command;
  if (program === undefined) throw new TypeError("startDetached: empty command");
  const child = new Deno.Command(program, {
    args,
    env: { [DETACHED_ENV]: "1" },
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const said = Promise.all([readText(child.stdout), readText(child.stderr)]);
  const timeoutMs = options.timeoutMs ?? DEFAULT_START_TIMEOUT_MS;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<"late">((resolve) => (timer = setTimeout(resolve, timeoutMs, "late")));
  const outcome = await Promise.race([said, late]);
  clearTimeout(timer);
  if (outcome === "late") {
    try {
      child.kill("SIGTERM");
    } catch {
      // it ended just now
    }
    await child.status;
    const [out, err] = await said;
    if (out !== "") io.out(out);
    io.err(err);
    io.err(
      `edge6: the agent (pid ${child.pid}) was not ready after ${
        timeoutMs / 1000
      } s, so it was stopped; run it with -f to watch it start\n`,
    );
    return 1;
  }
  const [out, err] = outcome;
  if (out === readyLine(child.pid)) {
    io.err(err);
    child.unref();
    return 0;
  }
  const status = await child.status;
  if (out !== "") io.out(out);
  if (err !== "") {
    io.err(err);
  } else {
    const how = status.signal !== null
      ? `was killed by ${status.signal}`
      : `exited with status ${status.code}`;
    io.err(
      `edge6: the agent ${how} while starting, without saying why; run it with -f to see its log\n`,
    );
  }
  return status.code !== 0 ? status.code : 1;
}

/** Whether this process is the detached agent started by {@link startDetached}. */
export function isDetachedAgent(env: (name: string) => string | undefined = Deno.env.get): boolean {
  return env(DETACHED_ENV) === "1";
}

/** What the detached agent does once it is ready. */
export interface DetachedAgent {
  /**
   * Tells the parent that the agent runs (its pid file is written), then
   * moves standard output and error to `logFile` (appended to), or to
   * /dev/null when there is none, and standard input to /dev/null.
   */
  ready(logFile: string | undefined): void;
}

/**
 * The detached agent's first act: leaves the parent's session (setsid(2), so
 * that no hang-up or Ctrl-C of the terminal reaches it), forgets
 * {@link DETACHED_ENV} (hooks must not inherit it), and moves to `/` so that
 * it keeps no directory busy. Relative paths must be made absolute before.
 */
export function enterDetachedAgent(): DetachedAgent {
  Deno.env.delete(DETACHED_ENV);
  newSession();
  Deno.chdir("/");
  return {
    ready(logFile) {
      const line = new TextEncoder().encode(readyLine(Deno.pid));
      try {
        let done = 0;
        while (done < line.length) done += Deno.stdout.writeSync(line.subarray(done));
      } catch {
        // The parent is gone (killed by whoever started it): run on regardless.
      }
      redirectStandardStreams(logFile ?? "/dev/null");
    },
  };
}
