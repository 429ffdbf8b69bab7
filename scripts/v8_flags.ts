/**
 * The V8 flags of the edge6 daemon, kept in config/v8-flags (one per line)
 * so that the compiled binary, install.sh's wrapper and the Debian package's
 * wrapper all use the same ones.
 * @module
 */

/** Where the flag list lives. */
export const V8_FLAGS_FILE = new URL("../config/v8-flags", import.meta.url);

/** The flags of `text` (config/v8-flags' format): one per line, '#' comments, blanks ignored. */
export function parseV8Flags(text: string): string[] {
  const flags = text.split("\n").map((l) => l.replace(/#.*/, "").trim()).filter((l) => l !== "");
  for (const f of flags) {
    if (!/^--[a-z0-9-]+(=[A-Za-z0-9._-]+)?$/.test(f)) {
      throw new SyntaxError(`config/v8-flags: "${f}" is not a --flag or --flag=value`);
    }
  }
  return flags;
}

/** The flags in config/v8-flags. */
export async function readV8Flags(): Promise<string[]> {
  return parseV8Flags(await Deno.readTextFile(V8_FLAGS_FILE));
}

/** The `--v8-flags=…` argument for deno run and deno compile (none when the list is empty). */
export function v8FlagsArgument(flags: readonly string[]): string[] {
  return flags.length === 0 ? [] : [`--v8-flags=${flags.join(",")}`];
}
