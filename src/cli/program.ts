/**
 * What the top-level help and the man page say about edge6 as a whole: the
 * one-line summary, the description, the global options and the files.
 * @module
 */
import type { OptionsSpec } from "./command.ts";

/** One line: what edge6 is. */
export const PROGRAM_SUMMARY = "a DHCPv6 client agent for Linux edge routers";

/** The man page's DESCRIPTION (paragraphs, as in a command's description). */
export const PROGRAM_DESCRIPTION =
  `edge6 asks the ISP's DHCPv6 server (RFC 9915) for addresses (IA_NA) and
delegated prefixes (IA_PD), installs them in the kernel with their
lifetimes, gives each LAN interface a subnet of the delegated prefixes,
keeps everything renewed, and runs the operator's hook script after each
change. It reads its own TOML configuration or an existing WIDE/OPNsense
dhcp6c.conf as it is, and accepts dhcp6c's command-line flags.

The agent is "edge6 run"; the other commands talk to it over its control
socket, or work on configuration files and captures.`;

/** Options that stand in place of a command. */
export const GLOBAL_OPTIONS = {
  help: { type: "boolean", text: "list the commands; after a command, describe it" },
  version: { type: "boolean", text: "print the edge6 version and the Deno runtime's" },
} as const satisfies OptionsSpec;

/** Their one-letter forms. */
export const GLOBAL_SHORT: Readonly<Record<keyof typeof GLOBAL_OPTIONS, string>> = {
  help: "h",
  version: "V",
};

/** Files edge6 reads and writes by default. */
export const PROGRAM_FILES: readonly [string, string][] = [
  ["/etc/edge6/edge6.toml", "the configuration (edge6 run -c FILE chooses another)"],
  ["/var/lib/edge6/duid", "the client's DUID, created on the first start"],
  ["/var/lib/edge6/", "saved leases, and status.json, the status document"],
  ["/run/edge6/edge6.sock", "the control socket (mode 0600)"],
  ["/var/db/dhcp6c_duid", "dhcp6c's DUID, adopted when no DUID of edge6's own exists"],
  ["edge6.service", "the systemd unit (Type=simple, edge6 run -f)"],
];
