/**
 * `edge6 release`: release the leases and stay idle (RFC 9915 §18.2.7).
 * @module
 */
import type { Command } from "./command.ts";
import { controlCommand } from "./control_command.ts";

/** The `release` subcommand. */
export const releaseCommand: Command = controlCommand(
  "release",
  "release the leases and stay idle (RFC 9915 §18.2.7)",
  "Asks the running agent to release the leases of IFACE (or every interface);\n" +
    "addresses and prefixes are withdrawn. `edge6 renew` starts again.",
  true,
);
