/**
 * Loading a configuration file of either format into a validated Config.
 * @module
 */
import type { ConfigMessage } from "./message.ts";
import type { Config } from "./types.ts";
import { type ConfigFormat, detectFormat } from "./detect_format.ts";
import { type IncludeReader, parseDhcp6c } from "./dhcp6c_parser.ts";
import { dhcp6cToDocument } from "./dhcp6c_convert.ts";
import { parseTomlConfig } from "./toml_load.ts";
import { validateConfig } from "./validate.ts";
import { applyProfile, type RunSelection } from "./profile.ts";

/**
 * The outcome of loading: the Config with its notes (statements without
 * effect, adjusted values, other warnings), or every error found.
 */
export type LoadResult =
  | {
    readonly ok: true;
    readonly format: ConfigFormat;
    readonly config: Config;
    readonly warnings: readonly ConfigMessage[];
  }
  | {
    readonly ok: false;
    readonly format?: ConfigFormat;
    readonly errors: readonly ConfigMessage[];
    readonly warnings: readonly ConfigMessage[];
  };

/**
 * Parses configuration text of either format (told apart by content).
 * `file` names it in messages and anchors relative `include` paths;
 * `read` reads included files (dhcp6c.conf only).
 */
export function loadConfigText(text: string, file: string, read: IncludeReader): LoadResult {
  const format = detectFormat(text);
  if (format === "toml") {
    const r = parseTomlConfig(text, file);
    return r.ok
      ? { ...r, format, warnings: sortMessages(r.warnings) }
      : { ...r, format, errors: sortMessages(r.errors), warnings: sortMessages(r.warnings) };
  }
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

/**
 * Reads and parses a configuration file (TOML or dhcp6c.conf). Never throws
 * for a bad file: an unreadable file is reported as an error at 1:1.
 * With `selection` (what `edge6 run` runs), a profile given with -P is
 * applied to the named interfaces (see `applyProfile`).
 */
export async function loadConfigFile(
  path: string,
  selection?: RunSelection,
): Promise<LoadResult> {
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (e) {
    const why = e instanceof Deno.errors.NotFound
      ? "no such file"
      : e instanceof Deno.errors.IsADirectory
      ? "it is a directory, expected a configuration file"
      : e instanceof Deno.errors.PermissionDenied
      ? "permission denied"
      : (e as Error).message.replace(/ \(os error \d+\).*$/s, "");
    return {
      ok: false,
      errors: [{ file: path, line: 1, col: 1, path: "", message: `cannot read the file: ${why}` }],
      warnings: [],
    };
  }
  const result = loadConfigText(text, path, (p) => Deno.readTextFileSync(p));
  if (!result.ok || selection === undefined) return result;
  const applied = applyProfile(result.config, path, selection);
  return applied.ok
    ? { ...result, config: applied.config }
    : { ok: false, format: result.format, errors: applied.errors, warnings: result.warnings };
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

/** Orders messages by file, line and column, keeping the order of equals. */
function sortMessages(list: readonly ConfigMessage[]): ConfigMessage[] {
  return list
    .map((m, i) => ({ m, i }))
    .sort((a, b) =>
      a.m.file === b.m.file ? a.m.line - b.m.line || a.m.col - b.m.col || a.i - b.i : a.i - b.i
    )
    .map((x) => x.m);
}
