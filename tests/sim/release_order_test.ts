/**
 * Issue 9, item 12 (RFC 9915 §18.2.7, §6.3; RFC 9096 §3.3): before a Release
 * is sent, everything of its leases is withdrawn and the RELEASE hook, showing
 * the state after the withdrawal, is started; with `releaseHookWait` the
 * Release waits for the shell to report the hook's end.
 */
import assert from "node:assert/strict";
import { MessageType } from "../../src/dhcp6/constants.ts";
import type { Option } from "../../src/dhcp6/options/types.ts";
import { prefixesIn, Simulation, testConfig } from "./harness.ts";
import { serverA } from "./fixtures.ts";

const DNS: Option = { name: "DNS_SERVERS", code: 23, servers: ["2001:db8::53"] };

/** The position of the first recorded action of `type` at or after `from`. */
function indexOf(sim: Simulation, type: string, from = 0): number {
  return sim.actions.findIndex((a, i) => i >= from && a.action.type === type);
}

Deno.test("12: stop: the RELEASE hook goes with the Release, not after its Reply, showing nothing held", () => {
  const sim = new Simulation({ config: testConfig(), servers: [serverA({ extra: [DNS] })] })
    .start();
  sim.runFor(5000);
  // No Reply will come: before, the RELEASE hook waited for the last retransmission.
  sim.serversReachable = false;
  const mark = sim.actions.length;
  sim.command("stop");
  const release = sim.sentOfType(MessageType.RELEASE)[0]!;
  const hook = sim.actionsOf("hook").find((h) => h.action.reason === "RELEASE")!;
  assert.ok(hook, "the RELEASE hook is queued with the Release");
  assert.equal(hook.time, release.time);
  assert.equal(hook.action.holdsRelease, undefined, "without releaseHookWait nothing is held");
  // The order of the actions, all carried out before the transmit: kernel, lease file, hook.
  const removeAt = indexOf(sim, "prefix-remove", mark);
  const hookAt = indexOf(sim, "hook", mark);
  assert.ok(removeAt >= 0 && removeAt < hookAt, "the prefix is withdrawn before the hook");
  assert.deepEqual(hook.action.status.addresses, []);
  assert.deepEqual(hook.action.status.prefixes, []);
  assert.deepEqual(hook.action.status.options, [], "the DNS of the released binding goes too");
  assert.equal(hook.action.status.state, "releasing");
  sim.runFor(60_000);
  assert.deepEqual(sim.actionsOf("hook").map((h) => h.action.reason), [
    "REQUEST",
    "RELEASE",
    "EXIT",
  ]);
});

Deno.test("12: with releaseHookWait the Release waits for handleHookDone, then retransmits from there", () => {
  const sim = new Simulation({
    config: testConfig({ releaseHookWait: 30_000 }),
    servers: [serverA()],
  }).start();
  sim.runFor(5000);
  sim.serversReachable = false;
  sim.command("stop");
  const hook = sim.actionsOf("hook").at(-1)!.action;
  assert.equal(hook.reason, "RELEASE");
  assert.equal(hook.holdsRelease, true);
  assert.equal(sim.actionsOf("prefix-remove").length, 1, "withdrawn at once");
  sim.runFor(5000);
  assert.equal(sim.sentOfType(MessageType.RELEASE).length, 0, "held while the hook runs");
  assert.equal(sim.client.status(sim.now).state, "releasing");
  const doneAt = sim.now;
  sim.client.handleHookDone(doneAt);
  sim.drain();
  const releases = () => sim.sentOfType(MessageType.RELEASE);
  assert.equal(releases().length, 1);
  assert.equal(releases()[0]!.time, doneAt);
  assert.deepEqual(prefixesIn(releases()[0]!.message), ["2001:db8:1000::"]);
  // A second report changes nothing; the retransmissions run from the real first send (§15).
  sim.client.handleHookDone(sim.now);
  sim.drain();
  assert.equal(releases().length, 1);
  sim.runFor(60_000);
  assert.equal(releases().length, 4, "REL_MAX_RC");
  const rt = releases()[1]!.time - doneAt;
  assert.ok(rt >= 900 && rt <= 1100, `first RT from the send (${rt} ms)`);
  assert.equal(sim.actionsOf("stopped").length, 1);
});

Deno.test("12: a RELEASE hook that never reports back delays the Release by releaseHookWait at most", () => {
  const sim = new Simulation({
    config: testConfig({ releaseHookWait: 35_000 }),
    servers: [serverA()],
  }).start();
  sim.runFor(5000);
  const stopAt = sim.now;
  sim.command("stop");
  sim.runFor(34_000);
  assert.equal(sim.sentOfType(MessageType.RELEASE).length, 0);
  sim.runFor(2000);
  const release = sim.sentOfType(MessageType.RELEASE)[0]!;
  assert.equal(release.time, stopAt + 35_000);
  assert.ok(sim.logs().some((l) => l.includes("RELEASE hook did not finish within 35000 ms")));
  sim.runFor(5000);
  assert.equal(sim.client.status(sim.now).state, "stopped", "the server's Reply ends it");
});

Deno.test("12: the release command and a reload removing an IA hold their Release for the hook too", () => {
  const config = testConfig({
    releaseHookWait: 30_000,
    iaPd: [{ iaid: 0, hints: [] }, { iaid: 2, hints: [] }],
  });
  const server = serverA({
    pool: {
      addresses: { 1: "2001:db8::100" },
      prefixes: { 0: ["2001:db8:1000::", 56], 2: ["2001:db8:2200::", 56] },
      preferred: 3600,
      valid: 7200,
      t1: 1800,
      t2: 2880,
    },
  });
  const sim = new Simulation({ config, servers: [server] }).start();
  sim.runFor(5000);
  assert.equal(sim.configure({ ...config, iaPd: [{ iaid: 0, hints: [] }] }), "applied");
  const hook = sim.actionsOf("hook").at(-1)!.action;
  assert.equal(hook.reason, "RELEASE");
  assert.equal(hook.holdsRelease, true);
  assert.deepEqual(hook.status.prefixes.map((p) => p.prefix), ["2001:db8:1000::"]);
  assert.equal(sim.sentOfType(MessageType.RELEASE).length, 0);
  sim.client.handleHookDone(sim.now);
  sim.drain();
  assert.deepEqual(prefixesIn(sim.sentOfType(MessageType.RELEASE)[0]!.message), [
    "2001:db8:2200::",
  ]);
  sim.runFor(1000);
  assert.equal(sim.client.status(sim.now).state, "bound");

  sim.command("release");
  assert.equal(sim.sentOfType(MessageType.RELEASE).length, 1, "held again");
  sim.client.handleHookDone(sim.now);
  sim.drain();
  assert.equal(sim.sentOfType(MessageType.RELEASE).length, 2);
  sim.runFor(1000);
  assert.equal(sim.client.status(sim.now).state, "idle");
});

Deno.test("12: the link going down while the Release is held ends it as unanswered", () => {
  const sim = new Simulation({
    config: testConfig({ releaseHookWait: 30_000 }),
    servers: [serverA()],
  }).start();
  sim.runFor(5000);
  sim.command("stop");
  sim.link(false);
  assert.equal(sim.client.status(sim.now).state, "stopped");
  sim.client.handleHookDone(sim.now);
  sim.drain();
  assert.equal(sim.sentOfType(MessageType.RELEASE).length, 0, "nothing is sent after the stop");
});
