import assert from "node:assert/strict";
import { systemClock } from "./clock.ts";

Deno.test("systemClock.monotonic never goes backwards", () => {
  const a = systemClock.monotonic();
  const b = systemClock.monotonic();
  assert.ok(b >= a);
});

Deno.test("systemClock.wall reads the system's wall clock", () => {
  const before = Date.now();
  const wall = systemClock.wall();
  const after = Date.now();
  assert.ok(before <= wall && wall <= after);
});
