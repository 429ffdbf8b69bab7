import assert from "node:assert/strict";
import { type LineSource, readControlLine } from "./control_line.ts";

/** A connection that hands out `chunks` one read at a time, then end of stream (or nothing). */
function source(chunks: string[], thenWait = false): LineSource {
  const bytes = chunks.map((c) => new TextEncoder().encode(c));
  return {
    read(buffer) {
      const next = bytes.shift();
      if (next === undefined) return thenWait ? new Promise(() => {}) : Promise.resolve(null);
      buffer.set(next);
      return Promise.resolve(next.length);
    },
  };
}

Deno.test("readControlLine: up to the newline, across reads; what follows is ignored", async () => {
  assert.deepEqual(await readControlLine(source(['{"comm', 'and":1}\nextra']), 100), {
    line: '{"command":1}',
  });
  assert.deepEqual(await readControlLine(source(["no newline"]), 100), { line: "no newline" });
  assert.deepEqual(await readControlLine(source([]), 100), { line: "" });
});

Deno.test("readControlLine: a line over the limit is an error, a line at it is not", async () => {
  assert.deepEqual(await readControlLine(source(["x".repeat(10) + "\n"]), 10), {
    line: "x".repeat(10),
  });
  assert.deepEqual(await readControlLine(source(["x".repeat(6), "x".repeat(6)]), 10), {
    error: "control line longer than 10 bytes",
  });
});

Deno.test("readControlLine: an interrupt ends a read that waits", async () => {
  assert.deepEqual(
    await readControlLine(source(['{"command"'], true), 100, Promise.resolve("too slow")),
    { error: "too slow" },
  );
});
