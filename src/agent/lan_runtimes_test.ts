import assert from "node:assert/strict";
import type { Config } from "../config/types.ts";
import type { LanAssignment } from "../hooks/lan_assignment.ts";
import type { LanStatus } from "../hooks/lan_status.ts";
import { type LanContext, type LanRuntime, LanRuntimes } from "./lan_runtimes.ts";
import type { LinkNews } from "./link_table.ts";
import { NO_UPSTREAM, type UpstreamView } from "./upstream_view.ts";

/** A LAN runtime that records what the loop does to it. */
class Recorder implements LanRuntime {
  readonly calls: string[] = [];
  timeout: number | undefined;
  constructor(readonly name: string, readonly fd: number) {}
  start(now: number): void {
    this.calls.push(`start ${now}`);
  }
  reconfigure(_config: Config, now: number): void {
    this.calls.push(`reconfigure ${now}`);
  }
  fds(): readonly number[] {
    return [this.fd];
  }
  update(subnets: readonly LanAssignment[], upstream: UpstreamView, now: number): void {
    this.calls.push(
      `update ${now} ${subnets.map((s) => `${s.prefix}/${s.prefixLength}`).join(" ")}${
        upstream.leased ? " leased" : ""
      }`,
    );
  }
  handleNews(news: LinkNews, now: number): void {
    this.calls.push(`news ${news.type} ${now}`);
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
  close(): void {
    this.calls.push("close");
  }
  status(): LanStatus {
    return { name: this.name };
  }
}

const config = {} as Config;
const context = {} as LanContext;
const subnet = (iface: string, prefix: string, receivedAt = 0): LanAssignment => ({
  interface: iface,
  prefix,
  prefixLength: 64,
  address: `${prefix}1`,
  lifetimes: { preferred: 100, valid: 200, receivedAt },
});
const updates = (r: Recorder) => r.calls.filter((c) => c.startsWith("update"));

Deno.test("LAN runtimes: each gets its own subnets from every upstream, only when they change", () => {
  const lan0 = new Recorder("lan0", 20);
  const lan1 = new Recorder("lan1", 21);
  const lans = new LanRuntimes(() => [lan0, lan1], context);
  lans.configure(config, 0);
  assert.deepEqual([lan0.calls, lan1.calls], [["start 0"], ["start 0"]]);
  // Two upstreams feed lan0; one feeds lan1.
  const all = [
    subnet("lan0", "2001:db8:1:1::"),
    subnet("lan1", "2001:db8:1:2::"),
    subnet("lan0", "2001:db8:2:1::"),
  ];
  lans.feed(all, NO_UPSTREAM, 5);
  assert.deepEqual(updates(lan0), ["update 5 2001:db8:1:1::/64 2001:db8:2:1::/64"]);
  assert.deepEqual(updates(lan1), ["update 5 2001:db8:1:2::/64"]);
  lans.feed([...all], NO_UPSTREAM, 6);
  assert.equal(updates(lan0).length, 1, "the same subnets are not news");
  lans.feed(all.slice(0, 2), NO_UPSTREAM, 7);
  assert.deepEqual(updates(lan0).at(-1), "update 7 2001:db8:1:1::/64");
  assert.equal(updates(lan1).length, 1);
  // Renewed lifetimes and a new upstream view are news.
  lans.feed([subnet("lan0", "2001:db8:1:1::", 9), all[1]!], NO_UPSTREAM, 9);
  assert.equal(updates(lan0).length, 3);
  lans.feed([subnet("lan0", "2001:db8:1:1::", 9), all[1]!], { ...NO_UPSTREAM, leased: true }, 10);
  assert.deepEqual(updates(lan1).at(-1), "update 10 2001:db8:1:2::/64 leased");
});

Deno.test("LAN runtimes: descriptors, news, timers, stop and close reach the right runtime", async () => {
  const lan0 = new Recorder("lan0", 20);
  const lan1 = new Recorder("lan1", 21);
  const lans = new LanRuntimes(() => [lan0, lan1], context);
  lans.configure(config, 0);
  assert.deepEqual(lans.fds(), [20, 21]);
  lans.readable(new Set([21]), 3);
  assert.deepEqual(lan1.calls.at(-1), "readable 21 3");
  assert.deepEqual(lan0.calls, ["start 0"]);
  lans.news({ type: "carrier", name: "lan0", carrier: true }, 4);
  assert.deepEqual([lan0.calls.at(-1), lan1.calls.at(-1)], ["news carrier 4", "news carrier 4"]);
  lan0.timeout = 50;
  lan1.timeout = 40;
  assert.equal(lans.earliestTimeout(), 40);
  lans.fireTimers(45);
  assert.deepEqual(lan1.calls.at(-1), "timeout 45");
  assert.ok(!lan0.calls.includes("timeout 45"), "lan0's timer is not due");
  await lans.drain();
  assert.deepEqual([lan0.calls.at(-1), lan1.calls.at(-1)], ["drain", "drain"]);
  lans.stopAll(60);
  assert.deepEqual([lan0.calls.at(-1), lan1.calls.at(-1)], ["stop 60", "stop 60"]);
  lans.closeAll();
  assert.deepEqual([lan0.calls.at(-1), lan1.calls.at(-1)], ["close", "close"]);
  assert.deepEqual(lans.statuses(61).map((s) => s.name), ["lan0", "lan1"]);
});

Deno.test("LAN runtimes: a reload keeps and reconfigures those it still names, stops and closes the others", () => {
  const lan0 = new Recorder("lan0", 20);
  const lan1 = new Recorder("lan1", 21);
  let next: LanRuntime[] = [lan0, lan1];
  const lans = new LanRuntimes(() => next, context);
  lans.configure(config, 0);
  lans.feed([subnet("lan0", "2001:db8:1:1::")], NO_UPSTREAM, 1);
  const lan0Again = new Recorder("lan0", 30);
  const lan2 = new Recorder("lan2", 32);
  next = [lan0Again, lan2];
  lans.configure(config, 2);
  assert.deepEqual(lan1.calls.slice(-2), ["stop 2", "close"]);
  assert.deepEqual(lan0.calls.at(-1), "reconfigure 2");
  assert.deepEqual(lan0Again.calls, [], "the new lan0 is never started");
  assert.deepEqual(lans.fds(), [20, 32], "the running lan0 is kept, not the new one");
  assert.deepEqual(lan2.calls, ["start 2", "update 2 "], "a new runtime hears the last feed");
  lans.feed([subnet("lan0", "2001:db8:1:1::")], NO_UPSTREAM, 3);
  assert.equal(updates(lan0).length, 1);
});
