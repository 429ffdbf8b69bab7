import assert from "node:assert/strict";
import fc from "fast-check";
import { contains, type Prefix, prefixesExcluding, prefixesOverlap } from "./prefix_exclude.ts";

const p = (text: string): Prefix => {
  const [prefix, len] = text.split("/");
  return { prefix: prefix!, prefixLength: Number(len) };
};
const texts = (list: Prefix[]) => list.map((x) => `${x.prefix}/${x.prefixLength}`);

Deno.test("prefixesExcluding: a /56 without its first /64 is /57…/64, shortest first", () => {
  assert.deepEqual(texts(prefixesExcluding(p("2001:db8:1000::/56"), p("2001:db8:1000::/64"))), [
    "2001:db8:1000:80::/57",
    "2001:db8:1000:40::/58",
    "2001:db8:1000:20::/59",
    "2001:db8:1000:10::/60",
    "2001:db8:1000:8::/61",
    "2001:db8:1000:4::/62",
    "2001:db8:1000:2::/63",
    "2001:db8:1000:1::/64",
  ]);
});

Deno.test("prefixesExcluding: an excluded prefix in the middle, and one bit longer", () => {
  // 0xa000 starts with the bits 1010: each piece keeps the bits before one of them and flips it.
  assert.deepEqual(texts(prefixesExcluding(p("2001:db8:1::/48"), p("2001:db8:1:a000::/52"))), [
    "2001:db8:1::/49",
    "2001:db8:1:c000::/50",
    "2001:db8:1:8000::/51",
    "2001:db8:1:b000::/52",
  ]);
  assert.deepEqual(texts(prefixesExcluding(p("2001:db8::/63"), p("2001:db8:0:1::/64"))), [
    "2001:db8::/64",
  ]);
  assert.deepEqual(texts(prefixesExcluding(p("2001:db8:1000::5/56"))), ["2001:db8:1000::/56"]);
});

Deno.test("prefixesExcluding: refuses an excluded prefix outside the delegated one or not longer", () => {
  assert.throws(
    () => prefixesExcluding(p("2001:db8:1000::/56"), p("2001:db8:2000::/64")),
    /not a longer prefix inside 2001:db8:1000::\/56/,
  );
  assert.throws(() => prefixesExcluding(p("2001:db8:1000::/56"), p("2001:db8:1000::/56")));
  assert.throws(() => prefixesExcluding(p("2001:db8:1000::/56"), p("2001:db8:1000::/129")));
  assert.throws(() => prefixesExcluding(p("nonsense/56")), RangeError);
});

Deno.test("prefixesExcluding: the pieces never overlap the excluded prefix or each other, and fill the delegated one", () => {
  // Count addresses as 2^(128-len) in BigInt: the pieces plus the excluded prefix make the whole.
  const size = (x: Prefix) => 1n << BigInt(128 - x.prefixLength);
  fc.assert(
    fc.property(
      fc.uint8Array({ minLength: 16, maxLength: 16 }),
      fc.integer({ min: 16, max: 127 }),
      fc.integer({ min: 1, max: 64 }),
      (bytes, d, extra) => {
        const e = Math.min(128, d + extra);
        const hex = [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
        const text = hex.match(/.{4}/g)!.join(":");
        const delegated = { prefix: text, prefixLength: d };
        const excluded = { prefix: text, prefixLength: e };
        const pieces = prefixesExcluding(delegated, excluded);
        assert.equal(pieces.length, e - d);
        for (const [i, a] of pieces.entries()) {
          assert.ok(contains(delegated, a));
          assert.ok(!prefixesOverlap(a, excluded));
          for (const b of pieces.slice(i + 1)) assert.ok(!prefixesOverlap(a, b));
        }
        const total = pieces.reduce((sum, x) => sum + size(x), size(excluded));
        assert.equal(total, size(delegated));
      },
    ),
    { numRuns: 300 },
  );
});

Deno.test("prefixesOverlap: containment either way, disjoint otherwise", () => {
  const excluded = p("2001:db8:1000:1::/64");
  assert.equal(prefixesOverlap(p("2001:db8:1000:1::/64"), excluded), true, "the same subnet");
  assert.equal(prefixesOverlap(p("2001:db8:1000::/63"), excluded), true, "a subnet holding it");
  assert.equal(prefixesOverlap(excluded, p("2001:db8:1000:1:8000::/65")), true, "inside it");
  assert.equal(prefixesOverlap(p("2001:db8:1000:2::/64"), excluded), false);
  assert.equal(prefixesOverlap(p("2001:db8:1000::/64"), excluded), false);
});
