/**
 * `edge6 status`: what the running agent holds, per interface (state, leases,
 * delegated prefixes and LAN subnets, timers), as text or JSON.
 * @module
 */
import { parseArgs } from "node:util";
import type { Command, CommandIo } from "./command.ts";
import { sendControlRequest } from "../agent/control_client.ts";
import { controlSocketPath } from "./control_target.ts";
import { formatStatusText } from "../hooks/status_text.ts";
import { parseStatusDocument } from "../hooks/status_json.ts";

const HELP = `Usage: edge6 status [--json] [-c FILE | -s SOCKET] [IFACE]

Asks the running agent (over its control socket) what it holds.
  --json     print the status document as JSON
  -c FILE    configuration naming the control socket (default as edge6 run)
  -s SOCKET  the control socket itself
Exit status: 0 on success, 1 if the agent cannot be reached or refuses.
`;

/** The `status` subcommand. */
export const statusCommand: Command = {
  name: "status",
  summary: "show what the running agent holds",
  help: HELP,
  async run(args: string[], io: CommandIo): Promise<number> {
    let parsed;
    try {
      parsed = parseArgs({
        args,
        options: { json: { type: "boolean" }, c: { type: "string" }, s: { type: "string" } },
        allowPositionals: true,
        strict: true,
      });
      if (parsed.positionals.length > 1) throw new TypeError("at most one interface");
    } catch (e) {
      io.err(`edge6 status: ${(e as Error).message}\n`);
      return 2;
    }
    try {
      const path = await controlSocketPath(parsed.values.s, parsed.values.c);
      const name = parsed.positionals[0];
      const response = await sendControlRequest(
        path,
        name === undefined ? { command: "status" } : { command: "status", interface: name },
      );
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
