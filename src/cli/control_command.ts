/**
 * The shared body of `edge6 renew | rebind | release | reload`: one request to
 * the running agent over its control socket.
 * @module
 */
import type { Command, CommandIo } from "./command.ts";
import type { ControlCommand } from "../agent/control_protocol.ts";
import { requestAgent } from "./control_target.ts";
import { parseCommandArgs } from "./parse_command_args.ts";

/** How a client command finds the agent: `-c FILE` or `-s SOCKET`. */
export const SOCKET_OPTIONS = {
  c: {
    type: "string",
    value: "FILE",
    text: "configuration naming the control socket (default as edge6 run)",
  },
  s: { type: "string", value: "SOCKET", text: "the control socket itself" },
} as const;

/** The optional interface a client command acts on. */
export const IFACE_OPERAND = {
  name: "IFACE",
  text: "the upstream interface to act on; none: every interface",
} as const;

/** Builds a client command that sends `command` (to one interface, if `perInterface`). */
export function controlCommand(
  command: Exclude<ControlCommand, "status">,
  summary: string,
  description: string,
  perInterface: boolean,
): Command {
  return {
    name: command,
    summary,
    usage: [`edge6 ${command} [-c FILE | -s SOCKET]${perInterface ? " [IFACE]" : ""}`],
    description,
    options: SOCKET_OPTIONS,
    ...(perInterface ? { operands: [IFACE_OPERAND] } : {}),
    exitStatus: "0 when the agent accepted, 1 if it refused or cannot be reached, " +
      "2 for a usage error.",
    async run(args: string[], io: CommandIo): Promise<number> {
      const parsed = parseCommandArgs(command, args, {
        options: SOCKET_OPTIONS,
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
