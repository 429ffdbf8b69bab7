/**
 * `edge6 check FILE`: validates a configuration (TOML or dhcp6c.conf).
 * @module
 */
import type { Command, CommandIo } from "./command.ts";
import { loadConfigFile } from "../config/load.ts";
import { parseCommandArgs } from "./parse_command_args.ts";
import { formatMessage } from "../config/message.ts";
import { summarizeInterface, summarizeProfile } from "../config/summary.ts";
import { summarizeLan } from "../config/lan.ts";

const ONE_FILE = {
  options: {},
  minPositionals: 1,
  maxPositionals: 1,
  positionals: "exactly one FILE",
};

/** The `check` subcommand. */
export const checkCommand: Command = {
  name: "check",
  summary: "validate a configuration file (TOML or dhcp6c.conf)",
  usage: ["edge6 check FILE"],
  description: `Reads FILE, an edge6 TOML configuration or a dhcp6c.conf (told apart by
content), and validates all of it.

Valid: prints one line per interface (what it asks for and where delegated
prefixes go), then one per profile (Debian's dhcp6c "profile NAME", run with
edge6 run -P NAME IFACE…) and one per [lan.NAME] table (what is served there),
and exits 0. Notes (statements with no effect on a client, values that were
adjusted) go to standard error as "note: …".

Invalid: prints every error to standard error as
  FILE:LINE:COL key.path: what was found, what was expected
and exits 1.`,
  options: ONE_FILE.options,
  operands: [{ name: "FILE", text: "the configuration to check" }],
  exitStatus: "0 if the file is valid, 1 if it is not or cannot be read, 2 for a usage error.",
  async run(args: string[], io: CommandIo): Promise<number> {
    const parsed = parseCommandArgs("check", args, ONE_FILE, io);
    if (parsed === undefined) return 2;
    const file = parsed.positionals[0]!;
    const result = await loadConfigFile(file);
    for (const w of result.warnings) io.err(`note: ${formatMessage(w)}\n`);
    if (!result.ok) {
      for (const e of result.errors) io.err(`${formatMessage(e)}\n`);
      const n = result.errors.length;
      io.err(`edge6 check: ${n} error${n === 1 ? "" : "s"} in ${file}\n`);
      return 1;
    }
    for (const iface of result.config.interfaces) io.out(`${summarizeInterface(iface)}\n`);
    for (const profile of result.config.profiles ?? []) {
      io.out(`${summarizeProfile(profile)}\n`);
    }
    for (const lan of result.config.lan ?? []) io.out(`${summarizeLan(lan)}\n`);
    return 0;
  },
};
