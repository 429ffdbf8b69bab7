import assert from "node:assert/strict";
import { packPktinfo, unpackPktinfo } from "./pktinfo.ts";

// in6_pktinfo: destination ff02::1:2 received on interface 7.
// deno-fmt-ignore
const FF02_1_2_IF7 = Uint8Array.from([
  0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, 0, 0x02, // ipi6_addr
  0x07, 0x00, 0x00, 0x00, // ipi6_ifindex, host order
]);

Deno.test("in6_pktinfo packs and unpacks address and interface index", () => {
  assert.deepEqual(packPktinfo({ address: "ff02::1:2", ifindex: 7 }), FF02_1_2_IF7);
  assert.deepEqual(unpackPktinfo(FF02_1_2_IF7), { address: "ff02::1:2", ifindex: 7 });
});

Deno.test("in6_pktinfo rejects short input and bad indexes", () => {
  assert.throws(() => unpackPktinfo(FF02_1_2_IF7.subarray(0, 19)), /needs 20 bytes, got 19/);
  assert.throws(() => packPktinfo({ address: "::", ifindex: 1.5 }), /interface index 1.5/);
});
