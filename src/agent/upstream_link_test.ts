import assert from "node:assert/strict";
import type { InterfaceAddress, LinkInfo } from "./ports.ts";
import { UpstreamLink } from "./upstream_link.ts";

const wan: LinkInfo = {
  index: 2,
  name: "wan0",
  hardwareType: 1,
  mac: Uint8Array.of(2, 0, 0, 0, 0, 1),
  up: true,
  carrier: true,
};

function link(addresses: InterfaceAddress[] | undefined, info: LinkInfo | null = wan) {
  let now = 100;
  const told: string[] = [];
  const log: string[] = [];
  const l = new UpstreamLink("wan0", {
    clock: { monotonic: () => now, wall: () => 0 },
    links: { get: () => info ?? undefined, addresses: () => Promise.resolve(addresses) },
    logger: { log: (level, m) => log.push(`${level} ${m}`) },
  }, (t, up) => told.push(`${t} ${up ? "up" : "down"}`));
  return { l, told, log, setNow: (t: number) => (now = t) };
}

const ll = (tentative: boolean): InterfaceAddress => ({
  address: "fe80::1",
  prefixLength: 64,
  tentative,
  dadFailed: false,
});

Deno.test("upstream link: usable at start: nothing told (the engine assumes it), nothing logged", async () => {
  const { l, told, log } = await (async () => {
    const x = link([ll(false)]);
    await x.l.atStart(100);
    return x;
  })();
  assert.deepEqual(told, []);
  assert.deepEqual(log, []);
  assert.equal(l.since, 100);
});

Deno.test("upstream link: tentative at start: the engine hears down, quietly; up once DAD ends", async () => {
  const { l, told, log } = link([ll(true)]);
  await l.atStart(100);
  assert.deepEqual(told, ["100 down"]);
  assert.deepEqual(log, [
    "info wan0: waiting for its link-local address (duplicate address detection)",
  ]);
  l.input({ type: "address", report: ll(false) }, 250);
  assert.deepEqual(told, ["100 down", "250 up"]);
  assert.equal(l.since, 250);
  assert.equal(log.at(-1), "notice wan0: link up");
});

Deno.test("upstream link: no link-local address at all, or no interface, is named at start", async () => {
  const none = link([]);
  await none.l.atStart(0);
  assert.match(none.log.join("\n"), /no IPv6 link-local address \(is IPv6 enabled on wan0\?\)/);
  const absent = link([], null);
  await absent.l.atStart(0);
  assert.equal(absent.log[0], "warn wan0: no such interface yet; waiting for it to appear");
  assert.deepEqual(absent.told, ["0 down"]);
});

Deno.test("upstream link: carrier loss and return, and unreadable addresses leave carrier to decide", async () => {
  const { l, told, log } = link(undefined);
  await l.resync(10);
  assert.deepEqual(told, [], "carrier alone: still up");
  l.input({ type: "carrier", carrier: false }, 20);
  l.input({ type: "carrier", carrier: true }, 30);
  assert.deepEqual(told, ["20 down", "30 up"]);
  assert.deepEqual(log, ["notice wan0: link down", "notice wan0: link up"]);
});
