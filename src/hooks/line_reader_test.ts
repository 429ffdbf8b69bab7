import assert from "node:assert/strict";
import { MAX_LINE, readLines } from "./line_reader.ts";

function streamOf(...chunks: (string | Uint8Array)[]): ReadableStream<Uint8Array> {
  const enc = new TextEncoder();
  return new ReadableStream({
    start(c) {
      for (const chunk of chunks) c.enqueue(typeof chunk === "string" ? enc.encode(chunk) : chunk);
      c.close();
    },
  });
}

Deno.test("lines split across chunks, CRLF and a last unterminated line", async () => {
  const lines: string[] = [];
  await readLines(streamOf("one\ntw", "o\r\n\nthr", "ee"), (l) => lines.push(l)).done;
  assert.deepEqual(lines, ["one", "two", "", "three"]);
});

Deno.test("invalid UTF-8 becomes U+FFFD and long lines come in pieces", async () => {
  const lines: string[] = [];
  const long = "x".repeat(MAX_LINE * 2 + 5);
  await readLines(streamOf(Uint8Array.of(0x61, 0xff, 0x0a), long + "\n"), (l) => lines.push(l))
    .done;
  assert.deepEqual(lines.map((l) => l.length), [2, MAX_LINE, MAX_LINE, 5]);
  assert.equal(lines[0], "a\ufffd");
});

Deno.test("cancel stops a stream that never ends and keeps what was read", async () => {
  const lines: string[] = [];
  let firstLine: () => void = () => {};
  const seen = new Promise<void>((resolve) => firstLine = resolve);
  const stream = new ReadableStream<Uint8Array>({
    start(c) {
      c.enqueue(new TextEncoder().encode("line\npartial"));
    },
  });
  const r = readLines(stream, (l) => {
    lines.push(l);
    firstLine();
  });
  await seen;
  await r.cancel();
  assert.deepEqual(lines, ["line", "partial"]);
});
