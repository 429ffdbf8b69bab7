import assert from "node:assert/strict";
import { formatMs, formatRatio, markdownTable, median, spread } from "./stats.ts";

Deno.test("median of odd and even counts, NaN when empty", () => {
  assert.equal(median([5, 1, 3]), 3);
  assert.equal(median([4, 1, 3, 2]), 2.5);
  assert.ok(Number.isNaN(median([])));
});

Deno.test("spread and formatting", () => {
  assert.deepEqual(spread([3, 9, 1]), { min: 1, max: 9 });
  assert.equal(formatMs([10, 30, 20]), "20 ms (10–30)");
  assert.equal(formatMs([]), "—");
  assert.equal(formatRatio(3, 2), "1.50×");
  assert.equal(formatRatio(3, undefined), "—");
  assert.equal(formatRatio(3, 0), "—");
});

Deno.test("markdown table pads every column to its widest cell", () => {
  assert.equal(
    markdownTable(["a", "bb"], [["ccc", "d"]]),
    "| a   | bb |\n| --- | -- |\n| ccc | d  |",
  );
});
