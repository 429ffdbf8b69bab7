import assert from "node:assert/strict";
import { HookQueue } from "./hook_queue.ts";
import type { HookRequest } from "./ports.ts";
import { testStatus } from "../hooks/test_status.ts";

const request = (interfaceName: string): HookRequest => ({
  interfaceName,
  script: "/etc/edge6/hook.sh",
  reason: "REQUEST",
  status: testStatus({ interfaceName }),
  lan: [],
  now: 0,
});

Deno.test("hook queue: returns at once, idle waits for every run, a failure is logged", async () => {
  const log: string[] = [];
  const finish: (() => void)[] = [];
  const queue = new HookQueue({
    run: (r) =>
      r.interfaceName === "bad0"
        ? Promise.reject(new Error("exit status 3"))
        : new Promise<void>((done) => finish.push(done)),
  }, { log: (l, m) => log.push(`${l} ${m}`) });
  queue.enqueue(request("wan0"));
  queue.enqueue(request("bad0"));
  let idle = false;
  const waiting = queue.idle().then(() => (idle = true));
  await new Promise((r) => setTimeout(r, 0));
  assert.equal(idle, false, "a run is still going");
  assert.deepEqual(log, ["error bad0: hook /etc/edge6/hook.sh failed: exit status 3"]);
  finish.forEach((done) => done());
  await waiting;
  assert.equal(idle, true);
});
