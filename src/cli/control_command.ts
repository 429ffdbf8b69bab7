/**
 * The shared body of `edge6 renew | rebind | release | reload`: one request to
 * the running agent over its control socket.
 * @module
 */
import { parseArgs } from "node:util";
import type { Command, CommandIo } from "./command.ts";
import { sendControlRequest } from "../agent/control_client.ts";
import type { ControlCommand } from "../agent/control_protocol.ts";
import { controlSocketPath } from "./control_target.ts";

/** Builds a client command that sends `command` (to one interface, if `perInterface`). */
export function controlCommand(
  command: Exclude<ControlCommand, "status">,
  summary: string,
  description: string,
  perInterface: boolean,
): Command {
  const usage = `Usage: edge6 ${command} [-c FILE | -s SOCKET]${perInterface ? " [IFACE]" : ""}`;
  return {
    name: command,
    summary,
    help: `${usage}

${description}
  -c FILE    configuration naming the control socket (default as edge6 run)
  -s SOCKET  the control socket itself
Exit status: 0 when the agent accepted, 1 if it refused or cannot be reached.
`,
    async run(args: string[], io: CommandIo): Promise<number> {
      let parsed;
      try {
        parsed = parseArgs({
          args,
          options: { c: { type: "string" }, s: { type: "string" } },
          allowPositionals: true,
          strict: true,
        });
        if (parsed.positionals.length > (perInterface ? 1 : 0)) {
          throw new TypeError(perInterface ? "at most one interface" : "no arguments expected");
        }
      } catch (e) {
        io.err(`edge6 ${command}: ${(e as Error).message}\n`);
        return 2;
      }
      try {
        const path = await controlSocketPath(parsed.values.s, parsed.values.c);
        const name = parsed.positionals[0];
        const response = await sendControlRequest(
          path,
          name === undefined ? { command } : { command, interface: name },
        );
        if (!response.ok) {
          io.err(`edge6 ${command}: ${response.error}\n`);
          return 1;
        }
        io.out(`${response.message ?? "done"}\n`);
        return 0;
      } catch (e) {
        io.err(`edge6 ${command}: ${(e as Error).message}\n`);
        return 1;
      }
    },
  };
}
