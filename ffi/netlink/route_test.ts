import assert from "node:assert/strict";
import { decodeRoute, encodeRoute } from "./route.ts";
import { RTN_UNREACHABLE } from "./constants.ts";

// RTM_NEWROUTE payload: unreachable 2001:db8:1::/48, main table, proto dhcp, metric 1024.
// deno-fmt-ignore
const UNREACHABLE_48 = Uint8Array.from([
  10, 48, 0, 0, // rtm_family AF_INET6, rtm_dst_len 48, src_len 0, tos 0
  254, 16, 0, 7, // rtm_table main, rtm_protocol dhcp, rtm_scope universe, rtm_type unreachable
  0, 0, 0, 0, // rtm_flags
  20, 0, 1, 0, 0x20, 0x01, 0x0d, 0xb8, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, // RTA_DST
  8, 0, 15, 0, 254, 0, 0, 0, // RTA_TABLE 254
  8, 0, 6, 0, 0, 4, 0, 0, // RTA_PRIORITY 1024
]);

Deno.test("encodeRoute builds an unreachable route by default", () => {
  assert.deepEqual(
    encodeRoute({ destination: "2001:db8:1::", prefixLength: 48, priority: 1024 }),
    UNREACHABLE_48,
  );
  assert.throws(() => encodeRoute({ destination: "::", prefixLength: -1 }), /prefix length -1/);
});

Deno.test("encodeRoute puts a table id over 255 in RTA_TABLE only", () => {
  const bytes = encodeRoute({ destination: "2001:db8::", prefixLength: 32, table: 1000 });
  assert.equal(bytes[4], 0);
  assert.deepEqual([...bytes.subarray(32, 40)], [8, 0, 15, 0, 0xe8, 0x03, 0, 0]);
});

Deno.test("decodeRoute reads destination, type, table, metric", () => {
  const route = decodeRoute(UNREACHABLE_48);
  assert.deepEqual(route, {
    destination: "2001:db8:1::",
    prefixLength: 48,
    type: RTN_UNREACHABLE,
    table: 254,
    protocol: 16,
    scope: 0,
    ifindex: undefined,
    priority: 1024,
    gateway: undefined,
    expires: undefined,
  });
  assert.equal(decodeRoute(Uint8Array.from([2, 0, 0, 0, 254, 0, 0, 1, 0, 0, 0, 0])), undefined);
  assert.throws(() => decodeRoute(UNREACHABLE_48.subarray(0, 11)), /rtmsg needs 12 bytes/);
  const badDst = UNREACHABLE_48.slice(0, 28);
  badDst[12] = 16; // RTA_DST with 12 data bytes
  assert.throws(() => decodeRoute(badDst.subarray(0, 28)), /RTA_DST: expected 16 bytes, got 12/);
});

Deno.test("decodeRoute reads the remaining lifetime from RTA_CACHEINFO", () => {
  // deno-fmt-ignore
  const prefixRoute = Uint8Array.from([
    10, 64, 0, 0, 254, 2, 0, 1, 0, 0, 0, 0, // rtmsg: AF_INET6 /64, main, proto kernel, unicast
    20, 0, 1, 0, 0x20, 0x01, 0x0d, 0xb8, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, // RTA_DST 2001:db8:3::
    8, 0, 4, 0, 2, 0, 0, 0, // RTA_OIF 2
    36, 0, 12, 0, // RTA_CACHEINFO, 32 bytes
    0, 0, 0, 0, 0, 0, 0, 0, // rta_clntref, rta_lastuse
    0x2c, 0x5f, 0x01, 0x00, // rta_expires 89900 ticks = 899 s
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, // error, used, id, ts, tsage
  ]);
  const route = decodeRoute(prefixRoute)!;
  assert.equal(route.destination, "2001:db8:3::");
  assert.equal(route.ifindex, 2);
  assert.equal(route.expires, 899);
  const forever = prefixRoute.slice();
  forever.fill(0, 52, 56); // rta_expires 0: no expiry
  assert.equal(decodeRoute(forever)!.expires, undefined);
});
