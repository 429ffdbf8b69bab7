/**
 * How to start this same edge6 as a child process (the detached agent of
 * daemon mode, the agent of `edge6 lab`).
 * @module
 */

/** Where main.ts is, for running edge6 with `deno run`. */
const MAIN = new URL("../../main.ts", import.meta.url).pathname;

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
