import assert from "node:assert/strict";
import { levelForVerbosity, LEVELS, parseLevel, passes, SEVERITY } from "./level.ts";

Deno.test("severities follow syslog.h, most severe first", () => {
  assert.deepEqual(LEVELS.map((l) => SEVERITY[l]), [3, 4, 5, 6, 7]);
});

Deno.test("-d raises to info and -D to debug; the default shows notices", () => {
  assert.equal(levelForVerbosity(0), "notice");
  assert.equal(levelForVerbosity(1), "info");
  assert.equal(levelForVerbosity(2), "debug");
  assert.equal(levelForVerbosity(5), "debug");
});

Deno.test("passes compares against the threshold", () => {
  assert.ok(passes("error", "notice"));
  assert.ok(passes("notice", "notice"));
  assert.ok(!passes("info", "notice"));
  assert.ok(passes("debug", "debug"));
});

Deno.test("parseLevel accepts the usual spellings", () => {
  assert.equal(parseLevel("WARNING"), "warn");
  assert.equal(parseLevel("err"), "error");
  assert.equal(parseLevel("debug"), "debug");
  assert.equal(parseLevel("verbose"), undefined);
});
