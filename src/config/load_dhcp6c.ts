/**
 * Loading a WIDE/OPNsense dhcp6c.conf: its parser and converter are loaded
 * with this module, and only for a dhcp6c.conf (see load.ts).
 * @module
 */
import type { ConfigMessage } from "./message.ts";
import { type IncludeReader, parseDhcp6c } from "./dhcp6c_parser.ts";
import { dhcp6cToDocument } from "./dhcp6c_convert.ts";
import { validateConfig } from "./validate.ts";
import { type LoadResult, sortMessages } from "./load_result.ts";

/**
 * Parses, converts and validates dhcp6c.conf text; `file` names it in
 * messages and anchors relative `include` paths, read with `read`.
 */
export function loadDhcp6cText(text: string, file: string, read: IncludeReader): LoadResult {
  const format = "dhcp6c";
  const parsed = parseDhcp6c(text, file, read);
  const syntax: ConfigMessage[] = parsed.errors.map((e) => ({
    file: e.at.file,
    line: e.at.line,
    col: e.at.col,
    path: "",
    message: e.message,
  }));
  const converted = dhcp6cToDocument(parsed.statements);
  const result = validateConfig(converted.doc, file, converted.positions, [...converted.notes]);
  const errors = [...syntax, ...converted.errors, ...(result.ok ? [] : result.errors)]
    .filter((m) => syntax.length === 0 || !isWholeFileConsequence(m))
    .map(inDhcp6cTerms);
  // A statement lost to a syntax error makes whole-file checks ("no interface",
  // "no interface sends ia-pd 0") report its absence: say only the cause.
  const warnings = result.warnings.filter((m) => syntax.length === 0 || !isWholeFileConsequence(m));
  if (errors.length > 0) {
    return { ok: false, format, errors: sortMessages(errors), warnings };
  }
  if (!result.ok) return { ...result, format };
  return { ok: true, format, config: result.config, warnings: sortMessages(warnings) };
}

const NO_INTERFACE = "no interface is configured; expected at least one [interface.NAME] table";

/** Whole-file findings that a statement dropped by a syntax error can cause. */
function isWholeFileConsequence(m: ConfigMessage): boolean {
  return m.message === NO_INTERFACE ||
    /has no effect: no interface sends ia-(na|pd) /.test(m.message);
}

/** The TOML wording of a finding, as a dhcp6c.conf reader says it. */
function inDhcp6cTerms(m: ConfigMessage): ConfigMessage {
  return m.message === NO_INTERFACE
    ? { ...m, message: "no interface is configured; expected at least one interface statement" }
    : m;
}
