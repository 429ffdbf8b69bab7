import assert from "node:assert/strict";
import {
  NLM_F_ACK_TLVS,
  NLM_F_CAPPED,
  NLM_F_DUMP,
  NLM_F_MULTI,
  NLM_F_REQUEST,
  NLMSG_DONE,
  NLMSG_ERROR,
  RTM_GETADDR,
  RTM_NEWADDR,
} from "./constants.ts";
import { decodeAck, encodeNetlinkMessage, parseNetlinkMessages } from "./message.ts";

// RTM_GETADDR dump request for AF_INET6, seq 7: nlmsghdr + ifaddrmsg.
// deno-fmt-ignore
const GETADDR_DUMP = Uint8Array.from([
  24, 0, 0, 0, // nlmsg_len 24
  22, 0, // nlmsg_type RTM_GETADDR
  0x01, 0x03, // nlmsg_flags NLM_F_REQUEST | NLM_F_DUMP
  7, 0, 0, 0, // nlmsg_seq 7
  0, 0, 0, 0, // nlmsg_pid 0
  10, 0, 0, 0, 0, 0, 0, 0, // ifaddrmsg: AF_INET6, rest 0
]);

Deno.test("encodeNetlinkMessage writes the 16-byte header in host order", () => {
  const payload = Uint8Array.from([10, 0, 0, 0, 0, 0, 0, 0]);
  assert.deepEqual(
    encodeNetlinkMessage({
      type: RTM_GETADDR,
      flags: NLM_F_REQUEST | NLM_F_DUMP,
      seq: 7,
      pid: 0,
      payload,
    }),
    GETADDR_DUMP,
  );
  // A 5-byte payload: nlmsg_len 21, padded to 24.
  const odd = encodeNetlinkMessage({
    type: 1,
    flags: 0,
    seq: 0,
    pid: 0,
    payload: new Uint8Array(5),
  });
  assert.equal(odd.length, 24);
  assert.equal(odd[0], 21);
});

// A multipart dump reply: one RTM_NEWADDR (payload 5 bytes, padded) then NLMSG_DONE.
// deno-fmt-ignore
const MULTIPART = Uint8Array.from([
  21, 0, 0, 0, 20, 0, 0x02, 0, 9, 0, 0, 0, 0x39, 0x30, 0, 0, // len 21, NEWADDR, MULTI, seq 9, pid 12345
  1, 2, 3, 4, 5, 0, 0, 0, // 5 payload bytes + 3 padding
  20, 0, 0, 0, 3, 0, 0x02, 0, 9, 0, 0, 0, 0x39, 0x30, 0, 0, // len 20, DONE, MULTI, seq 9
  0, 0, 0, 0, // NLMSG_DONE carries an int (0)
]);

Deno.test("parseNetlinkMessages splits a multipart datagram at aligned boundaries", () => {
  const messages = parseNetlinkMessages(MULTIPART);
  assert.equal(messages.length, 2);
  assert.equal(messages[0]!.type, RTM_NEWADDR);
  assert.equal(messages[0]!.flags, NLM_F_MULTI);
  assert.equal(messages[0]!.seq, 9);
  assert.equal(messages[0]!.pid, 12345);
  assert.deepEqual([...messages[0]!.payload], [1, 2, 3, 4, 5]);
  assert.equal(messages[1]!.type, NLMSG_DONE);
  assert.equal(messages[1]!.payload.length, 4);
});

Deno.test("parseNetlinkMessages rejects impossible lengths with the offset", () => {
  const long = MULTIPART.slice();
  long[24] = 200; // second header claims 200 bytes
  assert.throws(() => parseNetlinkMessages(long), /offset 24: nlmsg_len 200 outside 16\.\.20/);
  assert.throws(() => parseNetlinkMessages(MULTIPART.subarray(0, 30)), /offset 24: 6 bytes left/);
  const short = MULTIPART.slice();
  short[0] = 8;
  assert.throws(() => parseNetlinkMessages(short), /offset 0: nlmsg_len 8/);
});

// NLMSG_ERROR -17 (EEXIST) for RTM_NEWADDR seq 5, capped, with an extended-ack message.
// deno-fmt-ignore
const EEXIST_ACK_PAYLOAD = Uint8Array.from([
  0xef, 0xff, 0xff, 0xff, // error -17
  40, 0, 0, 0, 20, 0, 0x05, 0x06, 5, 0, 0, 0, 0, 0, 0, 0, // the request's header (len 40, NEWADDR)
  12, 0, 1, 0, 0x65, 0x78, 0x69, 0x73, 0x74, 0x73, 0, 0, // NLMSGERR_ATTR_MSG "exists\0" + pad
]);

Deno.test("decodeAck reads errno, the request it answers and the extended-ack text", () => {
  const ack = decodeAck({
    type: NLMSG_ERROR,
    flags: NLM_F_CAPPED | NLM_F_ACK_TLVS,
    seq: 5,
    pid: 0,
    payload: EEXIST_ACK_PAYLOAD,
  });
  assert.deepEqual(ack, { errno: 17, requestType: RTM_NEWADDR, requestSeq: 5, message: "exists" });
});

Deno.test("decodeAck: a zero error is a positive acknowledgement", () => {
  const payload = EEXIST_ACK_PAYLOAD.slice(0, 20);
  payload.fill(0, 0, 4);
  const ack = decodeAck({ type: NLMSG_ERROR, flags: NLM_F_CAPPED, seq: 5, pid: 0, payload });
  assert.equal(ack.errno, 0);
  assert.equal(ack.message, undefined);
  assert.throws(
    () =>
      decodeAck({ type: NLMSG_ERROR, flags: 0, seq: 5, pid: 0, payload: payload.subarray(0, 19) }),
    /19 bytes, expected at least 20/,
  );
  assert.throws(() => decodeAck({ type: 3, flags: 0, seq: 0, pid: 0, payload }), /not NLMSG_ERROR/);
});

Deno.test("decodeAck skips an uncapped echoed request before the TLVs", () => {
  // deno-fmt-ignore
  const payload = Uint8Array.from([
    0xea, 0xff, 0xff, 0xff, // error -22 (EINVAL)
    20, 0, 0, 0, 22, 0, 0x01, 0, 1, 0, 0, 0, 0, 0, 0, 0, // echoed header, len 20
    10, 0, 0, 0, // echoed 4-byte payload
    8, 0, 1, 0, 0x62, 0x61, 0x64, 0, // NLMSGERR_ATTR_MSG "bad"
  ]);
  const ack = decodeAck({ type: NLMSG_ERROR, flags: NLM_F_ACK_TLVS, seq: 1, pid: 0, payload });
  assert.equal(ack.errno, 22);
  assert.equal(ack.message, "bad");
});
