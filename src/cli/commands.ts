/**
 * The table of edge6 subcommands. Each command lives in its own file, loaded
 * only when it runs (or for `edge6 --help`): `edge6 status` does not load the
 * agent, nor `edge6 run` the lab, so short commands start as fast as Deno
 * allows and the agent holds no code it never runs.
 * @module
 */
import type { Command } from "./command.ts";

/** A subcommand by name, with the loader of its module. */
export interface CommandEntry {
  /** The word typed after `edge6`. */
  readonly name: string;
  /** Loads the command's module. */
  readonly load: () => Promise<Command>;
}

/** Every subcommand, in the order `edge6 --help` lists them (README's Commands table order). */
export const commands: readonly CommandEntry[] = [
  { name: "run", load: async () => (await import("./run.ts")).runCommand },
  { name: "status", load: async () => (await import("./status.ts")).statusCommand },
  { name: "renew", load: async () => (await import("./renew.ts")).renewCommand },
  { name: "rebind", load: async () => (await import("./rebind.ts")).rebindCommand },
  { name: "release", load: async () => (await import("./release.ts")).releaseCommand },
  { name: "reload", load: async () => (await import("./reload.ts")).reloadCommand },
  { name: "check", load: async () => (await import("./check.ts")).checkCommand },
  { name: "convert", load: async () => (await import("./convert.ts")).convertCommand },
  { name: "decode", load: async () => (await import("./decode.ts")).decodeCommand },
  { name: "lab", load: async () => (await import("./lab.ts")).labCommand },
];

/** Every command loaded, in table order (for `edge6 --help` and the man page). */
export function loadCommands(): Promise<Command[]> {
  return Promise.all(commands.map((c) => c.load()));
}
