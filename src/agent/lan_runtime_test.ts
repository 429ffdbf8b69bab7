/**
 * A LAN runtime over fake sockets and a fake clock: RAs leave from the
 * link-local address once it is usable, a withdrawn /64 is advertised stale
 * within the same drain (before the upstream's Release), the stale list is
 * saved and read back by the next run, router lifetime 0 without a default
 * route or with forwarding off (one warning), and the stateless server
 * answers on its socket.
 */
import assert from "node:assert/strict";
import type { LanConfig } from "../config/lan.ts";
import type { Config } from "../config/types.ts";
import type { LanAssignment } from "../hooks/lan_assignment.ts";
import { decodeNdMessage, type RouterAdvertisement } from "../ra/nd_codec.ts";
import { LanInterfaceRuntime, type LanPorts, MAX_MESSAGES_PER_WAKE } from "./lan_runtime.ts";
import type { LinkInfo } from "./ports.ts";
import { NO_UPSTREAM, type UpstreamView } from "./upstream_view.ts";

const LAN: LanConfig = {
  name: "lan0",
  routerAdvertisements: true,
  dhcpv6Server: "stateless",
  maxInterval: 600,
  minInterval: 198,
  routerLifetime: 1800,
  managed: false,
  other: true,
  dns: "upstream",
  domains: "upstream",
};
const LINK: LinkInfo = {
  index: 7,
  name: "lan0",
  hardwareType: 1,
  mac: new Uint8Array([2, 0, 0, 0, 0, 7]),
  up: true,
  carrier: true,
};
const UPSTREAM: UpstreamView = {
  leased: true,
  dnsServers: ["2001:db8:1::53"],
  domains: ["lab.example"],
  sntpServers: [],
  ntpServers: [],
  until: 3_600_000,
};
const subnet = (prefix: string): LanAssignment => ({
  interface: "lan0",
  prefix,
  prefixLength: 64,
  delegatedPrefix: `${prefix.slice(0, -4)}::/56`,
  lifetimes: { preferred: 3000, valid: 3600, receivedAt: 0 },
});

/** The outside world of one runtime, recorded. */
class World {
  now = 0;
  readonly sent: { destination: string; source: string; ra: RouterAdvertisement }[] = [];
  readonly replies: { bytes: Uint8Array; destination: string; port: number }[] = [];
  readonly logs: string[] = [];
  readonly inbox: { bytes: Uint8Array; source: string; port: number; destination?: string }[] = [];
  defaultRoute = true;
  forwarding = true;
  readonly once = new Set<string>();

  constructor(readonly dir: string) {}

  ports(): LanPorts {
    return {
      clock: { monotonic: () => this.now, wall: () => 1_800_000_000_000 + this.now },
      logger: { log: (level, message) => this.logs.push(`${level}: ${message}`) },
      random: () => 0.5,
      links: {
        get: (name) => (name === "lan0" ? LINK : undefined),
        addresses: () =>
          Promise.resolve([{
            address: "fe80::7",
            prefixLength: 64,
            tentative: false,
            dadFailed: false,
          }]),
      },
      stateDir: () => this.dir,
      duid: new Uint8Array([0, 3, 0, 1, 2, 0, 0, 0, 0, 9]),
      openRaSocket: () => ({
        fd: 100,
        send: (bytes, destination, source) => {
          const r = decodeNdMessage(bytes, source, 255);
          assert.ok(r.ok && r.message.type === "ra");
          this.sent.push({ destination, source, ra: r.message.advertisement });
        },
        receive: () => undefined,
        close: () => {},
      }),
      openServerSocket: () => ({
        fd: 101,
        send: (bytes, destination, port) => this.replies.push({ bytes, destination, port }),
        receive: () => this.inbox.shift(),
        close: () => {},
      }),
      openRouteWatch: () => ({ fd: 102, drain: () => true, close: () => {} }),
      hasDefaultRoute: () => Promise.resolve(this.defaultRoute),
      forwarding: () => this.forwarding,
      once: this.once,
    };
  }
}

async function started(world: World): Promise<LanInterfaceRuntime> {
  const runtime = new LanInterfaceRuntime(LAN, world.ports());
  runtime.start(world.now);
  await runtime.drain();
  return runtime;
}

