import assert from "node:assert/strict";
import { decodeAddress, encodeDeleteAddress, encodeNewAddress, scopeOf } from "./address.ts";
import { IFA_F_NODAD, IFA_F_NOPREFIXROUTE, INFINITE_LIFETIME } from "./constants.ts";
import { parseIpv6 } from "../ipv6_text.ts";

const ADDR = [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10]; // 2001:db8::10

// RTM_NEWADDR payload: 2001:db8::10/128 on ifindex 2, preferred 3600 s, valid 7200 s,
// flags IFA_F_NOPREFIXROUTE | IFA_F_NODAD.
// deno-fmt-ignore
const NEWADDR = Uint8Array.from([
  10, 128, 0x02, 0, 2, 0, 0, 0, // ifaddrmsg: AF_INET6, /128, flags low byte NODAD, scope 0, ifindex 2
  20, 0, 2, 0, ...ADDR, // IFA_LOCAL
  20, 0, 1, 0, ...ADDR, // IFA_ADDRESS
  20, 0, 6, 0, // IFA_CACHEINFO
  0x10, 0x0e, 0, 0, // ifa_prefered 3600
  0x20, 0x1c, 0, 0, // ifa_valid 7200
  0, 0, 0, 0, 0, 0, 0, 0, // cstamp, tstamp
  8, 0, 8, 0, 0x02, 0x02, 0, 0, // IFA_FLAGS 0x202
]);

Deno.test("encodeNewAddress: lifetimes in IFA_CACHEINFO, full flags in IFA_FLAGS", () => {
  assert.deepEqual(
    encodeNewAddress({
      ifindex: 2,
      address: "2001:db8::10",
      prefixLength: 128,
      validLifetime: 7200,
      preferredLifetime: 3600,
      flags: IFA_F_NOPREFIXROUTE | IFA_F_NODAD,
    }),
    NEWADDR,
  );
});

Deno.test("encodeNewAddress rejects lifetimes and lengths the kernel would refuse", () => {
  const base = { ifindex: 2, address: "2001:db8::10", prefixLength: 64 };
  assert.throws(
    () => encodeNewAddress({ ...base, validLifetime: 100, preferredLifetime: 200 }),
    /preferred lifetime 200 exceeds valid lifetime 100/,
  );
  assert.throws(
    () => encodeNewAddress({ ...base, validLifetime: 2 ** 32, preferredLifetime: 0 }),
    /valid lifetime 4294967296/,
  );
  assert.throws(
    () => encodeNewAddress({ ...base, prefixLength: 129, validLifetime: 1, preferredLifetime: 1 }),
    /prefix length 129/,
  );
  assert.throws(() => encodeDeleteAddress({ ...base, ifindex: 0 }), /interface index 0/);
});

Deno.test("encodeDeleteAddress sends ifaddrmsg and IFA_LOCAL only", () => {
  assert.deepEqual(
    encodeDeleteAddress({ ifindex: 2, address: "2001:db8::10", prefixLength: 128 }),
    NEWADDR.subarray(0, 28).map((b, i) => (i === 2 ? 0 : b)), // same header, no flags
  );
});

Deno.test("decodeAddress reads flags, lifetimes and DAD state", () => {
  const info = decodeAddress(NEWADDR);
  assert.ok(info);
  assert.equal(info.address, "2001:db8::10");
  assert.equal(info.prefixLength, 128);
  assert.equal(info.ifindex, 2);
  assert.equal(info.validLifetime, 7200);
  assert.equal(info.preferredLifetime, 3600);
  assert.equal(info.flags, 0x202);
  assert.equal(info.noPrefixRoute, true);
  assert.equal(info.tentative, false);
  assert.equal(info.dadFailed, false);

  // Tentative: IFA_F_TENTATIVE (0x40) in the 32-bit IFA_FLAGS.
  const tentative = NEWADDR.slice();
  tentative.set([0x40, 0], 72);
  assert.equal(decodeAddress(tentative)!.tentative, true);

  // DAD failed: IFA_F_DADFAILED | IFA_F_TENTATIVE (0x48) -> dadFailed, not tentative.
  const failed = NEWADDR.slice();
  failed.set([0x48, 0], 72);
  const failedInfo = decodeAddress(failed)!;
  assert.equal(failedInfo.dadFailed, true);
  assert.equal(failedInfo.tentative, false);
});

Deno.test("decodeAddress: without IFA_FLAGS the 8-bit field counts; no cacheinfo is forever", () => {
  // deno-fmt-ignore
  const minimal = Uint8Array.from([
    10, 64, 0x80, 253, 3, 0, 0, 0, 20, 0, 1, 0, 0xfe, 0x80, ...new Array(13).fill(0), 1,
  ]);
  const info = decodeAddress(minimal)!;
  assert.equal(info.address, "fe80::1");
  assert.equal(info.scope, 253);
  assert.equal(info.permanent, true);
  assert.equal(info.validLifetime, INFINITE_LIFETIME);
});

Deno.test("decodeAddress ignores IPv4 and rejects truncated input", () => {
  assert.equal(decodeAddress(Uint8Array.from([2, 24, 0, 0, 1, 0, 0, 0])), undefined);
  assert.throws(() => decodeAddress(NEWADDR.subarray(0, 7)), /ifaddrmsg needs 8 bytes, got 7/);
  assert.throws(() => decodeAddress(NEWADDR.subarray(0, 8)), /without a 16-byte IFA_LOCAL/);
  const badCache = NEWADDR.slice(0, 56);
  badCache[48] = 8; // IFA_CACHEINFO of 4 data bytes
  assert.throws(() => decodeAddress(badCache.subarray(0, 56)), /IFA_CACHEINFO: expected 16 bytes/);
});

Deno.test("scopeOf matches the kernel's choice", () => {
  assert.equal(scopeOf(parseIpv6("fe80::1")), 253);
  assert.equal(scopeOf(parseIpv6("::1")), 254);
  assert.equal(scopeOf(parseIpv6("2001:db8::1")), 0);
});
