import assert from "node:assert/strict";
import { LinkTable } from "./link_table.ts";
import type { LinkInfo, NetConfig, NetEvent } from "./ports.ts";

const wan: LinkInfo = {
  index: 2,
  name: "wan0",
  hardwareType: 1,
  mac: Uint8Array.of(2, 0, 0, 0, 0, 1),
  up: true,
  carrier: true,
};

function table(links: LinkInfo[] = [wan], addressError?: Error) {
  const log: string[] = [];
  const net = {
    links: () => Promise.resolve(links),
    addresses: () =>
      addressError === undefined
        ? Promise.resolve([{
          address: "fe80::1",
          prefixLength: 64,
          tentative: false,
          dadFailed: false,
        }])
        : Promise.reject(addressError),
  } as unknown as NetConfig;
  return { t: new LinkTable(net, { log: (l, m) => log.push(`${l} ${m}`) }), log };
}

function address(
  over: Partial<Extract<NetEvent, { type: "address" }>>,
): Extract<NetEvent, { type: "address" }> {
  return {
    type: "address",
    interfaceIndex: 2,
    address: "2001:db8::100",
    prefixLength: 128,
    tentative: false,
    dadFailed: false,
    removed: false,
    ...over,
  };
}

Deno.test("link table: refresh reads the interfaces; addresses of an absent one are none", async () => {
  const { t } = table();
  assert.equal(t.get("wan0"), undefined);
  await t.refresh();
  assert.equal(t.get("wan0")?.index, 2);
  assert.equal((await t.addresses("wan0"))?.[0]?.address, "fe80::1");
  assert.deepEqual(await t.addresses("nope0"), []);
});

Deno.test("link table: unreadable addresses are undefined, and logged", async () => {
  const { t, log } = table([wan], new Error("EPERM"));
  await t.refresh();
  assert.equal(await t.addresses("wan0"), undefined);
  assert.deepEqual(log, ["warn wan0: reading its addresses failed: EPERM"]);
});

Deno.test("link table: a link event reports carrier, and a new or changed link", () => {
  const { t } = table();
  assert.deepEqual(t.handle({ type: "link", link: wan }), [
    { type: "carrier", name: "wan0", carrier: true },
    { type: "link-changed", name: "wan0" },
  ]);
  // Same link again: carrier only.
  assert.deepEqual(t.handle({ type: "link", link: { ...wan, carrier: false } }), [
    { type: "carrier", name: "wan0", carrier: false },
  ]);
  // Carrier back: its LAN addresses (Linux flushed them) are made again.
  assert.deepEqual(t.handle({ type: "link", link: wan }), [
    { type: "carrier", name: "wan0", carrier: true },
    { type: "link-changed", name: "wan0" },
  ]);
  // Administratively down counts as no carrier.
  assert.deepEqual(t.handle({ type: "link", link: { ...wan, up: false } })[0], {
    type: "carrier",
    name: "wan0",
    carrier: false,
  });
  assert.deepEqual(t.handle({ type: "link-removed", index: 2, name: "wan0" }), [
    { type: "link-removed", name: "wan0" },
  ]);
  assert.equal(t.get("wan0"), undefined);
});

Deno.test("link table: link-local addresses go to link readiness, as they are", () => {
  const { t } = table();
  const event = address({ address: "fe80::1", prefixLength: 64, tentative: true });
  assert.deepEqual(t.handle(event), [{ type: "link-local", index: 2, report: event }]);
});

Deno.test("link table: DAD finished once per tentative period; failures reported once", () => {
  const { t } = table();
  assert.deepEqual(t.handle(address({})), [], "never seen tentative: a lifetime refresh");
  assert.deepEqual(t.handle(address({ tentative: true })), []);
  assert.deepEqual(t.handle(address({})), [
    { type: "address-ready", index: 2, address: "2001:db8::100" },
  ]);
  assert.deepEqual(t.handle(address({})), [], "a refresh after DAD is not news");
  assert.deepEqual(t.handle(address({ tentative: true })), []);
  assert.deepEqual(t.handle(address({ dadFailed: true })), [
    { type: "address-dad-failed", index: 2, address: "2001:db8::100" },
  ]);
  assert.deepEqual(
    t.handle(address({ dadFailed: true, removed: true })),
    [],
    "flagged, then removed",
  );
  assert.deepEqual(t.handle(address({ removed: true })), []);
  assert.deepEqual(t.handle({ type: "resync" }), [{ type: "resync" }]);
});
