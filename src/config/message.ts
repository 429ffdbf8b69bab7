/**
 * Errors and notes about a configuration file, each tied to a place in it.
 * @module
 */

/** One finding: where it is, what key it concerns, and what is wrong or was done. */
export interface ConfigMessage {
  /** The file the finding is in (an included file when it is there). */
  readonly file: string;
  /** 1-based line. */
  readonly line: number;
  /** 1-based column. */
  readonly col: number;
  /** TOML key path (`interface.wan0.ia_pd[0].iaid`); empty when none applies. */
  readonly path: string;
  /** What was found and what was expected, or what was done. */
  readonly message: string;
}

/** Formats a message as `FILE:LINE:COL key.path: message` (or `FILE:LINE:COL: message`). */
export function formatMessage(m: ConfigMessage): string {
  const where = `${m.file}:${m.line}:${m.col}`;
  return m.path === "" ? `${where}: ${m.message}` : `${where} ${m.path}: ${m.message}`;
}
