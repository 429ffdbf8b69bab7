/**
 * Log levels and their syslog severities (RFC 5424 §6.2.1), and how the
 * command-line verbosity flags map onto them.
 * @module
 */

/** Log levels, most severe first. */
export type Level = "error" | "warn" | "notice" | "info" | "debug";

/** Every level, most severe first. */
export const LEVELS: readonly Level[] = ["error", "warn", "notice", "info", "debug"];

/** The syslog severity of each level (RFC 5424 §6.2.1; syslog.h LOG_ERR … LOG_DEBUG). */
export const SEVERITY: Readonly<Record<Level, number>> = {
  error: 3,
  warn: 4,
  notice: 5,
  info: 6,
  debug: 7,
};

/** True when a message at `level` passes a logger whose threshold is `threshold`. */
export function passes(level: Level, threshold: Level): boolean {
  return SEVERITY[level] <= SEVERITY[threshold];
}

/**
 * The threshold for a verbosity count. dhcp6c logs errors only by default,
 * informational messages with `-d` and everything with `-D`. edge6 shows
 * warnings and notices by default too (they are rare and are what an operator
 * needs to see), `-d` (verbosity 1) adds info, `-D` (2 or more) adds debug,
 * where every protocol decision is logged with its reason.
 */
export function levelForVerbosity(verbosity: number): Level {
  if (verbosity >= 2) return "debug";
  if (verbosity === 1) return "info";
  return "notice";
}

/** Parses a level name (also `warning`, `err`, `error`); undefined when unknown. */
export function parseLevel(text: string): Level | undefined {
  switch (text.toLowerCase()) {
    case "error":
    case "err":
      return "error";
    case "warn":
    case "warning":
      return "warn";
    case "notice":
      return "notice";
    case "info":
      return "info";
    case "debug":
      return "debug";
    default:
      return undefined;
  }
}
