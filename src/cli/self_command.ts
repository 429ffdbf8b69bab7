/**
 * How to start this same edge6 as a child process (the detached agent of
 * daemon mode, the agent of `edge6 lab`): the same runtime, with the same
 * runtime flags (the daemon's V8 flags of config/v8-flags, the packaged
 * deno.json, `--cached-only`) as this process was started with.
 * @module
 */

/**
 * The entry point that runs this edge6 under `deno run`, from the URL of
 * this module: main.ts of its tree, or, when this code was bundled into one
 * file (`deno task bundle`: dist/edge6.js), that file itself.
 */
export function entryPoint(moduleUrl: string): string {
  const url = new URL(moduleUrl);
  return url.pathname.endsWith("/src/cli/self_command.ts")
    ? new URL("../../main.ts", url).pathname
    : url.pathname;
}

/** Where main.ts (or the bundle) is, for running edge6 with `deno run`. */
const MAIN = entryPoint(import.meta.url);

/** The arguments of this process (/proc/self/cmdline), or undefined when they cannot be read. */
function ownArguments(): string[] | undefined {
  try {
    const text = new TextDecoder().decode(Deno.readFileSync("/proc/self/cmdline"));
    return text.split("\0").slice(0, -1);
  } catch {
    return undefined;
  }
}

/**
 * The argument vector that runs this edge6: the compiled executable itself
 * (its V8 flags are baked in), or, under `deno run`, the same deno with the
 * runtime arguments this process had before main.ts (read from `cmdline`,
 * this process's own argument list), so that the child has the wrappers' V8
 * flags and configuration too. Without them: `deno run` with the cached
 * dependencies (a process started in a network namespace or by an init
 * script may have no route to the package registry).
 */
export function selfCommand(
  execPath: string = Deno.execPath(),
  standalone: boolean = Deno.build.standalone ?? false,
  main: string = MAIN,
  cmdline: readonly string[] | undefined = standalone ? undefined : ownArguments(),
): string[] {
  if (standalone) return [execPath];
  const at = cmdline?.indexOf(main) ?? -1;
  if (cmdline !== undefined && at > 1 && cmdline[1] === "run") {
    return [execPath, ...cmdline.slice(1, at + 1)];
  }
  return [execPath, "run", "-A", "--quiet", "--cached-only", main];
}
