import assert from "node:assert/strict";
import { decodeLink, encodeGetLink, formatMac } from "./link.ts";

// RTM_NEWLINK payload for "eth0", index 4, UP|BROADCAST|RUNNING|MULTICAST|LOWER_UP.
// deno-fmt-ignore
const ETH0 = Uint8Array.from([
  0, 0, 1, 0, // ifi_family AF_UNSPEC, pad, ifi_type ARPHRD_ETHER
  4, 0, 0, 0, // ifi_index 4
  0x43, 0x10, 0x01, 0x00, // ifi_flags 0x11043
  0, 0, 0, 0, // ifi_change
  9, 0, 3, 0, 0x65, 0x74, 0x68, 0x30, 0, 0, 0, 0, // IFLA_IFNAME "eth0"
  10, 0, 1, 0, 0x02, 0x00, 0x5e, 0x10, 0x20, 0x30, 0, 0, // IFLA_ADDRESS 02:00:5e:10:20:30
  8, 0, 4, 0, 0xdc, 0x05, 0, 0, // IFLA_MTU 1500
  5, 0, 16, 0, 6, 0, 0, 0, // IFLA_OPERSTATE IF_OPER_UP
  5, 0, 33, 0, 1, 0, 0, 0, // IFLA_CARRIER 1
]);

Deno.test("decodeLink reads name, MAC, flags, MTU and carrier", () => {
  const link = decodeLink(ETH0);
  assert.equal(link.index, 4);
  assert.equal(link.name, "eth0");
  assert.equal(link.mac, "02:00:5e:10:20:30");
  assert.deepEqual([...link.hardwareAddress!], [0x02, 0x00, 0x5e, 0x10, 0x20, 0x30]);
  assert.equal(link.hardwareType, 1);
  assert.equal(link.flags, 0x11043);
  assert.deepEqual([link.up, link.running, link.lowerUp, link.loopback], [true, true, true, false]);
  assert.equal(link.mtu, 1500);
  assert.equal(link.operState, 6);
  assert.equal(link.carrier, true);
});

Deno.test("decodeLink: an all-zero hardware address (loopback) is no MAC", () => {
  const lo = ETH0.slice();
  lo.fill(0, 32, 38);
  assert.equal(decodeLink(lo).mac, undefined);
  assert.throws(() => decodeLink(ETH0.subarray(0, 15)), /ifinfomsg needs 16 bytes, got 15/);
  assert.throws(() => decodeLink(ETH0.subarray(0, 16)), /without IFLA_IFNAME/);
});

Deno.test("encodeGetLink puts the index at offset 4; formatMac pads", () => {
  assert.deepEqual([...encodeGetLink(7)], [0, 0, 0, 0, 7, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  assert.equal(formatMac(Uint8Array.from([0, 1, 0xab])), "00:01:ab");
});
