/**
 * Runs hook scripts (dhcp6c's `script` statement) after the kernel changes of
 * an event are applied.
 *
 * - Like dhcp6c, the script is executed directly with no arguments (argv is
 *   just the script's path) and the reason in `REASON`; never through a shell.
 * - The environment is exactly the hook environment plus `PATH` (dhcp6c gives
 *   its scripts nothing else either; `PATH` is added so that scripts can call
 *   `ip`, `logger`, … by name). Nothing of the agent's environment leaks in.
 * - stdin is /dev/null; stdout and stderr are read line by line into the log
 *   (stdout at info, stderr at notice, escaped), at most `maxLoggedLines`
 *   lines per run of at most 4096 bytes each (`line_reader.ts`); the rest
 *   is read and counted, never kept, so that a hook flooding its output
 *   costs the agent neither memory nor a stalled loop.
 * - The working directory is `/`, as for dhcp6c running as a daemon.
 * - Only descriptors 0–2 reach the script: before each run, descriptors that
 *   would survive exec are marked close-on-exec (with the FFI helper given as
 *   `setCloseOnExec`) or, without it, reported once in the log.
 * - The script leads its own process group and session: it is started through
 *   util-linux `setsid(1)` (`setsid --wait SCRIPT`), which calls setsid(2) and
 *   then execs the script in place. The spawned child is never a process-group
 *   leader, so setsid does not fork and the script keeps the pid we spawned;
 *   that pid is the process group id. When the timeout (30 s by default)
 *   expires, SIGKILL goes to the whole group (`kill(-pid)`), so children the
 *   script started die with it, and the agent carries on. If setsid(1) is not
 *   installed, the script runs in the agent's group and only its own process
 *   is killed (a warning says so once).
 * - Runs for one interface are serialised in the order they were asked for;
 *   different interfaces run in parallel. At most `maxQueuedRuns` wait
 *   behind a running one (`serial_queues.ts`): behind a hook that hangs until
 *   its timeout, the oldest waiting runs are skipped rather than piling up.
 * - Like dhcp6c's safefile(), the script must be a regular file owned by the
 *   agent's user; edge6 also refuses one writable by group or others.
 * @module
 */
import type { Logger } from "../log/logger.ts";
import type { SetCloseOnExec } from "./close_on_exec.ts";
import { inheritableDescriptors } from "./fd_audit.ts";
import { logHookOutput } from "./hook_output.ts";
import { SerialQueues } from "./serial_queues.ts";

/** The default hook timeout, in milliseconds. */
export const DEFAULT_HOOK_TIMEOUT_MS = 30_000;

/** The `PATH` hooks get unless the environment sets one. */
export const DEFAULT_HOOK_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

/** Where setsid(1) is looked for. */
const SETSID_CANDIDATES = ["/usr/bin/setsid", "/bin/setsid"];

/** How a hook run ended. */
export interface HookResult {
  /** The exit status; 128+N after signal N; -1 when the script could not be started. */
  readonly exitCode: number;
  /** The signal that ended the script, if any. */
  readonly signal: Deno.Signal | null;
  /** True when the timeout expired and the process group was killed. */
  readonly timedOut: boolean;
  /** Wall time from spawn to exit, in milliseconds. */
  readonly durationMs: number;
  /** Why the script could not be started, if it could not. */
  readonly error?: string;
}

/** Per-interface hook counters, for `edge6 status`. */
export interface HookCounters {
  /** Hooks started or refused, since the agent started. */
  run: number;
  /** Hooks that were refused, could not start, timed out or exited non-zero. */
  failed: number;
  /** Hooks killed at the timeout (also counted in `failed`). */
  timedOut: number;
}

