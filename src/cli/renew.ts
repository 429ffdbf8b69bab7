/**
 * `edge6 renew`: Renew now (RFC 9915 §18.2.4), or Information-request when stateless.
 * @module
 */
import type { Command } from "./command.ts";
import { controlCommand } from "./control_command.ts";

/** The `renew` subcommand. */
export const renewCommand: Command = controlCommand(
  "renew",
  "renew the leases now (RFC 9915 §18.2.4)",
  "Asks the running agent to send a Renew now on IFACE (or every interface).",
  true,
);
