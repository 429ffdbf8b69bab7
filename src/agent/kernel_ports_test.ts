import assert from "node:assert/strict";
import type { AddressInfo, LinkInfo as FfiLinkInfo } from "../../ffi/mod.ts";
import type { Udp6Socket } from "../../ffi/mod.ts";
import { isDelegatedPrefixRoute, toLinkInfo, toNetEvent, udpTransport } from "./kernel_ports.ts";

const link: FfiLinkInfo = {
  index: 4,
  name: "lan0",
  mac: "02:00:00:00:00:01",
  hardwareAddress: new Uint8Array([2, 0, 0, 0, 0, 1]),
  hardwareType: 1,
  flags: 0x11043,
  up: true,
  running: true,
  lowerUp: false,
  loopback: false,
  mtu: 1500,
  operState: 2,
  carrier: false,
};

const address: AddressInfo = {
  ifindex: 2,
  address: "2001:db8:1::100",
  prefixLength: 128,
  scope: 0,
  flags: 0x08,
  validLifetime: 100,
  preferredLifetime: 50,
  tentative: false,
  dadFailed: true,
  optimistic: false,
  deprecated: false,
  permanent: false,
  noPrefixRoute: true,
};

Deno.test("toLinkInfo: carrier is IFF_LOWER_UP, a missing MAC is empty", () => {
  const l = toLinkInfo(link);
  assert.deepEqual([l.index, l.name, l.up, l.carrier, [...l.mac]], [4, "lan0", true, false, [
    2,
    0,
    0,
    0,
    0,
    1,
  ]]);
  assert.equal(toLinkInfo({ ...link, hardwareAddress: undefined }).mac.length, 0);
});

Deno.test("toNetEvent maps links, removals, DAD failures and overruns", () => {
  assert.equal(toNetEvent({ kind: "link", change: "new", link }).type, "link");
  assert.deepEqual(toNetEvent({ kind: "link", change: "deleted", link }), {
    type: "link-removed",
    index: 4,
    name: "lan0",
  });
  assert.deepEqual(toNetEvent({ kind: "address", change: "deleted", address }), {
    type: "address",
    interfaceIndex: 2,
    address: "2001:db8:1::100",
    prefixLength: 128,
    tentative: false,
    dadFailed: true,
    removed: true,
  });
  assert.deepEqual(toNetEvent({ kind: "overrun" }), { type: "resync" });
});

Deno.test("isDelegatedPrefixRoute: unreachable, main table, proto dhcp only", () => {
  const ours = {
    destination: "2001:db8:100::",
    prefixLength: 56,
    type: 7, // RTN_UNREACHABLE
    table: 254,
    protocol: 16, // RTPROT_DHCP
    scope: 0,
    ifindex: 1, // the kernel hangs reject routes on lo
    priority: 1024,
    gateway: undefined,
    expires: undefined,
  };
  assert.equal(isDelegatedPrefixRoute(ours), true);
  assert.equal(isDelegatedPrefixRoute({ ...ours, type: 1 }), false, "unicast");
  assert.equal(isDelegatedPrefixRoute({ ...ours, protocol: 4 }), false, "static");
  assert.equal(isDelegatedPrefixRoute({ ...ours, table: 100 }), false, "other table");
  assert.equal(isDelegatedPrefixRoute({ ...ours, prefixLength: 128 }), false, "host route");
});

Deno.test("udpTransport: a datagram keeps the destination it was sent to (IPV6_PKTINFO)", () => {
  const queue = [
    {
      data: Uint8Array.of(7),
      from: { address: "fe80::1", port: 547 },
      ifindex: 2,
      destination: "ff02::1:2",
    },
    { data: Uint8Array.of(7), from: { address: "fe80::1", port: 547 }, ifindex: 2 },
  ];
  const socket = { fd: 9, receive: () => queue.shift() } as unknown as Udp6Socket;
  const transport = udpTransport(socket);
  assert.equal(transport.receive()?.destination, "ff02::1:2");
  const second = transport.receive();
  assert.ok(second !== undefined && !("destination" in second), "no destination: none made up");
});
