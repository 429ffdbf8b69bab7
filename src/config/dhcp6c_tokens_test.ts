import assert from "node:assert/strict";
import { tokenize } from "./dhcp6c_tokens.ts";

Deno.test("tokenize: words, strings, punctuation, comments, with line and column", () => {
  const { tokens, errors } = tokenize('interface ppp0 { # wan\n\tscript "/a b";\n};');
  assert.deepStrictEqual(errors, []);
  assert.deepStrictEqual(
    tokens.map((t) => [t.kind, t.text, t.line, t.col]),
    [
      ["word", "interface", 1, 1],
      ["word", "ppp0", 1, 11],
      ["punct", "{", 1, 16],
      ["word", "script", 2, 2],
      ["string", "/a b", 2, 9],
      ["punct", ";", 2, 15],
      ["punct", "}", 3, 1],
      ["punct", ";", 3, 2],
      ["eof", "end of file", 3, 3],
    ],
  );
});

Deno.test("tokenize: a prefix splits at the slash; hex data stays one word", () => {
  const { tokens } = tokenize("prefix 2001:db8::/48 infinity; raw-option 16 0a:1B");
  assert.deepStrictEqual(tokens.map((t) => t.text), [
    "prefix",
    "2001:db8::",
    "/",
    "48",
    "infinity",
    ";",
    "raw-option",
    "16",
    "0a:1B",
    "end of file",
  ]);
});

Deno.test("tokenize: a comment ends a word; strings may span lines", () => {
  const { tokens } = tokenize('a#b c\n"x\ny" z');
  assert.deepStrictEqual(tokens.map((t) => [t.text, t.line]), [
    ["a", 1],
    ["x\ny", 2],
    ["z", 3],
    ["end of file", 3],
  ]);
});

Deno.test("tokenize: every bad character and an unterminated string are reported", () => {
  const { errors } = tokenize('a = b;\n  c @ d;\n"open');
  assert.deepStrictEqual(errors, [
    { message: 'found unexpected character "="', line: 1, col: 3 },
    { message: 'found unexpected character "@"', line: 2, col: 5 },
    { message: "found an unterminated string, expected a closing '\"'", line: 3, col: 1 },
  ]);
});
