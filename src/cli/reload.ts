/**
 * `edge6 reload`: re-read the configuration, as SIGHUP.
 * @module
 */
import type { Command } from "./command.ts";
import { controlCommand } from "./control_command.ts";

/** The `reload` subcommand. */
export const reloadCommand: Command = controlCommand(
  "reload",
  "re-read the configuration (as SIGHUP)",
  "Asks the running agent to reload its configuration: unchanged interfaces are\n" +
    "left alone, changed ones restart what changed, an invalid file is refused\n" +
    "(and the running configuration kept).",
  false,
);
