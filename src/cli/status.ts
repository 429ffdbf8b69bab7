/**
 * `edge6 status`: what the running agent holds, per interface (state, leases,
 * delegated prefixes and LAN subnets, timers), as text or JSON.
 * @module
 */
import type { Command, CommandIo } from "./command.ts";
import { requestAgent } from "./control_target.ts";
import { parseCommandArgs } from "./parse_command_args.ts";
import { formatStatusText } from "../hooks/status_text.ts";
import { parseStatusDocument } from "../hooks/status_json.ts";

const HELP = `Usage: edge6 status [--json] [-c FILE | -s SOCKET] [IFACE]

Asks the running agent (over its control socket) what it holds.
  --json     print the status document as JSON
  -c FILE    configuration naming the control socket (default as edge6 run)
  -s SOCKET  the control socket itself
Exit status: 0 on success, 1 if the agent cannot be reached or refuses, 2 for a
usage error.
`;

/** The `status` subcommand. */
export const statusCommand: Command = {
  name: "status",
  summary: "show what the running agent holds",
  help: HELP,
  async run(args: string[], io: CommandIo): Promise<number> {
    const parsed = parseCommandArgs("status", args, {
      options: { json: { type: "boolean" }, c: { type: "string" }, s: { type: "string" } },
      maxPositionals: 1,
      positionals: "at most one IFACE",
    }, io);
    if (parsed === undefined) return 2;
    try {
      const response = await requestAgent("status", parsed.positionals[0], parsed.values);
      if (!response.ok) {
        io.err(`edge6 status: ${response.error}\n`);
        return 1;
      }
      io.out(
        parsed.values.json
          ? JSON.stringify(response.status, null, 2) + "\n"
          : formatStatusText(parseStatusDocument(response.status)),
      );
      return 0;
    } catch (e) {
      io.err(`edge6 status: ${(e as Error).message}\n`);
      return 1;
    }
  },
};
