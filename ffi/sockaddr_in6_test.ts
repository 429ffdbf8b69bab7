import assert from "node:assert/strict";
import { packSockaddrIn6, unpackSockaddrIn6 } from "./sockaddr_in6.ts";

// sockaddr_in6 for [fe80::1%3]:547, little-endian host.
// deno-fmt-ignore
const FE80_547_SCOPE3 = Uint8Array.from([
  0x0a, 0x00, // sin6_family AF_INET6 = 10, host order
  0x02, 0x23, // sin6_port 547, network order
  0x00, 0x00, 0x00, 0x00, // sin6_flowinfo
  0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, // sin6_addr fe80::1
  0x03, 0x00, 0x00, 0x00, // sin6_scope_id 3, host order
]);

Deno.test("packSockaddrIn6 lays out family, port, address and scope id", () => {
  assert.deepEqual(
    packSockaddrIn6({ address: "fe80::1", port: 547, scopeId: 3 }),
    FE80_547_SCOPE3,
  );
});

Deno.test("unpackSockaddrIn6 reads what the kernel writes", () => {
  assert.deepEqual(unpackSockaddrIn6(FE80_547_SCOPE3), {
    address: "fe80::1",
    port: 547,
    scopeId: 3,
    flowInfo: 0,
  });
});

Deno.test("sockaddr_in6 packing rejects bad ports, short buffers and other families", () => {
  assert.throws(() => packSockaddrIn6({ address: "::", port: 65536, scopeId: 0 }), /port 65536/);
  assert.throws(() => packSockaddrIn6({ address: "::", port: 1, scopeId: -1 }), /scope id -1/);
  assert.throws(() => unpackSockaddrIn6(FE80_547_SCOPE3.subarray(0, 27)), /needs 28 bytes, got 27/);
  const inet = FE80_547_SCOPE3.slice();
  inet[0] = 2;
  assert.throws(() => unpackSockaddrIn6(inet), /family 2 is not AF_INET6/);
});
