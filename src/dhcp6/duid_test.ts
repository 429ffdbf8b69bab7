import assert from "node:assert/strict";
import { duidEn, duidLl, duidLlt, duidTime, duidUuid, parseDuid } from "./duid.ts";
import { fromHex, toHex } from "./hex.ts";

const mac = fromHex("080027fe8f95");

Deno.test("DUID-LLT is built and parsed (RFC 9915 §11.2)", () => {
  const d = duidLlt(1, 0x1c39cf88, mac);
  // type 1 | hardware type 1 | time | link-layer address
  assert.equal(toHex(d), "0001" + "0001" + "1c39cf88" + "080027fe8f95");
  assert.deepEqual(parseDuid(d), {
    type: "LLT",
    hardwareType: 1,
    time: 0x1c39cf88,
    linkLayerAddress: mac,
  });
});

Deno.test("DUID-EN, DUID-LL and DUID-UUID are built and parsed (RFC 9915 §11.3–§11.5)", () => {
  const en = duidEn(32473, fromHex("0102"));
  assert.equal(toHex(en), "0002" + "00007ed9" + "0102");
  assert.deepEqual(parseDuid(en), { type: "EN", enterprise: 32473, identifier: fromHex("0102") });
  const ll = duidLl(1, mac);
  assert.equal(toHex(ll), "0003" + "0001" + "080027fe8f95");
  assert.deepEqual(parseDuid(ll), { type: "LL", hardwareType: 1, linkLayerAddress: mac });
  const uuid = duidUuid(fromHex("00112233445566778899aabbccddeeff"));
  assert.deepEqual(parseDuid(uuid), { type: "UUID", uuid: "00112233-4455-6677-8899-aabbccddeeff" });
});

Deno.test("unknown or short DUIDs are kept raw", () => {
  assert.deepEqual(parseDuid(fromHex("0009abcd")), {
    type: "raw",
    typeCode: 9,
    data: fromHex("abcd"),
  });
  assert.deepEqual(parseDuid(fromHex("00010001")), {
    type: "raw",
    typeCode: 1,
    data: fromHex("0001"),
  });
  assert.deepEqual(parseDuid(fromHex("0004" + "00".repeat(15))).type, "raw");
  assert.deepEqual(parseDuid(fromHex("00")), {
    type: "raw",
    typeCode: undefined,
    data: fromHex("00"),
  });
});

Deno.test("builders refuse values that do not fit", () => {
  assert.throws(() => duidLlt(0x10000, 0, mac), RangeError);
  assert.throws(() => duidLlt(1, -1, mac), RangeError);
  assert.throws(() => duidEn(1, new Uint8Array(125)), /at most 130/);
  assert.throws(() => duidUuid(new Uint8Array(15)), RangeError);
});

Deno.test("duidTime counts seconds from 2000-01-01 UTC modulo 2^32", () => {
  assert.equal(duidTime(Date.UTC(2000, 0, 1)), 0);
  assert.equal(duidTime(Date.UTC(2000, 0, 1, 0, 0, 1, 999)), 1);
  assert.equal(duidTime(Date.UTC(1999, 11, 31, 23, 59, 59)), 0xffffffff);
});
