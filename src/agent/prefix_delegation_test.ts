import assert from "node:assert/strict";
import fc from "fast-check";
import {
  assignDownstream,
  delegatedSubnet,
  eui64FromMac,
  numericInterfaceId,
  PrefixDelegationError,
  randomInterfaceId,
  resolveInterfaceId,
  unreachableRoute,
} from "./prefix_delegation.ts";
import { formatIPv6, prefixContains } from "../dhcp6/ipv6.ts";

const mac = new Uint8Array([0x00, 0x0c, 0x29, 0xaa, 0xbb, 0xcc]);

Deno.test("a /56 with sla-id 1 and default sla-len gives the second /64", () => {
  const a = assignDownstream(
    "2001:db8:100::",
    56,
    { interfaceName: "lan0", slaId: 1 },
    eui64FromMac(mac),
  );
  assert.deepEqual(a, {
    interfaceName: "lan0",
    subnet: "2001:db8:100:1::",
    subnetLength: 64,
    address: "2001:db8:100:1:20c:29ff:feaa:bbcc",
  });
});

Deno.test("sla-id bits land right after the delegated length (a /60, sla-id 15)", () => {
  const { subnet, subnetLength } = delegatedSubnet("2001:db8:0:ab50::", 60, {
    interfaceName: "lan0",
    slaId: 15,
  });
  assert.equal(formatIPv6(subnet), "2001:db8:0:ab5f::");
  assert.equal(subnetLength, 64);
});

Deno.test("a shorter sla-len gives a subnet shorter than /64", () => {
  const { subnet, subnetLength } = delegatedSubnet("2001:db8::", 48, {
    interfaceName: "lan0",
    slaId: 3,
    slaLen: 8,
  });
  assert.equal(formatIPv6(subnet), "2001:db8:0:300::");
  assert.equal(subnetLength, 56);
});

Deno.test("host bits of the delegated prefix are cleared before sla-id is set", () => {
  const { subnet } = delegatedSubnet("2001:db8:1:ff::", 56, { interfaceName: "lan0", slaId: 2 });
  assert.equal(formatIPv6(subnet), "2001:db8:1:2::");
});

Deno.test("sla-id that does not fit is an error, not a silent cut", () => {
  assert.throws(
    () => delegatedSubnet("2001:db8::", 60, { interfaceName: "lan0", slaId: 16 }),
    (e: unknown) =>
      e instanceof PrefixDelegationError &&
      /lan0: prefix 2001:db8::\/60: sla-id 16 does not fit in sla-len 4 bits \(0 to 15\)/.test(
        e.message,
      ),
  );
  assert.throws(
    () => delegatedSubnet("2001:db8::", 56, { interfaceName: "lan0", slaId: 300, slaLen: 16 }),
    /sla-id 300 does not fit in sla-len 8 bits \(0 to 255\)/,
  );
});

Deno.test("with no bits for a subnet number, the sla-id is ignored as dhcp6c does", () => {
  for (const spec of [{ slaLen: 0 }, { slaLen: 8 }, {}]) {
    const { subnet, subnetLength } = delegatedSubnet("2001:db8:0:5::", 64, {
      interfaceName: "lan0",
      slaId: 1,
      ...spec,
    });
    assert.equal(`${formatIPv6(subnet)}/${subnetLength}`, "2001:db8:0:5::/64");
  }
  const zero = delegatedSubnet("2001:db8::", 56, { interfaceName: "lan0", slaId: 10, slaLen: 0 });
  assert.equal(`${formatIPv6(zero.subnet)}/${zero.subnetLength}`, "2001:db8::/56");
});

