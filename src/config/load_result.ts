/**
 * What loading a configuration gives, whatever its format.
 * @module
 */
import type { ConfigMessage } from "./message.ts";
import type { Config } from "./types.ts";
import type { ConfigFormat } from "./detect_format.ts";

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

/** Orders messages by file, line and column, keeping the order of equals. */
export function sortMessages(list: readonly ConfigMessage[]): ConfigMessage[] {
  return list
    .map((m, i) => ({ m, i }))
    .sort((a, b) =>
      a.m.file === b.m.file ? a.m.line - b.m.line || a.m.col - b.m.col || a.i - b.i : a.i - b.i
    )
    .map((x) => x.m);
}
