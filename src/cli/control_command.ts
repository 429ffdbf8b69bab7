/**
 * The shared body of `edge6 renew | rebind | release | reload`: one request to
 * the running agent over its control socket.
 * @module
 */
import type { Command, CommandIo } from "./command.ts";
import type { ControlCommand } from "../agent/control_protocol.ts";
import { requestAgent } from "./control_target.ts";
import { parseCommandArgs } from "./parse_command_args.ts";

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
Exit status: 0 when the agent accepted, 1 if it refused or cannot be reached,
2 for a usage error.
`,
    async run(args: string[], io: CommandIo): Promise<number> {
      const parsed = parseCommandArgs(command, args, {
        options: { c: { type: "string" }, s: { type: "string" } },
        maxPositionals: perInterface ? 1 : 0,
        positionals: perInterface ? "at most one IFACE" : "no arguments",
      }, io);
      if (parsed === undefined) return 2;
      try {
        const response = await requestAgent(command, parsed.positionals[0], parsed.values);
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
