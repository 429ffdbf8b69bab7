/**
 * Loading configuration text of either format, synchronously (for tests and
 * tools that hold the text already; `loadConfigFile` in load.ts loads only
 * the reader the file needs).
 * @module
 */
import { detectFormat } from "./detect_format.ts";
import type { IncludeReader } from "./dhcp6c_parser.ts";
import type { LoadResult } from "./load_result.ts";
import { loadTomlText } from "./load_toml.ts";
import { loadDhcp6cText } from "./load_dhcp6c.ts";

/**
 * Parses configuration text of either format (told apart by content).
 * `file` names it in messages and anchors relative `include` paths;
 * `read` reads included files (dhcp6c.conf only).
 */
export function loadConfigText(text: string, file: string, read: IncludeReader): LoadResult {
  return detectFormat(text) === "toml"
    ? loadTomlText(text, file)
    : loadDhcp6cText(text, file, read);
}
