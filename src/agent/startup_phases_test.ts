import assert from "node:assert/strict";
import { StartupPhases } from "./startup_phases.ts";
import type { Level } from "../log/level.ts";

Deno.test("StartupPhases: each phase once per subject, held until the logger exists", () => {
  let t = 0;
  const phases = new StartupPhases(() => t);
  const lines: [Level, string][] = [];
  t = 12.34;
  phases.mark("loaded");
  t = 20;
  phases.mark("config read");
  phases.mark("loaded"); // again: not logged twice
  assert.equal(lines.length, 0);
  phases.attach({ log: (level, message) => lines.push([level, message]) });
  t = 31;
  phases.mark("Solicit sent", "wan0");
  phases.mark("Solicit sent", "wan1");
  phases.mark("Solicit sent", "wan0");
  assert.deepEqual(lines, [
    ["debug", "start-up: loaded at 12.3 ms"],
    ["debug", "start-up: config read at 20.0 ms"],
    ["debug", "start-up: wan0: Solicit sent at 31.0 ms"],
    ["debug", "start-up: wan1: Solicit sent at 31.0 ms"],
  ]);
});
