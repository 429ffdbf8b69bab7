import assert from "node:assert/strict";
import { failureKind, SaveReporter } from "./save_reporter.ts";

function enospc(): Error {
  return Object.assign(new Error("No space left on device (os error 28)"), { code: "ENOSPC" });
}

Deno.test("failureKind: the errno name, else the error's name", () => {
  assert.equal(failureKind(enospc()), "ENOSPC");
  assert.equal(failureKind(new Deno.errors.PermissionDenied("no")), "PermissionDenied");
  assert.equal(failureKind("text"), "unknown");
});

Deno.test("a save failing the same way is an error once, then debug; recovery is a notice", async () => {
  const log: string[] = [];
  const reporter = new SaveReporter({ log: (level, message) => log.push(`${level} ${message}`) });
  const what = "wan0: saving the lease in /state";
  for (let i = 0; i < 5; i++) {
    assert.equal(await reporter.attempt(what, () => Promise.reject(enospc())), false);
  }
  assert.equal(reporter.failures, 5);
  assert.equal(await reporter.attempt(what, () => Promise.reject(new Error("read-only"))), false);
  assert.equal(await reporter.attempt(what, () => Promise.reject(enospc())), false);
  assert.equal(await reporter.attempt(what, () => Promise.resolve()), true);
  assert.equal(reporter.failures, 0);
  assert.deepEqual(log.map((l) => l.split(" ")[0]), [
    "error", // ENOSPC, first time
    "debug",
    "debug",
    "debug",
    "debug",
    "error", // a new kind
    "debug", // ENOSPC was reported already
    "notice", // works again
  ]);
  assert.match(log[0]!, /^error wan0: saving the lease in \/state failed: No space left on device/);
  assert.match(log[0]!, /trying again at the next change/);
  assert.match(log[4]!, /failed again \(ENOSPC; 5 failures in a row\)/);
  assert.equal(
    log[7],
    "notice wan0: saving the lease in /state works again, after 7 failed attempts",
  );

  // After a recovery, the next failure is news again.
  await reporter.attempt(what, () => Promise.reject(enospc()));
  assert.match(log[8]!, /^error /);
});
