import assert from "node:assert/strict";
import { formatStderrLine, isJournalStream, stderrSink } from "./stderr_sink.ts";

const T = new Date(Date.UTC(2026, 10, 27, 10, 0, 0, 5));

Deno.test("journald lines start with the syslog severity", () => {
  assert.equal(formatStderrLine("warn", "x", true, T), "<4>x\n");
  assert.equal(formatStderrLine("debug", "y", true, T), "<7>y\n");
  assert.equal(formatStderrLine("error", "z", false, T), "2026-11-27T10:00:00.005Z error: z\n");
});

Deno.test("the sink writes formatted lines through its writer", () => {
  const out: string[] = [];
  const sink = stderrSink({ journal: false, now: () => T, write: (l) => out.push(l) });
  sink.write("notice", "started");
  assert.deepEqual(out, ["2026-11-27T10:00:00.005Z notice: started\n"]);
});

Deno.test("JOURNAL_STREAM counts only when it names our stderr", () => {
  assert.equal(isJournalStream(undefined, { dev: 1, ino: 2 }), false);
  assert.equal(isJournalStream("8:1234", { dev: 8, ino: 1234 }), true);
  assert.equal(isJournalStream("8:1234", { dev: 8, ino: 99 }), false);
  assert.equal(isJournalStream("8:1234", undefined), true);
  assert.equal(isJournalStream("garbage", { dev: 8, ino: 1234 }), false);
});
