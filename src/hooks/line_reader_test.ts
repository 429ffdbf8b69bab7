import assert from "node:assert/strict";
import { LineBudget, MAX_LINE, readLines } from "./line_reader.ts";

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

Deno.test("invalid UTF-8 becomes U+FFFD; a long line is cut, the rest of it counted", async () => {
  const lines: [string, number][] = [];
  const long = "x".repeat(MAX_LINE * 2 + 5);
  await readLines(
    streamOf(Uint8Array.of(0x61, 0xff, 0x0a), long + "\n", "y".repeat(MAX_LINE) + "\r\nz"),
    (l, cut) => lines.push([l, cut]),
  ).done;
  assert.deepEqual(lines.map(([l, cut]) => [l.length, cut]), [
    [2, 0],
    [MAX_LINE, MAX_LINE + 5],
    [MAX_LINE, 0],
    [1, 0],
  ]);
  assert.equal(lines[0]![0], "a\ufffd");
});

Deno.test("a line cut at the limit does not end in half a character", async () => {
  const lines: [string, number][] = [];
  // "é" is two bytes: the limit falls between them.
  const text = "a" + "é".repeat(MAX_LINE);
  await readLines(streamOf(text), (l, cut) => lines.push([l, cut])).done;
  assert.equal(lines.length, 1);
  const [line, cut] = lines[0]!;
  assert.equal(line, "a" + "é".repeat((MAX_LINE - 2) / 2));
  assert.equal(new TextEncoder().encode(line).length + cut, 1 + 2 * MAX_LINE);
});

Deno.test("once the shared budget is spent, output is only counted", async () => {
  const budget = new LineBudget(3);
  const out: string[] = [];
  const err: string[] = [];
  await readLines(streamOf("o1\no2\n"), (l) => out.push(l), budget).done;
  await readLines(streamOf("e1\ne2\ne3\n", "more"), (l) => err.push(l), budget).done;
  assert.deepEqual(out, ["o1", "o2"]);
  assert.deepEqual(err, ["e1"]);
  assert.equal(budget.droppedBytes, "e2\ne3\nmore".length);
});

Deno.test("a child's pipe is read whole through one reused buffer", async () => {
  const child = new Deno.Command("/bin/sh", {
    args: ["-c", "seq 1 100000"],
    stdout: "piped",
    stderr: "null",
    stdin: "null",
  }).spawn();
  const budget = new LineBudget(10);
  const lines: string[] = [];
  await readLines(child.stdout, (l) => lines.push(l), budget).done;
  await child.status;
  assert.deepEqual(lines, ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10"]);
  // seq 1 100000 writes 588895 bytes; the first ten lines are 21 of them.
  assert.equal(budget.droppedBytes, 588_895 - 21);
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
