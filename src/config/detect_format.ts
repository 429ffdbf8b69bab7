/**
 * Tells a TOML configuration from a dhcp6c.conf by the structure of its
 * lines, not by a list of keywords, so that a misspelt or unknown dhcp6c
 * statement is still reported by the dhcp6c.conf reader.
 * @module
 */

/** The two accepted configuration formats. */
export type ConfigFormat = "toml" | "dhcp6c";

/**
 * The statements a dhcp6c.conf may have at its top level: those of dhcp6c's
 * cfparse.y, and `profile` from Debian's wide-dhcpv6 ("Add new feature:
 * dhcp6c profiles").
 */
export const DHCP6C_TOP_LEVEL_STATEMENTS: readonly string[] = [
  "interface",
  "profile",
  "id-assoc",
  "authentication",
  "keyinfo",
  "include",
  "host",
  "pool",
  "option",
];

/** A TOML table header: `[a.b]` or `[[a.b]]`. */
const TOML_HEADER = /^\[/;
/** A TOML key (bare, quoted or dotted) followed by `=`. */
const TOML_KEY_VALUE =
  /^(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*'))*\s*=/;

/**
 * Looks at each line that is not blank or a comment, and decides on the
 * first one that only one format can have: a `[table]` header or
 * `key = value` is TOML; a line that opens or closes a block (`{`, `}`) or
 * ends a statement with `;` is dhcp6c.conf. A file with neither (empty, or
 * only comments or words) counts as TOML.
 */
export function detectFormat(text: string): ConfigFormat {
  for (const raw of text.split("\n")) {
    const line = stripComment(raw).trim();
    if (line === "") continue;
    if (TOML_HEADER.test(line) || TOML_KEY_VALUE.test(line)) return "toml";
    if (/[{};]$/.test(line) || /^[{}]/.test(line)) return "dhcp6c";
  }
  return "toml";
}

/** The line without a `#` comment; a `#` inside double or single quotes is kept. */
function stripComment(line: string): string {
  let quote = "";
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote !== "") {
      if (c === quote) quote = "";
    } else if (c === '"' || c === "'") quote = c;
    else if (c === "#") return line.slice(0, i);
  }
  return line;
}
