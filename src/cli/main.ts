/**
 * Dispatches `edge6 COMMAND …` to a subcommand, loading only that command's
 * module (see commands.ts).
 * @module
 */
import { type CommandIo, processIo } from "./command.ts";
import { commands, loadCommands } from "./commands.ts";
import { VERSION } from "../version.ts";
import { renderHelp } from "./help_text.ts";
import { flagOf } from "./command.ts";
import { GLOBAL_OPTIONS, GLOBAL_SHORT, PROGRAM_SUMMARY } from "./program.ts";

/** The top-level help text, generated from the command table (it loads every command). */
export async function topLevelHelp(): Promise<string> {
  const width = Math.max(...commands.map((c) => c.name.length));
  const loaded = await loadCommands();
  const lines = loaded.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  const labels = Object.entries(GLOBAL_OPTIONS).map(([name, o]) =>
    [`-${GLOBAL_SHORT[name as keyof typeof GLOBAL_SHORT]}, ${flagOf(name)}`, o.text] as const
  );
  const labelWidth = Math.max(...labels.map(([l]) => l.length));
  const global = labels.map(([l, text]) => `  ${l.padEnd(labelWidth)}  ${text}`);
  return [
    `edge6 ${VERSION}: ${PROGRAM_SUMMARY}`,
    "",
    "Usage: edge6 COMMAND [OPTIONS] [ARGS]",
    "",
    "Commands:",
    ...lines,
    "",
    "Options:",
    ...global,
    "",
    "Run `edge6 COMMAND --help` for a command's options; `man edge6` describes them all.",
    "",
  ].join("\n");
}

/**
 * What `edge6 --version` prints: the edge6 version and the Deno runtime it
 * runs on (compiled in, for the single binary), with its V8.
 */
export function versionLine(): string {
  return `edge6 ${VERSION} (deno ${Deno.version.deno}, v8 ${Deno.version.v8})`;
}

/** Runs edge6 with the given arguments; resolves to the exit code. */
export async function main(args: string[], io: CommandIo = processIo): Promise<number> {
  const [name, ...rest] = args;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    io.out(await topLevelHelp());
    return name === undefined ? 2 : 0;
  }
  if (name === "--version" || name === "-V" || name === "version") {
    io.out(`${versionLine()}\n`);
    return 0;
  }
  const entry = commands.find((c) => c.name === name);
  if (entry === undefined) {
    io.err(`edge6: unknown command "${name}"; run \`edge6 --help\` for the list\n`);
    return 2;
  }
  const command = await entry.load();
  if (rest.includes("--help") || rest.includes("-h")) {
    io.out(renderHelp(command));
    return 0;
  }
  return await command.run(rest, io);
}
