import assert from "node:assert/strict";
import { fromHex, HexSyntaxError, toHex } from "./hex.ts";

Deno.test("hex round-trips and ignores separators", () => {
  assert.equal(toHex(fromHex("00 01:ab-CD\n")), "0001abcd");
  assert.equal(toHex(new Uint8Array()), "");
});

Deno.test("bad hex names the offending character", () => {
  assert.throws(() => fromHex("0g"), (e) => e instanceof HexSyntaxError && e.index === 1);
  assert.throws(() => fromHex("abc"), /odd number of hex digits \(3\)/);
});
