import assert from "node:assert/strict";
import { isLdhName, nameToWire, safeToken, textToHex, toHex } from "./safe_text.ts";

Deno.test("LDH host names pass, anything else fails", () => {
  for (const ok of ["example.com", "a", "3com.example", "xn--bcher-kva.example", "a-b.c-d"]) {
    assert.ok(isLdhName(ok), ok);
  }
  for (
    const bad of [
      "",
      "-a.example",
      "a-.example",
      "a..b",
      "a.",
      "_sip._udp.example",
      "a b.example",
      "$(id).example",
      "x\\010y",
      "é.example",
      `${"a".repeat(64)}.example`,
      `${"a.".repeat(127)}aa`,
    ]
  ) {
    assert.ok(!isLdhName(bad), bad);
  }
});

Deno.test("names go back to their wire form, escapes included", () => {
  assert.equal(toHex(nameToWire("ab.c")), "026162016300");
  assert.equal(toHex(nameToWire("a\\.b.c")), "03612e62016300");
  assert.equal(toHex(nameToWire("\\000\\\\")), "02005c00");
  assert.equal(toHex(nameToWire("é")), "02c3a900");
});

Deno.test("safeToken passes safe text and hex-encodes the rest", () => {
  assert.equal(safeToken("eth0.100"), "eth0.100");
  assert.equal(safeToken("a b"), `hex:${textToHex("a b")}`);
  assert.equal(safeToken("$x"), "hex:2478");
  assert.equal(safeToken(""), "hex:");
});
