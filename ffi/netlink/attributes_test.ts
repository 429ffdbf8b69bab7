import assert from "node:assert/strict";
import {
  attributeString,
  attributeU32,
  encodeAttribute,
  encodeU32Attribute,
  parseAttributes,
} from "./attributes.ts";

Deno.test("encodeAttribute pads data to 4 bytes and records the unpadded length", () => {
  assert.deepEqual(
    encodeAttribute(3, Uint8Array.from([0x65, 0x74, 0x68, 0x30, 0])), // IFLA_IFNAME "eth0\0"
    Uint8Array.from([9, 0, 3, 0, 0x65, 0x74, 0x68, 0x30, 0, 0, 0, 0]),
  );
  assert.deepEqual(encodeU32Attribute(8, 0x200), Uint8Array.from([8, 0, 8, 0, 0, 2, 0, 0]));
  assert.throws(() => encodeAttribute(1, new Uint8Array(0x10000)), /attribute 1: 65536 bytes/);
});

Deno.test("parseAttributes walks aligned attributes and masks NLA_F_NESTED", () => {
  // deno-fmt-ignore
  const bytes = Uint8Array.from([
    9, 0, 3, 0, 0x65, 0x74, 0x68, 0x30, 0, 0, 0, 0, // type 3 "eth0"
    8, 0, 0x04, 0x80, 0xdc, 0x05, 0, 0, // type 4 with NLA_F_NESTED set, u32 1500
  ]);
  const attributes = parseAttributes(bytes);
  assert.equal(attributeString(attributes.get(3)!), "eth0");
  assert.equal(attributeU32(attributes.get(4)!, "IFLA_MTU"), 1500);
  assert.throws(
    () => attributeU32(new Uint8Array(2), "IFLA_MTU"),
    /IFLA_MTU: expected 4 bytes, got 2/,
  );
});

Deno.test("parseAttributes rejects a length that overruns the buffer", () => {
  assert.throws(
    () => parseAttributes(Uint8Array.from([12, 0, 1, 0, 0, 0, 0, 0])),
    /offset 0: rta_len 12 outside 4\.\.8/,
  );
  assert.throws(() => parseAttributes(Uint8Array.from([2, 0, 1, 0])), /rta_len 2/);
});
