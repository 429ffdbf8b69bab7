import assert from "node:assert/strict";
import { ERRNO, ErrnoError, errnoName } from "./errno.ts";

Deno.test("errnoName maps Linux numbers to names and unknown ones to E<n>", () => {
  assert.equal(errnoName(17), "EEXIST");
  assert.equal(errnoName(99), "EADDRNOTAVAIL");
  assert.equal(errnoName(ERRNO.ENOBUFS), "ENOBUFS");
  assert.equal(errnoName(4095), "E4095");
});

Deno.test("ErrnoError carries code, number, operation and detail in its message", () => {
  const error = new ErrnoError("RTM_NEWADDR", 17, "File exists", "address already assigned");
  assert.equal(error.code, "EEXIST");
  assert.equal(error.errno, 17);
  assert.equal(error.operation, "RTM_NEWADDR");
  assert.equal(error.detail, "address already assigned");
  assert.equal(
    error.message,
    "RTM_NEWADDR failed (EEXIST: File exists): address already assigned",
  );
  assert.ok(error instanceof Error);
});
