/**
 * Loading TOML configuration text (the TOML parser is loaded with it, and
 * only for a TOML file: see load.ts).
 * @module
 */
import { parseTomlConfig } from "./toml_load.ts";
import { type LoadResult, sortMessages } from "./load_result.ts";

/** Parses and validates TOML configuration text; `file` names it in messages. */
export function loadTomlText(text: string, file: string): LoadResult {
  const r = parseTomlConfig(text, file);
  return r.ok
    ? { ...r, format: "toml", warnings: sortMessages(r.warnings) }
    : { ...r, format: "toml", errors: sortMessages(r.errors), warnings: sortMessages(r.warnings) };
}
