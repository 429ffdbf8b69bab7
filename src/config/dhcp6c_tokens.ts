/**
 * The tokenizer for dhcp6c.conf (the lexical rules of dhcp6c's cftoken.l):
 * words of letters, digits and `: . _ -`, double-quoted strings (no escapes),
 * the punctuation `{ } ; , /`, `#` comments to the end of the line.
 * Keywords are plain words here; the parser gives them meaning by position.
 * @module
 */

/** One token, with the 1-based line and column where it starts. */
export interface Token {
  /** A word, a quoted string, one punctuation character, or the end of input. */
  readonly kind: "word" | "string" | "punct" | "eof";
  /** The text; a string token's text is without its quotes. */
  readonly text: string;
  /** 1-based line. */
  readonly line: number;
  /** 1-based column. */
  readonly col: number;
}

/** A lexical error: what was found and where. */
export interface LexError {
  /** What was found and what was expected. */
  readonly message: string;
  /** 1-based line. */
  readonly line: number;
  /** 1-based column. */
  readonly col: number;
}

const WORD = /[A-Za-z0-9:._-]/;

/**
 * Splits dhcp6c.conf text into tokens, ending with one `eof` token. A character
 * that cannot start a token is reported and skipped, so that every error of
 * the file is found in one pass.
 */
export function tokenize(text: string): { tokens: Token[]; errors: LexError[] } {
  const out: Token[] = [];
  const errors: LexError[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  while (i < text.length) {
    const c = text[i]!;
    const col = i - lineStart + 1;
    if (c === "\n") {
      i++;
      line++;
      lineStart = i;
    } else if (c === " " || c === "\t" || c === "\r" || c === "\f" || c === "\v") {
      i++;
    } else if (c === "#") {
      while (i < text.length && text[i] !== "\n") i++;
    } else if ("{};,/".includes(c)) {
      out.push({ kind: "punct", text: c, line, col });
      i++;
    } else if (c === '"') {
      let end = text.indexOf('"', i + 1);
      if (end < 0) {
        errors.push({
          message: "found an unterminated string, expected a closing '\"'",
          line,
          col,
        });
        end = text.length;
      }
      const body = text.slice(i + 1, end);
      out.push({ kind: "string", text: body, line, col });
      for (let j = i + 1; j < end; j++) {
        if (text[j] === "\n") {
          line++;
          lineStart = j + 1;
        }
      }
      i = end + 1;
    } else if (WORD.test(c)) {
      const start = i;
      while (i < text.length && WORD.test(text[i]!)) i++;
      out.push({ kind: "word", text: text.slice(start, i), line, col });
    } else {
      errors.push({ message: `found unexpected character ${JSON.stringify(c)}`, line, col });
      i++;
    }
  }
  out.push({ kind: "eof", text: "end of file", line, col: i - lineStart + 1 });
  return { tokens: out, errors };
}
