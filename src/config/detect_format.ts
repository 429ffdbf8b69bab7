/**
 * Tells a TOML configuration from a dhcp6c.conf by content, not by name.
 * @module
 */

/** The two accepted configuration formats. */
export type ConfigFormat = "toml" | "dhcp6c";

/** The statements a dhcp6c.conf may have at its top level (dhcp6c's cfparse.y). */
export const DHCP6C_TOP_LEVEL_STATEMENTS: readonly string[] = [
  "interface",
  "id-assoc",
  "authentication",
  "keyinfo",
  "include",
  "host",
  "pool",
  "option",
];

const DHCP6C_STATEMENTS = new Set(DHCP6C_TOP_LEVEL_STATEMENTS);

/**
 * Looks at the first statement that is not blank or a comment: a `[table]`
 * header or `key = value` is TOML; a dhcp6c top-level keyword followed by
 * anything but `=` or `.` is dhcp6c.conf. An empty file counts as TOML.
 */
export function detectFormat(text: string): ConfigFormat {
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;
    if (line.startsWith("[")) return "toml";
    const m = /^([A-Za-z0-9_-]+)\s*(.?)/.exec(line);
    if (m && DHCP6C_STATEMENTS.has(m[1]!) && m[2] !== "=" && m[2] !== ".") return "dhcp6c";
    return "toml";
  }
  return "toml";
}
