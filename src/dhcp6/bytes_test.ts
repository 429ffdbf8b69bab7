import assert from "node:assert/strict";
import { concatBytes } from "./bytes.ts";

Deno.test("concatBytes: the parts in order, in a new array; none gives an empty one", () => {
  const a = Uint8Array.of(1, 2);
  const joined = concatBytes([a, new Uint8Array(0), Uint8Array.of(3)]);
  assert.deepEqual([...joined], [1, 2, 3]);
  a[0] = 9;
  assert.equal(joined[0], 1, "a copy, not a view");
  assert.equal(concatBytes([]).length, 0);
});
