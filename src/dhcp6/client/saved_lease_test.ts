import assert from "node:assert/strict";
import { EARLIEST_SET_WALL_CLOCK, savedLeaseAge } from "./saved_lease.ts";

const T = 1_767_225_600_000; // 2026-01-01T00:00:00Z

Deno.test("savedLeaseAge: whole seconds since saving on a set clock", () => {
  assert.deepEqual(savedLeaseAge(T, T), { seconds: 0 });
  assert.deepEqual(savedLeaseAge(T, T + 90_999), { seconds: 90 });
  assert.deepEqual(savedLeaseAge(EARLIEST_SET_WALL_CLOCK, EARLIEST_SET_WALL_CLOCK + 1000), {
    seconds: 1,
  });
});

Deno.test("savedLeaseAge: a clock behind the lease's, or an unset clock, gives no age", () => {
  const unknown = (savedAt: number, now: number) => {
    const age = savedLeaseAge(savedAt, now);
    assert.ok("unknown" in age, `saved ${savedAt}, now ${now}: ${JSON.stringify(age)}`);
    return age.unknown;
  };
  assert.equal(unknown(T, T - 1), "the wall clock is 1 s behind the time it was saved");
  assert.match(unknown(T, 30_000), /the wall clock is not set \(before 2020\)/);
  // Both on an unset clock (a router without RTC or NTP): the difference measures nothing.
  assert.match(unknown(10_000, 20_000), /saved while the wall clock was not set/);
  assert.match(unknown(EARLIEST_SET_WALL_CLOCK - 1, T), /saved while the wall clock was not set/);
  assert.match(unknown(Number.NaN, T), /not a number/);
});
