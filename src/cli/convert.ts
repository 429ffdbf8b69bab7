/**
 * `edge6 convert FILE`: prints a configuration (usually a dhcp6c.conf) as
 * edge6 TOML.
 * @module
 */
import type { Command, CommandIo } from "./command.ts";
import { loadConfigFile } from "../config/load.ts";
import { parseCommandArgs } from "./parse_command_args.ts";
import { formatMessage } from "../config/message.ts";
import { emitToml } from "../config/toml_emit.ts";

const ONE_FILE = {
  options: {},
  minPositionals: 1,
  maxPositionals: 1,
  positionals: "exactly one FILE",
};

/** The `convert` subcommand. */
export const convertCommand: Command = {
  name: "convert",
  summary: "print a dhcp6c.conf (or TOML) configuration as edge6 TOML",
  usage: ["edge6 convert FILE"],
  description: `Reads FILE (a dhcp6c.conf, or an edge6 TOML file) and prints the equivalent
edge6 TOML on standard output. Every statement that has no effect on a
client, and every value that had to be adjusted, is kept as a comment above
the key it concerns. Loading the printed TOML gives the same configuration
as loading FILE.

If FILE has errors, prints each to standard error as FILE:LINE:COL … and
prints nothing on standard output.`,
  options: ONE_FILE.options,
  operands: [{ name: "FILE", text: "the configuration to convert" }],
  exitStatus: "0 on success, 1 if FILE has errors or cannot be read, 2 for a usage error.",
  async run(args: string[], io: CommandIo): Promise<number> {
    const parsed = parseCommandArgs("convert", args, ONE_FILE, io);
    if (parsed === undefined) return 2;
    const file = parsed.positionals[0]!;
    const result = await loadConfigFile(file);
    if (!result.ok) {
      for (const e of result.errors) io.err(`${formatMessage(e)}\n`);
      return 1;
    }
    io.out(emitToml(result.config, result.warnings, file));
    return 0;
  },
};
