import assert from "node:assert/strict";
import { colonHex, hexToBytes, normalizeHex } from "./hex.ts";

Deno.test("normalizeHex: colons, no colons, one byte, 0x, empty; bad forms", () => {
  assert.deepStrictEqual(normalizeHex("0A:bc"), { hex: "0abc" });
  assert.deepStrictEqual(normalizeHex("0Abc"), { hex: "0abc" });
  assert.deepStrictEqual(normalizeHex("00"), { hex: "00" });
  assert.deepStrictEqual(normalizeHex("0x0102"), { hex: "0102" });
  assert.deepStrictEqual(normalizeHex(""), { hex: "" });
  assert.ok("error" in normalizeHex("abc"));
  assert.ok("error" in normalizeHex("a:bc"));
  assert.ok("error" in normalizeHex("zz"));
  assert.deepStrictEqual(hexToBytes("00ff10"), new Uint8Array([0, 255, 16]));
  assert.equal(colonHex("00ff10"), "00:ff:10");
  assert.equal(colonHex(""), "");
});
