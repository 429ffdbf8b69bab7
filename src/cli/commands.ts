/**
 * The table of edge6 subcommands. Each command lives in its own file.
 * @module
 */
import type { Command } from "./command.ts";
import { decodeCommand } from "./decode.ts";
import { runCommand } from "./run.ts";
import { statusCommand } from "./status.ts";
import { renewCommand } from "./renew.ts";
import { rebindCommand } from "./rebind.ts";
import { releaseCommand } from "./release.ts";
import { reloadCommand } from "./reload.ts";
import { labCommand } from "./lab.ts";
import { checkCommand } from "./check.ts";
import { convertCommand } from "./convert.ts";

/** Every subcommand, in the order `edge6 --help` lists them (README's Commands table order). */
export const commands: readonly Command[] = [
  runCommand,
  statusCommand,
  renewCommand,
  rebindCommand,
  releaseCommand,
  reloadCommand,
  checkCommand,
  convertCommand,
  decodeCommand,
  labCommand,
];
