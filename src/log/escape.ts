/**
 * Makes untrusted text safe to write as one log line: control characters
 * (C0, DEL, C1), line and paragraph separators and lone surrogates become
 * `\xNN` / `\u{NNNN}` escapes, so a server-sent string or a hook's output can
 * neither forge a second log line nor drive a terminal.
 * @module
 */

const UNSAFE =
  // deno-lint-ignore no-control-regex
  /[\u0000-\u001f\u007f-\u009f\u2028\u2029]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** `text` with every control or unpaired character escaped; see the module doc. */
export function escapeForLog(text: string): string {
  return text.replace(UNSAFE, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u{${code.toString(16)}}`;
  });
}
