import assert from "node:assert/strict";
import { escapeForLog } from "./escape.ts";

Deno.test("control characters cannot break or forge a log line", () => {
  assert.equal(
    escapeForLog("a\nfake: line\r\0\x1b[31m\x7f\x9b"),
    "a\\x0afake: line\\x0d\\x00\\x1b[31m\\x7f\\x9b",
  );
  assert.equal(escapeForLog("x\u2028y"), "x\\u{2028}y");
});

Deno.test("lone surrogates are escaped, real text is kept", () => {
  assert.equal(escapeForLog("\ud800z"), "\\u{d800}z");
  assert.equal(escapeForLog("z\udc00"), "z\\u{dc00}");
  assert.equal(
    escapeForLog("prefix 2001:db8::/56 é 😀 `$(x)`"),
    "prefix 2001:db8::/56 é 😀 `$(x)`",
  );
});
