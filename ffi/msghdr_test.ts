import assert from "node:assert/strict";
import { IOVEC_SIZE, MSGHDR_SIZE, packIovec, packMsghdr, unpackMsghdr } from "./msghdr.ts";

Deno.test("packIovec writes base pointer then length", () => {
  assert.equal(IOVEC_SIZE, 16);
  // deno-fmt-ignore
  const expected = Uint8Array.from([
    0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11, // iov_base
    0xdc, 0x05, 0, 0, 0, 0, 0, 0, // iov_len 1500
  ]);
  assert.deepEqual(packIovec(0x1122334455667788n, 1500), expected);
});

Deno.test("packMsghdr puts every field at its LP64 offset and round-trips", () => {
  const fields = {
    name: 0x1000n,
    nameLength: 28,
    iov: 0x2000n,
    iovLength: 1,
    control: 0x3000n,
    controlLength: 40,
    flags: 0x20,
  };
  const bytes = packMsghdr(fields);
  assert.equal(bytes.length, MSGHDR_SIZE);
  // msg_name at 0, msg_namelen at 8, msg_iov at 16, msg_iovlen at 24,
  // msg_control at 32, msg_controllen at 40, msg_flags at 48.
  assert.deepEqual([bytes[0], bytes[1], bytes[8], bytes[17], bytes[24]], [0x00, 0x10, 28, 0x20, 1]);
  assert.deepEqual([bytes[33], bytes[40], bytes[48]], [0x30, 40, 0x20]);
  assert.deepEqual(unpackMsghdr(bytes), fields);
  assert.throws(() => unpackMsghdr(bytes.subarray(0, 55)), /needs 56 bytes, got 55/);
});
