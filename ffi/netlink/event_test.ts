import assert from "node:assert/strict";
import { RTM_DELADDR, RTM_NEWLINK, RTM_NEWROUTE } from "./constants.ts";
import { decodeEvent } from "./event.ts";

// RTM_NEWLINK for "veth0" index 5 going down: UP|BROADCAST|MULTICAST, no RUNNING/LOWER_UP.
// deno-fmt-ignore
const LINK_DOWN = Uint8Array.from([
  0, 0, 1, 0, 5, 0, 0, 0, 0x03, 0x10, 0, 0, 0, 0, 0, 0, // ifinfomsg, flags 0x1003
  10, 0, 3, 0, 0x76, 0x65, 0x74, 0x68, 0x30, 0, 0, 0, // IFLA_IFNAME "veth0"
  5, 0, 33, 0, 0, 0, 0, 0, // IFLA_CARRIER 0
]);

// RTM_DELADDR for 2001:db8::20/128 on index 5 after DAD failed (flags 0x48 = DADFAILED|TENTATIVE).
// deno-fmt-ignore
const DAD_FAILED_DELETE = Uint8Array.from([
  10, 128, 0x48, 0, 5, 0, 0, 0, 20, 0, 2, 0, 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x20, // IFA_LOCAL
  8, 0, 8, 0, 0x48, 0, 0, 0, // IFA_FLAGS
]);

Deno.test("decodeEvent: link carrier loss", () => {
  const event = decodeEvent({ type: RTM_NEWLINK, flags: 0, seq: 0, pid: 0, payload: LINK_DOWN });
  assert.ok(event && event.kind === "link");
  assert.equal(event.change, "new");
  assert.equal(event.link.name, "veth0");
  assert.equal(event.link.up, true);
  assert.equal(event.link.lowerUp, false);
  assert.equal(event.link.carrier, false);
});

Deno.test("decodeEvent: address removed after DAD failure", () => {
  const event = decodeEvent({
    type: RTM_DELADDR,
    flags: 0,
    seq: 0,
    pid: 0,
    payload: DAD_FAILED_DELETE,
  });
  assert.ok(event && event.kind === "address");
  assert.equal(event.change, "deleted");
  assert.equal(event.address.address, "2001:db8::20");
  assert.equal(event.address.dadFailed, true);
  assert.equal(event.address.tentative, false);
});

Deno.test("decodeEvent ignores other message types", () => {
  const payload = new Uint8Array(12);
  assert.equal(decodeEvent({ type: RTM_NEWROUTE, flags: 0, seq: 0, pid: 0, payload }), undefined);
});
