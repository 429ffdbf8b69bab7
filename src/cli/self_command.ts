/**
 * How to start this same edge6 as a child process (the detached agent of
 * daemon mode, the agent of `edge6 lab`).
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

/**
 * The argument vector that runs this edge6: the compiled executable itself,
 * or, under `deno run`, the same deno with main.ts and the cached
 * dependencies (a process started in a network namespace or by an init
 * script may have no route to the package registry).
 */
export function selfCommand(
  execPath: string = Deno.execPath(),
  standalone: boolean = Deno.build.standalone ?? false,
  main: string = MAIN,
): string[] {
  return standalone ? [execPath] : [execPath, "run", "-A", "--quiet", "--cached-only", main];
}
