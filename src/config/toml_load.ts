/**
 * Reads an edge6 TOML configuration: smol-toml parses it, the position
 * scanner finds where each key is, and the validator builds the Config.
 * @module
 */
import { parse, TomlError } from "toml";
import { scanTomlPositions } from "./toml_positions.ts";
import { validateConfig, type ValidationResult } from "./validate.ts";

/** Parses and validates TOML text; `file` names it in messages. */
export function parseTomlConfig(text: string, file: string): ValidationResult {
  let doc: Record<string, unknown>;
  try {
    // Integers past 2^53−1 come back as exact bigints (a 64-bit ifid needs
    // them); every other integer stays a number.
    doc = parse(text, { integersAsBigInt: "asNeeded" }) as Record<string, unknown>;
  } catch (e) {
    if (e instanceof TomlError) {
      const first = e.message.split("\n")[0] ?? e.message;
      return {
        ok: false,
        errors: [{ file, line: e.line, col: e.column, path: "", message: `TOML syntax: ${first}` }],
        warnings: [],
      };
    }
    throw e;
  }
  return validateConfig(doc, file, scanTomlPositions(text));
}
