/**
 * Helpers for the tests that run edge6 as dhcp6c is run by service scripts:
 * the `edge6` wrapper install.sh writes (where `deno compile` cannot run)
 * with a `dhcp6c` symlink to it, a private mount namespace in the lab's router
 * namespace with files bind-mounted over the system's (so that what the
 * scripts read and what edge6 writes by default stays in the test's
 * directory), a hook that records its calls, and looks at a detached agent
 * through /proc.
 */
import { readV8Flags, v8FlagsArgument } from "../../scripts/v8_flags.ts";
import type { ExecResult } from "../../src/agent/lab/exec.ts";
import { eventually } from "./harness.ts";

const MAIN = new URL("../../main.ts", import.meta.url).pathname;

/**
 * Writes `DIR/bin/edge6`, the wrapper script install.sh installs (it passes
 * its own name on in EDGE6_ARGV0), and `DIR/bin/dhcp6c`, a symlink to it.
 * Returns the two paths.
 */
export async function installWrapper(dir: string): Promise<{ edge6: string; dhcp6c: string }> {
  await Deno.mkdir(`${dir}/bin`, { recursive: true });
  const edge6 = `${dir}/bin/edge6`;
  // As install.sh's wrapper: the daemon's V8 flags from config/v8-flags.
  const v8 = v8FlagsArgument(await readV8Flags()).join(" ");
  await Deno.writeTextFile(
    edge6,
    `#!/bin/sh\nEDGE6_ARGV0="$0" exec "${Deno.execPath()}" run ${v8} -A --quiet --cached-only "${MAIN}" "$@"\n`,
    { mode: 0o755 },
  );
  const dhcp6c = `${dir}/bin/dhcp6c`;
  await Deno.symlink(edge6, dhcp6c);
  return { edge6, dhcp6c };
}

/** A bind mount: `source` (in the test's directory) over `target` (the system's path). */
export type BindMount = readonly [source: string, target: string];

/**
 * Runs `argv` in network namespace `ns`, in a private mount namespace where
 * each of `mounts` is bound over its target. The mount commands get the paths
 * as arguments (never spliced into the shell text); systemd's redirection of
 * init scripts to systemctl is turned off, as it would act outside.
 */
export async function execWithMounts(
  ns: string,
  mounts: readonly BindMount[],
  argv: readonly string[],
): Promise<ExecResult> {
  const script =
    'while [ "$1" != -- ]; do mount --bind "$1" "$2" || exit 97; shift 2; done; shift; exec "$@"';
  const output = await new Deno.Command("ip", {
    args: [
      "netns",
      "exec",
      ns,
      "unshare",
      "--mount",
      "--propagation",
      "private",
      "sh",
      "-c",
      script,
      "sh",
      ...mounts.flat(),
      "--",
      ...argv,
    ],
    env: { SYSTEMCTL_SKIP_REDIRECT: "1", _SYSTEMCTL_SKIP_REDIRECT: "1" },
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder();
  return {
    code: output.code,
    stdout: text.decode(output.stdout),
    stderr: text.decode(output.stderr),
  };
}

/** The hook that records each call: its REASON in order, and its environment per reason. */
export interface RecordingHook {
  /** The script's path. */
  readonly path: string;
  /** The REASONs of the calls so far, in order. */
  reasons(): Promise<string[]>;
  /** Waits (up to `seconds`) until a call with `reason` has been made `count` times. */
  waitFor(reason: string, seconds: number, count?: number): Promise<void>;
  /** The environment of the last call with `reason`, as NAME=value lines. */
  environment(reason: string): Promise<string>;
}

/** Writes a {@link RecordingHook} into `dir`. */
export async function recordingHook(dir: string): Promise<RecordingHook> {
  const path = `${dir}/hook.sh`;
  await Deno.writeTextFile(
    path,
    `#!/bin/sh\nenv | sort > "${dir}/hook-$REASON.env"\necho "$REASON" >> "${dir}/hook.log"\n`,
    { mode: 0o755 },
  );
  const reasons = async () => {
    try {
      return (await Deno.readTextFile(`${dir}/hook.log`)).split("\n").filter((l) => l !== "");
    } catch {
      return [];
    }
  };
  return {
    path,
    reasons,
    async waitFor(reason, seconds, count = 1) {
      await eventually(`the hook's ${reason} call #${count}`, seconds, async () => {
        const seen = (await reasons()).filter((r) => r === reason).length;
        return seen >= count ? true : undefined;
      });
    },
    environment: (reason) => Deno.readTextFile(`${dir}/hook-${reason}.env`),
  };
}

/** Whether process `pid` exists (and is not a zombie). */
export function alive(pid: number): boolean {
  try {
    const stat = Deno.readTextFileSync(`/proc/${pid}/stat`);
    return stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z";
  } catch {
    return false;
  }
}

/** What /proc tells of a detached agent: its session and its standard streams. */
export function detachment(pid: number): { session: number; streams: string[] } {
  const stat = Deno.readTextFileSync(`/proc/${pid}/stat`);
  const session = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[3]);
  const streams = [0, 1, 2].map((fd) => Deno.readLinkSync(`/proc/${pid}/fd/${fd}`));
  return { session, streams };
}

/** The pid in a pid file, once it exists. */
export async function pidIn(path: string, seconds = 5): Promise<number> {
  return await eventually(`the pid file ${path}`, seconds, async () => {
    const text = await Deno.readTextFile(path);
    return /^\d+\n$/.test(text) ? Number(text) : undefined;
  });
}

/**
 * Ends an agent that a failed test may have left running (a detached agent
 * outlives its lab), if `pid` is still an edge6 of this checkout.
 */
export function killIfAlive(pid: number | undefined): void {
  if (pid === undefined || !alive(pid)) return;
  try {
    if (!Deno.readTextFileSync(`/proc/${pid}/cmdline`).includes(MAIN)) return;
  } catch {
    return;
  }
  try {
    Deno.kill(pid, "SIGKILL");
  } catch {
    // It ended meanwhile.
  }
}
