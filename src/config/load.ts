/**
 * Loading a configuration file of either format into a validated Config.
 * @module
 */
import { detectFormat } from "./detect_format.ts";
import type { LoadResult } from "./load_result.ts";
import { applyProfile, type RunSelection } from "./profile.ts";

export type { LoadResult } from "./load_result.ts";

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
  // Only the reader this file needs is loaded: a TOML file never loads the
  // dhcp6c.conf grammar, a dhcp6c.conf never the TOML parser.
  const result = detectFormat(text) === "toml"
    ? (await import("./load_toml.ts")).loadTomlText(text, path)
    : (await import("./load_dhcp6c.ts")).loadDhcp6cText(
      text,
      path,
      (p) => Deno.readTextFileSync(p),
    );
  if (!result.ok || selection === undefined) return result;
  const applied = applyProfile(result.config, path, selection);
  return applied.ok
    ? { ...result, config: applied.config }
    : { ok: false, format: result.format, errors: applied.errors, warnings: result.warnings };
}