Deno.test("an sla-len longer than the prefix leaves is shrunk, as dhcp6c does", () => {
  const a = delegatedSubnet("2001:db8::", 56, { interfaceName: "lan0", slaId: 3, slaLen: 16 });
  assert.equal(`${formatIPv6(a.subnet)}/${a.subnetLength}`, "2001:db8:0:3::/64");
  const b = delegatedSubnet("2001:db8::", 60, { interfaceName: "lan0", slaId: 2, slaLen: 64 });
  assert.equal(`${formatIPv6(b.subnet)}/${b.subnetLength}`, "2001:db8:0:2::/64");
});

Deno.test("a delegated prefix longer than /64 is an error", () => {
  assert.throws(
    () => delegatedSubnet("2001:db8::", 80, { interfaceName: "lan0", slaId: 0 }),
    /longer than \/64 leaves no room/,
  );
});

Deno.test("a /64 delegation with sla-id 0 is used as it is", () => {
  const a = assignDownstream(
    "2001:db8:5:6::",
    64,
    { interfaceName: "lan0", slaId: 0 },
    numericInterfaceId(1n),
  );
  assert.equal(a.address, "2001:db8:5:6::1");
  assert.equal(a.subnetLength, 64);
});

Deno.test("EUI-64 flips the universal/local bit and inserts ff:fe", () => {
  assert.deepEqual([...eui64FromMac(mac)], [0x02, 0x0c, 0x29, 0xff, 0xfe, 0xaa, 0xbb, 0xcc]);
  assert.throws(() => eui64FromMac(new Uint8Array(8)), /8-byte link-layer address/);
});

Deno.test("numeric ifid must fit 64 bits", () => {
  assert.deepEqual([...numericInterfaceId(0x1234n)], [0, 0, 0, 0, 0, 0, 0x12, 0x34]);
  assert.throws(() => numericInterfaceId(1n << 64n), /does not fit in 64 bits/);
  assert.throws(() => numericInterfaceId(-1n), /does not fit/);
});

Deno.test("random ifid skips zero and the reserved anycast range", () => {
  const values = [
    ...Array(8).fill(0), // all zero: rejected
    0xfd / 256,
    ...Array(6).fill(0xff / 256),
    0x90 / 256, // reserved: rejected
    ...[1, 2, 3, 4, 5, 6, 7, 8].map((b) => b / 256),
  ];
  let i = 0;
  const id = randomInterfaceId(() => values[i++]!);
  assert.deepEqual([...id], [1, 2, 3, 4, 5, 6, 7, 8]);
});

Deno.test("resolveInterfaceId: eui-64 without a MAC is a clear error", () => {
  assert.throws(
    () => resolveInterfaceId("eui-64", undefined, Math.random),
    /needs the interface's MAC/,
  );
  assert.deepEqual([...resolveInterfaceId(7n, undefined, Math.random)], [0, 0, 0, 0, 0, 0, 0, 7]);
});

Deno.test("unreachable route covers the whole delegated prefix, host bits cleared", () => {
  assert.deepEqual(unreachableRoute("2001:db8:100:ff::", 56), {
    prefix: "2001:db8:100::",
    prefixLength: 56,
  });
});

Deno.test("property: every assigned subnet and address lies in the delegated prefix", () => {
  fc.assert(
    fc.property(
      fc.uint8Array({ minLength: 16, maxLength: 16 }),
      fc.integer({ min: 0, max: 64 }),
      fc.integer({ min: 0, max: 64 }),
      fc.nat(),
      fc.uint8Array({ minLength: 8, maxLength: 8 }),
      (bytes, length, slaLenRaw, idRaw, ifid) => {
        const slaLen = Math.min(slaLenRaw, 64 - length);
        const slaId = slaLen >= 31 ? idRaw : idRaw % 2 ** slaLen;
        const prefix = formatIPv6(bytes);
        const a = assignDownstream(prefix, length, { interfaceName: "x", slaId, slaLen }, ifid);
        assert.ok(prefixContains(prefix, length, a.subnet));
        assert.ok(prefixContains(a.subnet, a.subnetLength, a.address));
        assert.equal(a.subnetLength, length + slaLen);
      },
    ),
  );
});
