/**
 * The agent's pid file, as dhcp6c keeps it: written once the agent runs (so a
 * service script that sees the file sees a working agent), replaced
 * atomically, and removed at exit, but only while it still names this
 * process (a second agent that took the file over keeps it).
 * @module
 */
import type { ConfigFormat } from "../config/detect_format.ts";
import { writeFileAtomic } from "./atomic_write.ts";

/** dhcp6c's pid file, which its service scripts (Debian's init script) read. */
export const DHCP6C_PID_FILE = "/var/run/dhcp6c.pid";

/** edge6's own pid file, for a TOML configuration. */
export const EDGE6_PID_FILE = "/run/edge6.pid";

/**
 * The pid file used without `-p`: dhcp6c's for a dhcp6c.conf (edge6 then
 * stands in for dhcp6c), edge6's own for TOML.
 */
export function defaultPidFile(format: ConfigFormat): string {
  return format === "dhcp6c" ? DHCP6C_PID_FILE : EDGE6_PID_FILE;
}

/** Writes `pid` and a newline to `path` (mode 0644), replacing any old file at once. */
export async function writePidFile(path: string, pid: number): Promise<void> {
  await writeFileAtomic(path, new TextEncoder().encode(`${pid}\n`), 0o644);
}

/**
 * Removes `path` if it still holds `pid`; resolves to whether it did. A file
 * already gone, or naming another process, is left as it is.
 */
export async function removePidFile(path: string, pid: number): Promise<boolean> {
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return false;
    throw error;
  }
  if (text.trim() !== String(pid)) return false;
  await Deno.remove(path);
  return true;
}
