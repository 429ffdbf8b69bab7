import assert from "node:assert/strict";
import { Reader, Writer } from "./buffer.ts";
import { DecodeError } from "./decode_error.ts";
import { toHex } from "./hex.ts";

Deno.test("Reader reads big-endian fields and tracks its position", () => {
  const r = new Reader(
    Uint8Array.from([
      1,
      2,
      3,
      4,
      5,
      6,
      7,
      8,
      9,
      10,
      0xff,
      0xff,
      0xff,
      0xff,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      1,
    ]),
  );
  assert.equal(r.u8(), 1);
  assert.equal(r.u16(), 0x0203);
  assert.equal(r.u24(), 0x040506);
  assert.equal(r.u32(), 0x0708090a);
  assert.equal(r.u32(), 0xffffffff);
  assert.equal(r.u64(), 1n);
  assert.equal(r.remaining, 0);
});

Deno.test("Reader errors carry the absolute offset, the context and the option code", () => {
  const bytes = new Uint8Array(10);
  const r = new Reader(bytes, 4, 7, "IA_NA option at offset 0", 3);
  r.u16();
  try {
    r.u16("T1");
    assert.fail("no error");
  } catch (e) {
    assert.ok(e instanceof DecodeError);
    assert.equal(e.message, "IA_NA option at offset 0: T1 needs 2 bytes but only 1 remain");
    assert.equal(e.offset, 6);
    assert.equal(e.optionCode, 3);
  }
  assert.throws(() => r.expectEnd("the fields"), /1 trailing byte after the fields/);
  assert.throws(() => r.sub(2, "data", "inner"), DecodeError);
});

Deno.test("Reader.sub windows the next bytes", () => {
  const r = new Reader(Uint8Array.from([1, 2, 3, 4]));
  const s = r.sub(2, "data", "inner", 9);
  assert.equal(r.pos, 2);
  assert.deepEqual([s.u8(), s.u8()], [1, 2]);
  assert.throws(() => s.u8(), /^DecodeError|inner: byte needs 1 byte but only 0 remain/);
});

Deno.test("Writer grows, patches lengths and refuses values that do not fit", () => {
  const w = new Writer(1);
  w.u8(1);
  w.u16(0x0203);
  w.u24(0x040506);
  w.u32(0xfffffffe);
  w.u64(0x0102030405060708n);
  w.bytes(Uint8Array.from([9]));
  w.patchU16(1, 0xabcd);
  assert.equal(toHex(w.finish()), "01abcd040506fffffffe010203040506070809");
  assert.throws(() => w.u8(256), RangeError);
  assert.throws(() => w.u16(-1), RangeError);
  assert.throws(() => w.u32(1.5), RangeError);
  assert.throws(() => w.u64(-1n), RangeError);
  assert.throws(() => w.patchU16(100, 1), RangeError);
});
