/**
 * The table of edge6 subcommands. Each command lives in its own file.
 * @module
 */
import type { Command } from "./command.ts";
import { decodeCommand } from "./decode.ts";

/** Every subcommand, in the order `edge6 --help` lists them. */
export const commands: readonly Command[] = [
  decodeCommand,
];
