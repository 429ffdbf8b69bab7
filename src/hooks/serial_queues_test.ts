import assert from "node:assert/strict";
import { SerialQueues } from "./serial_queues.ts";

/** A job that runs until `finish` is called, recording its start. */
function gate(name: string, log: string[]) {
  let finish: () => void = () => {};
  const done = new Promise<string>((resolve) => (finish = () => resolve(name)));
  return {
    job: () => (log.push(`start ${name}`), done),
    finish: () => finish(),
  };
}

Deno.test("serial queues: one job at a time per key, in order; keys do not wait for each other", async () => {
  const log: string[] = [];
  const queues = new SerialQueues<string>(8);
  const a1 = gate("a1", log), a2 = gate("a2", log), b1 = gate("b1", log);
  const results = [
    queues.add("a", a1.job, () => "skipped a1"),
    queues.add("a", a2.job, () => "skipped a2"),
    queues.add("b", b1.job, () => "skipped b1"),
  ];
  await Promise.resolve();
  assert.deepEqual(log, ["start a1", "start b1"]);
  a1.finish();
  b1.finish();
  await results[0];
  await new Promise((r) => setTimeout(r, 0));
  assert.deepEqual(log, ["start a1", "start b1", "start a2"]);
  a2.finish();
  assert.deepEqual(await Promise.all(results), ["a1", "a2", "b1"]);
  await queues.idle();
});

Deno.test("serial queues: behind a job that hangs, the oldest waiting ones are skipped", async () => {
  const log: string[] = [];
  const queues = new SerialQueues<string>(2);
  const stuck = gate("stuck", log);
  const first = queues.add("a", stuck.job, () => "skipped stuck");
  const later = [1, 2, 3, 4].map((n) =>
    queues.add(
      "a",
      () => (log.push(`start ${n}`), Promise.resolve(`ran ${n}`)),
      () => `skipped ${n}`,
    )
  );
  // Two may wait: 1 and 2 were pushed out by 3 and 4 at once.
  assert.deepEqual(await Promise.all(later.slice(0, 2)), ["skipped 1", "skipped 2"]);
  stuck.finish();
  assert.equal(await first, "stuck");
  assert.deepEqual(await Promise.all(later.slice(2)), ["ran 3", "ran 4"]);
  assert.deepEqual(log, ["start stuck", "start 3", "start 4"]);
  await queues.idle("a");
});