/** Settings of a {@link HookRunner}. */
export interface HookRunnerOptions {
  /** Where start, exit, output lines and failures of hooks are logged. */
  readonly logger: Logger;
  /** Kill the hook's process group after this many milliseconds; default 30 000. */
  readonly timeoutMs?: number;
  /** setsid(1) path; default the first of /usr/bin/setsid, /bin/setsid; null: do not use it. */
  readonly setsid?: string | null;
  /** `PATH` for hooks; default {@link DEFAULT_HOOK_PATH}. */
  readonly path?: string;
  /** Marks a descriptor close-on-exec (ffi); without it leaks are only reported. */
  readonly setCloseOnExec?: SetCloseOnExec;
  /** Lines of output logged per run, stdout and stderr together; default 200. */
  readonly maxLoggedLines?: number;
  /**
   * Runs of one interface that may wait behind a running one; past that the
   * oldest waiting run is skipped (logged); default 32.
   */
  readonly maxQueuedRuns?: number;
  /** After the script exits, how long to keep reading output a background child holds open; default 1000 ms. */
  readonly drainMs?: number;
  /** Skip the ownership and mode checks of the script (tests running as non-root). */
  readonly skipSafetyCheck?: boolean;
  /** Milliseconds for durations; default `performance.now`. */
  readonly clock?: () => number;
}

/** One hook run to queue. */
export interface HookJob {
  /** The interface the event belongs to: runs are serialised per interface. */
  readonly interfaceName: string;
  /** The script path. */
  readonly script: string;
  /** The environment, from buildHookEnvironment (environment.ts). */
  readonly env: Readonly<Record<string, string>>;
}

/** Runs hooks one at a time per interface; see the module doc. */
export class HookRunner {
  readonly #o: HookRunnerOptions;
  readonly #queues: SerialQueues<HookResult>;
  readonly #counters = new Map<string, HookCounters>();
  readonly #reportedLeaks = new Set<number>();
  #setsid: string | null | undefined;

  /** A runner with `options`; nothing is started until {@link run}. */
  constructor(options: HookRunnerOptions) {
    this.#o = options;
    this.#setsid = options.setsid;
    this.#queues = new SerialQueues(options.maxQueuedRuns ?? 32);
  }

  /**
   * Queues `job` behind earlier runs for the same interface and resolves when
   * it has finished. Never rejects: failures are in the result and the log.
   */
  run(job: HookJob): Promise<HookResult> {
    return this.#queues.add(job.interfaceName, () => this.#runNow(job), () => this.#skipped(job));
  }

  /** Resolves when every run queued so far (for one interface, or all) has finished. */
  async idle(interfaceName?: string): Promise<void> {
    await this.#queues.idle(interfaceName);
  }

