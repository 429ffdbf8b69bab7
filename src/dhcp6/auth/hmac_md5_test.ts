import assert from "node:assert/strict";
import { equalBytes, hmacMd5 } from "./hmac_md5.ts";

const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
const text = (s: string) => new TextEncoder().encode(s);
const fill = (n: number, v: number) => new Uint8Array(n).fill(v);

Deno.test("hmacMd5: RFC 2104 Appendix / RFC 2202 §2 test cases", () => {
  const cases: [Uint8Array, Uint8Array, string][] = [
    [fill(16, 0x0b), text("Hi There"), "9294727a3638bb1c13f48ef8158bfc9d"],
    [text("Jefe"), text("what do ya want for nothing?"), "750c783e6ab0b503eaa86e310a5db738"],
    [fill(16, 0xaa), fill(50, 0xdd), "56be34521d144c88dbb8c733f0e8b3f6"],
    [
      Uint8Array.from({ length: 25 }, (_, i) => i + 1),
      fill(50, 0xcd),
      "697eaf0aca3a3aea3a75164746ffaa79",
    ],
    [fill(16, 0x0c), text("Test With Truncation"), "56461ef2342edc00f9bab995690efd4c"],
    [
      fill(80, 0xaa),
      text("Test Using Larger Than Block-Size Key - Hash Key First"),
      "6b1ab7fe4bd7bf8f0b62e6ce61b9d0cd",
    ],
    [
      fill(80, 0xaa),
      text("Test Using Larger Than Block-Size Key and Larger Than One Block-Size Data"),
      "6f630fad67cda0ee1fb1f562db3aa53e",
    ],
  ];
  for (const [key, data, mac] of cases) assert.equal(hex(hmacMd5(key, data)), mac);
});

Deno.test("equalBytes: equal, different and different lengths", () => {
  assert.equal(equalBytes(Uint8Array.of(1, 2), Uint8Array.of(1, 2)), true);
  assert.equal(equalBytes(Uint8Array.of(1, 2), Uint8Array.of(1, 3)), false);
  assert.equal(equalBytes(Uint8Array.of(1), Uint8Array.of(1, 2)), false);
});
