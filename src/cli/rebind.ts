/**
 * `edge6 rebind`: Rebind now (RFC 9915 §18.2.5).
 * @module
 */
import type { Command } from "./command.ts";
import { controlCommand } from "./control_command.ts";

/** The `rebind` subcommand. */
export const rebindCommand: Command = controlCommand(
  "rebind",
  "rebind the leases now (RFC 9915 §18.2.5)",
  "Asks the running agent to send a Rebind now on IFACE (or every interface).",
  true,
);