  /** The counters of one interface (zeros when it never ran a hook). */
  counters(interfaceName: string): HookCounters {
    return { ...(this.#counters.get(interfaceName) ?? { run: 0, failed: 0, timedOut: 0 }) };
  }

  async #runNow(job: HookJob): Promise<HookResult> {
    const log = this.#o.logger;
    const what = `hook ${job.script} for ${job.interfaceName} (${job.env.REASON ?? "?"})`;
    const counters = this.#counters.get(job.interfaceName) ?? { run: 0, failed: 0, timedOut: 0 };
    this.#counters.set(job.interfaceName, counters);
    counters.run++;
    const clock = this.#o.clock ?? (() => performance.now());
    const started = clock();
    const refusal = this.#o.skipSafetyCheck ? undefined : unsafeScript(job.script);
    if (refusal !== undefined) {
      counters.failed++;
      log.error(`${what} not run: ${refusal}`);
      return { exitCode: -1, signal: null, timedOut: false, durationMs: 0, error: refusal };
    }
    this.#sealDescriptors();
    const setsid = this.#findSetsid();
    const [command, args] = setsid === null
      ? [job.script, [] as string[]]
      : [setsid, ["--wait", job.script]];
    let child: Deno.ChildProcess;
    try {
      child = new Deno.Command(command, {
        args,
        clearEnv: true,
        // In "/", no word of a value (e.g. "2001:db8::/56") names a relative path.
        cwd: "/",
        env: { PATH: this.#o.path ?? DEFAULT_HOOK_PATH, ...job.env },
        stdin: "null",
        stdout: "piped",
        stderr: "piped",
      }).spawn();
    } catch (e) {
      const error = e instanceof Error ? e.message : String(e);
      counters.failed++;
      log.error(`${what} could not be started: ${error}`);
      return { exitCode: -1, signal: null, timedOut: false, durationMs: 0, error };
    }
    log.debug(`${what} started, pid ${child.pid}`);

    const output = logHookOutput(
      child,
      log,
      job.interfaceName,
      this.#o.maxLoggedLines ?? 200,
    );

    let timedOut = false;
    const timeoutMs = this.#o.timeoutMs ?? DEFAULT_HOOK_TIMEOUT_MS;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child.pid, setsid !== null);
    }, timeoutMs);
    const status = await child.status;
    clearTimeout(timer);
    const durationMs = clock() - started;

    await output.finish(this.#o.drainMs ?? 1000, what);

    const result: HookResult = {
      exitCode: status.code,
      signal: status.signal,
      timedOut,
      durationMs,
    };
    if (timedOut) {
      counters.failed++;
      counters.timedOut++;
      log.error(`${what} killed after ${timeoutMs} ms`);
    } else if (status.code !== 0) {
      counters.failed++;
      log.warn(
        `${what} failed: ${status.signal ? `signal ${status.signal}` : `exit ${status.code}`}`,
      );
    } else {
      log.debug(`${what} done in ${Math.round(durationMs)} ms`);
    }
    return result;
  }

  /** A run pushed out of the queue by later ones while an earlier run hung. */
  #skipped(job: HookJob): HookResult {
    const counters = this.#counters.get(job.interfaceName) ?? { run: 0, failed: 0, timedOut: 0 };
    this.#counters.set(job.interfaceName, counters);
    counters.run++;
    counters.failed++;
    const error = `skipped: more than ${
      this.#o.maxQueuedRuns ?? 32
    } later runs were waiting behind one still running`;
    this.#o.logger.warn(
      `hook ${job.script} for ${job.interfaceName} (${job.env.REASON ?? "?"}) ${error}`,
    );
    return { exitCode: -1, signal: null, timedOut: false, durationMs: 0, error };
  }

  #findSetsid(): string | null {
    if (this.#setsid !== undefined) return this.#setsid;
    this.#setsid = SETSID_CANDIDATES.find(isExecutableFile) ?? null;
    if (this.#setsid === null) {
      this.#o.logger.warn(
        "setsid(1) not found: hooks run in the agent's process group and a timeout kills only the script itself",
      );
    }
    return this.#setsid;
  }

  /** Makes sure no descriptor above 2 survives into the hook. */
  #sealDescriptors(): void {
    let leaks: number[];
    try {
      leaks = inheritableDescriptors();
    } catch {
      return; // no /proc: nothing to check with
    }
    for (const fd of leaks) {
      if (this.#o.setCloseOnExec) {
        try {
          this.#o.setCloseOnExec(fd);
          continue;
        } catch (e) {
          if (!this.#reportedLeaks.has(fd)) {
            this.#o.logger.warn(`cannot make descriptor ${fd} close-on-exec: ${String(e)}`);
          }
        }
      } else if (!this.#reportedLeaks.has(fd)) {
        this.#o.logger.warn(`descriptor ${fd} is not close-on-exec and will reach hook scripts`);
      }
      this.#reportedLeaks.add(fd);
    }
  }
}

/** Why `path` must not be run as a hook, or undefined when it may. */
export function unsafeScript(path: string): string | undefined {
  let info: Deno.FileInfo;
  try {
    info = Deno.statSync(path);
  } catch (e) {
    return `cannot stat: ${e instanceof Error ? e.message : String(e)}`;
  }
  if (!info.isFile) return "not a regular file";
  const uid = Deno.uid();
  if (uid !== null && info.uid !== uid) return `owned by uid ${info.uid}, not ${uid}`;
  const mode = info.mode ?? 0;
  if ((mode & 0o022) !== 0) {
    return `writable by group or others (mode ${(mode & 0o777).toString(8)})`;
  }
  if ((mode & 0o100) === 0) return "not executable by its owner";
  return undefined;
}

function isExecutableFile(path: string): boolean {
  try {
    const info = Deno.statSync(path);
    return info.isFile && ((info.mode ?? 0) & 0o111) !== 0;
  } catch {
    return false;
  }
}

/**
 * SIGKILL to the script's process group, or to the script alone. Before
 * setsid(1) has called setsid(2) the group does not exist yet (ESRCH); the
 * script has then not been exec'd and has no children, so killing the pid is
 * enough.
 */
function killGroup(pid: number, ownGroup: boolean): void {
  if (ownGroup) {
    try {
      Deno.kill(-pid, "SIGKILL");
      return;
    } catch {
      // fall through to the process itself
    }
  }
  try {
    Deno.kill(pid, "SIGKILL");
  } catch {
    // already gone
  }
}
