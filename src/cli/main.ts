/**
 * Dispatches `edge6 COMMAND …` to a subcommand.
 * @module
 */
import { type CommandIo, processIo } from "./command.ts";
import { commands } from "./commands.ts";
import { VERSION } from "../version.ts";

/** The top-level help text, generated from the command table (it loads every command). */
export async function topLevelHelp(): Promise<string> {
  const width = Math.max(...commands.map((c) => c.name.length));
  const loaded = await Promise.all(commands.map((c) => c.load()));
  const lines = loaded.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return [
    `edge6 ${VERSION}: a DHCPv6 client agent for edge routers`,
    "",
    "Usage: edge6 COMMAND [OPTIONS] [ARGS]",
    "",
    "Commands:",
    ...lines,
    "",
    "Run `edge6 COMMAND --help` for a command's options.",
    "",
  ].join("\n");
}

/** Runs edge6 with the given arguments; resolves to the exit code. */
export async function main(args: string[], io: CommandIo = processIo): Promise<number> {
  const [name, ...rest] = args;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    io.out(await topLevelHelp());
    return name === undefined ? 2 : 0;
  }
  if (name === "--version" || name === "-V" || name === "version") {
    io.out(`edge6 ${VERSION}\n`);
    return 0;
  }
  const entry = commands.find((c) => c.name === name);
  if (entry === undefined) {
    io.err(`edge6: unknown command "${name}"; run \`edge6 --help\` for the list\n`);
    return 2;
  }
  const command = await entry.load();
  if (rest.includes("--help") || rest.includes("-h")) {
    io.out(command.help.endsWith("\n") ? command.help : command.help + "\n");
    return 0;
  }
  return await command.run(rest, io);
}
