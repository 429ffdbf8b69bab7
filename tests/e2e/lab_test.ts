/**
 * The README's first command: `edge6 lab --duration 2` shows the lease as
 * installed in the kernel and removes all it made.
 */
import assert from "node:assert/strict";
import { e2eTest } from "./harness.ts";
import { exec } from "../../src/agent/lab/exec.ts";

const MAIN = new URL("../../main.ts", import.meta.url).pathname;

e2eTest("edge6 lab: prints the lease, then cleans up", async () => {
  const r = await exec(Deno.execPath(), [
    "run",
    "-A",
    "--cached-only",
    MAIN,
    "lab",
    "--duration",
    "2",
  ]);
  assert.equal(r.code, 0, r.stderr + r.stdout);
  assert.match(r.stdout, /The lease, as installed in the kernel/);
  assert.match(r.stdout, /wan0 +2001:db8:1::[0-9a-f]+\/128 +valid \d+s/);
  assert.match(
    r.stdout,
    /delegated prefix 2001:db8:1[0-9a-f]{2}:[0-9a-f:]*\/56 \(unreachable route installed\)/,
  );
  assert.match(r.stdout, /LAN subnet 2001:db8:1[0-9a-f:]+\/64 on lan0/);
  assert.match(r.stdout, /DNS servers 2001:db8:1::53/);
  assert.match(r.stdout, /IA_NA 1: T1 5m, T2 8m/);
  assert.match(r.stdout, /The LAN host \(namespace edge6-lab-\d+-\d+-hst0\)/);
  assert.match(
    r.stdout,
    /host0 +2001:db8:1[0-9a-f]{2}:[0-9a-f:]+\/64 +valid \d+s, preferred \d+s \(SLAAC\)/,
  );
  assert.match(r.stdout, /default route via fe80::[0-9a-f:]+ dev host0/);
  assert.match(r.stdout, /DNS servers \(RDNSS\) 2001:db8:1::53/);
  assert.match(r.stdout, /removed the namespaces, veths and files/);
  const made = [...r.stdout.matchAll(/namespace (edge6-lab-\d+-\d+-(?:srv|rtr|hst0))/g)].map((m) =>
    m[1]!
  );
  assert.deepEqual(new Set(made).size, 3);
  const left = (await exec("ip", ["netns", "list"])).stdout;
  for (const ns of made) assert.ok(!left.includes(ns), `${ns} was removed`);
});
