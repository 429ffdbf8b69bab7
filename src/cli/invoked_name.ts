/**
 * The name edge6 was started under. Installed in dhcp6c's place (a symlink
 * named `dhcp6c`, or the file itself at /usr/sbin/dhcp6c), edge6 is
 * `edge6 run`, so that service scripts written for dhcp6c run it unchanged.
 *
 * Deno gives a program no argv[0], so it is found where it can be: a compiled
 * edge6 reads its own from /proc/self/cmdline; under `deno run` argv[0] is
 * deno's, so install.sh's `edge6` wrapper script passes its own "$0" (the
 * name it was started under, which is `dhcp6c` through a symlink to it) in
 * {@link ARGV0_ENV}.
 * @module
 */
import { DETACHED_ENV } from "./detached_env.ts";

/** Set by install.sh's wrapper script to its "$0"; removed once read, so no child inherits it. */
export const ARGV0_ENV = "EDGE6_ARGV0";

/** The names under which edge6 is `edge6 run`. */
const RUN_NAMES: readonly string[] = ["dhcp6c"];

/** The last component of a path. */
export function baseName(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

/** argv[0] from the contents of /proc/PID/cmdline (NUL-separated arguments). */
export function firstArgument(cmdline: Uint8Array): string {
  const end = cmdline.indexOf(0);
  return new TextDecoder().decode(end < 0 ? cmdline : cmdline.subarray(0, end));
}

/** Where {@link invokedName} looks. */
export interface NameSources {
  /** The value of {@link ARGV0_ENV}, if set. */
  readonly argv0Env: string | undefined;
  /** Whether this is a compiled edge6 (`Deno.build.standalone`). */
  readonly standalone: boolean;
  /** Reads /proc/self/cmdline (only called for a compiled edge6). */
  readonly cmdline: () => Uint8Array;
}

/** The base name edge6 was started under; "edge6" when it cannot be known. */
export function invokedName(sources: NameSources): string {
  if (sources.argv0Env !== undefined && sources.argv0Env !== "") {
    return baseName(sources.argv0Env);
  }
  if (!sources.standalone) return "edge6";
  try {
    return baseName(firstArgument(sources.cmdline())) || "edge6";
  } catch {
    return "edge6";
  }
}

/** The edge6 command line for `args` given under `name`: `dhcp6c ARGS` is `edge6 run ARGS`. */
export function commandLine(name: string, args: readonly string[]): string[] {
  return RUN_NAMES.includes(name) ? ["run", ...args] : [...args];
}

/**
 * This process's edge6 command line. The detached agent of daemon mode is
 * always started as `edge6 run …` (even from a binary named dhcp6c), so its
 * name is not looked at.
 */
export function processCommandLine(): string[] {
  const argv0Env = Deno.env.get(ARGV0_ENV);
  if (argv0Env !== undefined) Deno.env.delete(ARGV0_ENV);
  if (Deno.env.get(DETACHED_ENV) === "1") return [...Deno.args];
  const name = invokedName({
    argv0Env,
    standalone: Deno.build.standalone ?? false,
    cmdline: () => Deno.readFileSync("/proc/self/cmdline"),
  });
  return commandLine(name, Deno.args);
}
