import assert from "node:assert/strict";
import { md5 } from "./md5.ts";

const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
const text = (s: string) => new TextEncoder().encode(s);

// The test suite of RFC 1321 §A.5.
const SUITE: [string, string][] = [
  ["", "d41d8cd98f00b204e9800998ecf8427e"],
  ["a", "0cc175b9c0f1b6a831c399e269772661"],
  ["abc", "900150983cd24fb0d6963f7d28e17f72"],
  ["message digest", "f96b697d7cb7938d525a2f31aaf161d0"],
  ["abcdefghijklmnopqrstuvwxyz", "c3fcd3d76192e4007dfb496cca67e13b"],
  [
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
    "d174ab98d277d9f5a5611c2c9f419d9f",
  ],
  [
    "12345678901234567890123456789012345678901234567890123456789012345678901234567890",
    "57edf4a22be3c955ac49da2e2107b67a",
  ],
];

Deno.test("md5: RFC 1321 §A.5 test suite", () => {
  for (const [input, digest] of SUITE) assert.equal(hex(md5(text(input))), digest, input);
});

Deno.test("md5: inputs around the 56- and 64-byte padding boundaries", () => {
  // Values from the reference implementation for 55, 56, 63, 64 and 65 'a's.
  const expected: Record<number, string> = {
    55: "ef1772b6dff9a122358552954ad0df65",
    56: "3b0c8ac703f828b04c6c197006d17218",
    63: "b06521f39153d618550606be297466d5",
    64: "014842d480b571495a4a0363793f7367",
    65: "c743a45e0d2e6a95cb859adae0248435",
  };
  for (const [n, digest] of Object.entries(expected)) {
    assert.equal(hex(md5(text("a".repeat(Number(n))))), digest, `${n} bytes`);
  }
});
