import assert from "node:assert/strict";
import { TokenBucket } from "./rate_limit.ts";

Deno.test("TokenBucket: a burst of capacity, then one token per period", () => {
  const b = new TokenBucket(20, 1000);
  for (let i = 0; i < 20; i++) assert.equal(b.take(0), true);
  assert.equal(b.take(0), false);
  assert.equal(b.nextAt(0), 1000);
  assert.equal(b.take(999), false);
  assert.equal(b.take(1000), true);
  assert.equal(b.take(1000), false);
  assert.equal(b.nextAt(100_000), 100_000, "refilled after a long pause");
  for (let i = 0; i < 20; i++) assert.equal(b.take(100_000), true, "but never above capacity");
  assert.equal(b.take(100_000), false);
});
