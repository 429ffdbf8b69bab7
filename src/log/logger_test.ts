import assert from "node:assert/strict";
import { Logger } from "./logger.ts";
import { MemorySink } from "./sink.ts";

Deno.test("messages below the threshold are not written", () => {
  const sink = new MemorySink();
  const log = new Logger(sink, "notice");
  log.debug("d");
  log.info("i");
  log.notice("n");
  log.warn("w");
  log.error("e");
  assert.deepEqual(sink.lines.map((l) => `${l.level}:${l.message}`), [
    "notice:n",
    "warn:w",
    "error:e",
  ]);
  assert.ok(!log.enabled("info"));
  assert.ok(log.enabled("warn"));
});

Deno.test("children add a prefix and share the threshold", () => {
  const sink = new MemorySink();
  const log = new Logger(sink, "info");
  const eth0 = log.child("eth0: ");
  eth0.info("bound");
  eth0.debug("hidden");
  log.threshold = "debug";
  eth0.debug("shown");
  eth0.threshold = "error";
  log.info("hidden too");
  assert.deepEqual(sink.lines.map((l) => l.message), ["eth0: bound", "eth0: shown"]);
  assert.equal(log.threshold, "error");
});

Deno.test("messages are escaped to one line before the sink sees them", () => {
  const sink = new MemorySink();
  new Logger(sink, "debug").info("hook said: x\ny");
  assert.equal(sink.lines[0]?.message, "hook said: x\\x0ay");
});

Deno.test("a failing sink does not throw into the caller", () => {
  let calls = 0;
  const log = new Logger({
    write() {
      calls++;
      throw new Error("disk full");
    },
  }, "debug");
  log.error("still running");
  assert.equal(calls, 1);
});