Deno.test("LAN runtime: RAs from the link-local address; a withdrawal goes out in the same drain", async () => {
  const world = new World(await Deno.makeTempDir());
  const runtime = await started(world);
  assert.deepEqual(runtime.fds(), [100, 101, 102]);
  assert.equal(world.sent.at(-1)?.ra.routerLifetime, 0, "the first RA: no upstream lease yet");
  world.now = 10_000;
  runtime.update([subnet("2001:db8:1:1::")], UPSTREAM, world.now);
  await runtime.drain();
  const first = world.sent.at(-1)!;
  assert.equal(first.source, "fe80::7");
  assert.equal(first.destination, "ff02::1");
  assert.equal(first.ra.routerLifetime, 1800);
  assert.deepEqual(first.ra.prefixes.map((p) => [p.prefix, p.preferredLifetime, p.validLifetime]), [
    ["2001:db8:1:1::", 2700, 3590],
  ]);
  assert.deepEqual(first.ra.dnsServers, [{ lifetime: 1800, servers: ["2001:db8:1::53"] }]);
  world.now = 11_000; // within MIN_DELAY_BETWEEN_RAS of the last RA: a withdrawal is not held back
  const n = world.sent.length;
  runtime.update([], { ...UPSTREAM, leased: false }, world.now);
  await runtime.drain();
  assert.equal(world.sent.length, n + 1, "sent in this drain");
  const last = world.sent.at(-1)!.ra;
  assert.equal(last.routerLifetime, 0);
  assert.deepEqual(last.prefixes.map((p) => [p.prefix, p.validLifetime]), [["2001:db8:1:1::", 0]]);
  const saved = JSON.parse(await Deno.readTextFile(`${world.dir}/lan-lan0.json`));
  assert.deepEqual(
    saved.prefixes.map((p: { subnet: string; state: string }) => [p.subnet, p.state]),
    [
      ["2001:db8:1:1::/64", "stale"],
    ],
  );
  runtime.stop(world.now);
  runtime.close();
  // The next run reads the stale /64 back and advertises it at once.
  const next = new World(world.dir);
  next.now = 15_000;
  const again = await started(next);
  assert.deepEqual(next.sent.at(-1)?.ra.prefixes.map((p) => [p.prefix, p.validLifetime]), [[
    "2001:db8:1:1::",
    0,
  ]]);
  assert.equal(again.status(next.now).ra?.stale[0]?.subnet, "2001:db8:1:1::/64");
  await Deno.remove(world.dir, { recursive: true });
});

Deno.test("LAN runtime: router lifetime 0 without a default route or with forwarding off, warned once", async () => {
  const world = new World(await Deno.makeTempDir());
  world.defaultRoute = false;
  const runtime = await started(world);
  runtime.update([subnet("2001:db8:1:1::")], UPSTREAM, 0);
  await runtime.drain();
  assert.equal(world.sent.at(-1)!.ra.routerLifetime, 0);
  assert.equal(runtime.status(0).ra?.routerLifetimeZeroBecause, "no IPv6 default route");
  world.defaultRoute = true;
  world.forwarding = false;
  world.now = 5000;
  runtime.handleReadable(102, world.now); // the routes changed
  await runtime.drain();
  runtime.handleReadable(102, world.now);
  await runtime.drain();
  assert.equal(
    runtime.status(world.now).ra?.routerLifetimeZeroBecause,
    "net.ipv6.conf.all.forwarding is 0",
  );
  assert.equal(
    world.logs.filter((l) => l.includes("forwarding is 0: this host does not route")).length,
    1,
  );
  world.forwarding = true;
  runtime.handleReadable(102, world.now);
  await runtime.drain();
  assert.equal(runtime.status(world.now).ra?.routerLifetime, 1800);
  runtime.close();
  await Deno.remove(world.dir, { recursive: true });
});

Deno.test("LAN runtime: the stateless server answers an Information-request on its socket", async () => {
  const world = new World(await Deno.makeTempDir());
  const runtime = await started(world);
  runtime.update([subnet("2001:db8:1:1::")], UPSTREAM, 0);
  await runtime.drain();
  world.inbox.push({
    bytes: Uint8Array.from([0x0b, 1, 2, 3, 0, 6, 0, 2, 0, 23]),
    source: "fe80::99",
    port: 546,
    destination: "ff02::1:2",
  });
  world.inbox.push({ bytes: Uint8Array.from([0x0b]), source: "fe80::98", port: 546 });
  runtime.handleReadable(101, 10);
  assert.equal(world.replies.length, 1);
  assert.deepEqual([world.replies[0]!.destination, world.replies[0]!.port], ["fe80::99", 546]);
  const server = runtime.status(10).server!;
  assert.equal(server.counters.informationRequests, 1);
  assert.equal(server.counters.dropped.malformed, 1);
  runtime.close();
  await Deno.remove(world.dir, { recursive: true });
});

Deno.test("LAN runtime: a flood on the server socket is read a bounded number a wake-up", async () => {
  const world = new World(await Deno.makeTempDir());
  const runtime = await started(world);
  const junk = MAX_MESSAGES_PER_WAKE + 500;
  for (let i = 0; i < junk; i++) {
    world.inbox.push({ bytes: Uint8Array.from([0x0b]), source: "fe80::98", port: 546 });
  }
  runtime.handleReadable(101, 10);
  assert.equal(world.inbox.length, 500, "the rest waits for the next wake-up");
  runtime.handleReadable(101, 11);
  assert.equal(world.inbox.length, 0);
  assert.ok(world.logs.some((l) => l.includes("dropped: malformed")), "debug lines when enabled");
  runtime.close();
  await Deno.remove(world.dir, { recursive: true });
});

Deno.test("LAN runtime: a missing interface is a status problem until it appears", async () => {
  const world = new World(await Deno.makeTempDir());
  const ports = {
    ...world.ports(),
    links: { get: () => undefined, addresses: () => Promise.resolve([]) },
  };
  const runtime = new LanInterfaceRuntime(LAN, ports);
  runtime.start(0);
  await runtime.drain();
  assert.equal(runtime.status(0).problem, "no such interface");
  assert.deepEqual(runtime.fds(), [102]);
  assert.ok(world.logs.some((l) => l.includes("lan0: no such interface yet")));
  runtime.reconfigure(
    { lan: [{ ...LAN, maxInterval: 30, minInterval: 10 }] } as unknown as Config,
    1,
  );
  runtime.update([], NO_UPSTREAM, 1);
  runtime.close();
  await Deno.remove(world.dir, { recursive: true });
});
