import assert from "node:assert/strict";
import { buildControl, cmsgLen, cmsgSpace, parseControl } from "./cmsg.ts";
import { packPktinfo } from "./pktinfo.ts";
import { IPPROTO_IPV6, IPV6_PKTINFO } from "./socket_constants.ts";

// One IPV6_PKTINFO control message carrying (::, ifindex 2), as on sendmsg.
// deno-fmt-ignore
const PKTINFO_CMSG = Uint8Array.from([
  36, 0, 0, 0, 0, 0, 0, 0, // cmsg_len = CMSG_LEN(20) = 36
  41, 0, 0, 0, // cmsg_level IPPROTO_IPV6
  50, 0, 0, 0, // cmsg_type IPV6_PKTINFO
  ...new Array(16).fill(0), // ipi6_addr ::
  2, 0, 0, 0, // ipi6_ifindex 2
  0, 0, 0, 0, // padding to CMSG_SPACE(20) = 40
]);

Deno.test("cmsg sizes match CMSG_LEN / CMSG_SPACE on LP64", () => {
  assert.equal(cmsgLen(20), 36);
  assert.equal(cmsgSpace(20), 40);
  assert.equal(cmsgSpace(4), 24);
});

Deno.test("buildControl lays out an IPV6_PKTINFO message", () => {
  const data = packPktinfo({ address: "::", ifindex: 2 });
  assert.deepEqual(buildControl([{ level: IPPROTO_IPV6, type: IPV6_PKTINFO, data }]), PKTINFO_CMSG);
});

Deno.test("parseControl reads several messages and skips padding", () => {
  const hopLimit = Uint8Array.from([64, 0, 0, 0]);
  const bytes = buildControl([
    { level: 41, type: 52, data: hopLimit }, // IPV6_HOPLIMIT
    { level: IPPROTO_IPV6, type: IPV6_PKTINFO, data: PKTINFO_CMSG.subarray(16, 36) },
  ]);
  const parsed = parseControl(bytes);
  assert.equal(parsed.length, 2);
  assert.deepEqual(parsed[0], { level: 41, type: 52, data: hopLimit });
  assert.equal(parsed[1]!.type, IPV6_PKTINFO);
  assert.deepEqual(parsed[1]!.data, PKTINFO_CMSG.subarray(16, 36));
});

Deno.test("parseControl rejects a length that runs past the buffer", () => {
  const bad = PKTINFO_CMSG.slice(0, 30);
  assert.throws(() => parseControl(bad), /offset 0: cmsg_len 36 does not fit in 30/);
  const tiny = PKTINFO_CMSG.slice();
  tiny[0] = 8;
  assert.throws(() => parseControl(tiny), /cmsg_len 8/);
});
