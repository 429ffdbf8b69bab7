import assert from "node:assert/strict";
import type { Config } from "../config/types.ts";
import type { LanAssignment } from "../hooks/lan_assignment.ts";
import { type LanRuntime, LanRuntimes } from "./lan_runtimes.ts";

/** A LAN runtime that records what the loop does to it. */
class Recorder implements LanRuntime {
  readonly calls: string[] = [];
  timeout: number | undefined;
  constructor(readonly name: string, readonly fd: number) {}
  fds(): readonly number[] {
    return [this.fd];
  }
  update(subnets: readonly LanAssignment[], now: number): void {
    this.calls.push(
      `update ${now} ${subnets.map((s) => `${s.prefix}/${s.prefixLength}`).join(" ")}`,
    );
  }
  handleReadable(fd: number, now: number): void {
    this.calls.push(`readable ${fd} ${now}`);
  }
  pollTimeout(): number | undefined {
    return this.timeout;
  }
  handleTimeout(now: number): void {
    this.calls.push(`timeout ${now}`);
    this.timeout = undefined;
  }
  drain(): Promise<void> {
    this.calls.push("drain");
    return Promise.resolve();
  }
  stop(now: number): void {
    this.calls.push(`stop ${now}`);
  }
}

const config = {} as Config;
const subnet = (iface: string, prefix: string): LanAssignment => ({
  interface: iface,
  prefix,
  prefixLength: 64,
  address: `${prefix}1`,
});

Deno.test("LAN runtimes: each gets its own subnets from every upstream, only when they change", () => {
  const lan0 = new Recorder("lan0", 20);
  const lan1 = new Recorder("lan1", 21);
  const lans = new LanRuntimes(() => [lan0, lan1]);
  lans.configure(config, 0);
  // Two upstreams feed lan0; one feeds lan1.
  const all = [
    subnet("lan0", "2001:db8:1:1::"),
    subnet("lan1", "2001:db8:1:2::"),
    subnet("lan0", "2001:db8:2:1::"),
  ];
  lans.feed(all, 5);
  assert.deepEqual(lan0.calls, ["update 5 2001:db8:1:1::/64 2001:db8:2:1::/64"]);
  assert.deepEqual(lan1.calls, ["update 5 2001:db8:1:2::/64"]);
  lans.feed([...all], 6);
  assert.equal(lan0.calls.length, 1, "the same subnets are not news");
  lans.feed(all.slice(0, 2), 7);
  assert.deepEqual(lan0.calls.at(-1), "update 7 2001:db8:1:1::/64");
  assert.equal(lan1.calls.length, 1);
});

Deno.test("LAN runtimes: descriptors, timers and stop reach the right runtime", async () => {
  const lan0 = new Recorder("lan0", 20);
  const lan1 = new Recorder("lan1", 21);
  const lans = new LanRuntimes(() => [lan0, lan1]);
  lans.configure(config, 0);
  assert.deepEqual(lans.fds(), [20, 21]);
  lans.readable(new Set([21]), 3);
  assert.deepEqual(lan1.calls, ["readable 21 3"]);
  assert.deepEqual(lan0.calls, []);
  lan0.timeout = 50;
  lan1.timeout = 40;
  assert.equal(lans.earliestTimeout(), 40);
  lans.fireTimers(45);
  assert.deepEqual(lan1.calls.at(-1), "timeout 45");
  assert.equal(lan0.calls.length, 0, "lan0's timer is not due");
  await lans.drain();
  assert.deepEqual([lan0.calls.at(-1), lan1.calls.at(-1)], ["drain", "drain"]);
  lans.stopAll(60);
  assert.deepEqual([lan0.calls.at(-1), lan1.calls.at(-1)], ["stop 60", "stop 60"]);
});

Deno.test("LAN runtimes: a reload keeps runtimes it still names and stops the others", () => {
  const lan0 = new Recorder("lan0", 20);
  const lan1 = new Recorder("lan1", 21);
  let next: LanRuntime[] = [lan0, lan1];
  const lans = new LanRuntimes(() => next);
  lans.configure(config, 0);
  lans.feed([subnet("lan0", "2001:db8:1:1::")], 1);
  const lan0Again = new Recorder("lan0", 30);
  next = [lan0Again];
  lans.configure(config, 2);
  assert.deepEqual(lan1.calls.at(-1), "stop 2");
  assert.deepEqual(lans.fds(), [20], "the running lan0 is kept, not the new one");
  lans.feed([subnet("lan0", "2001:db8:1:1::")], 3);
  assert.equal(lan0.calls.filter((c) => c.startsWith("update")).length, 1);
});
