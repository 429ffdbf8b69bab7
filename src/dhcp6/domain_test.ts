import assert from "node:assert/strict";
import { Reader } from "./buffer.ts";
import { DecodeError } from "./decode_error.ts";
import {
  domainToWire,
  formatLabels,
  parseDomainText,
  readDomainList,
  readDomainName,
} from "./domain.ts";
import { fromHex, toHex } from "./hex.ts";

const read = (hex: string, partial = false) => {
  const b = fromHex(hex);
  const r = new Reader(b, 0, b.length, "test");
  const name = readDomainName(r, partial);
  return { ...name, rest: r.remaining };
};

Deno.test("wire names decode to dotted text", () => {
  // 7 "example" 3 "com" 0
  assert.deepEqual(read("076578616d706c6503636f6d00"), {
    name: "example.com",
    partial: false,
    rest: 0,
  });
  // the root name alone
  assert.deepEqual(read("00"), { name: "", partial: false, rest: 0 });
  // a partial name (RFC 4704 §4.2): no root label
  assert.deepEqual(read("04686f7374", true), { name: "host", partial: true, rest: 0 });
  assert.deepEqual(read("", true), { name: "", partial: true, rest: 0 });
});

Deno.test("dots, backslashes and unprintable bytes in labels are escaped and round-trip", () => {
  // label "a.b", label "c\d", label with a space and 0xff
  const wire = fromHex("03612e62" + "03635c64" + "032078ff" + "00");
  const b = wire;
  const name = readDomainName(new Reader(b)).name;
  assert.equal(name, "a\\.b.c\\\\d.\\032x\\255");
  assert.deepEqual(domainToWire(name), wire);
  assert.deepEqual(parseDomainText("a\\.b.c\\\\d.\\032x\\255").map(toHex), [
    "612e62",
    "635c64",
    "2078ff",
  ]);
  assert.deepEqual(parseDomainText("\\a\\bc"), [new TextEncoder().encode("abc")]);
});

Deno.test("text names encode with one trailing dot allowed", () => {
  assert.equal(toHex(domainToWire("example.com")), "076578616d706c6503636f6d00");
  assert.equal(toHex(domainToWire("example.com.")), "076578616d706c6503636f6d00");
  assert.equal(toHex(domainToWire("")), "00");
  assert.equal(toHex(domainToWire(".")), "00");
  assert.equal(toHex(domainToWire("host", true)), "04686f7374");
  assert.equal(formatLabels([]), "");
});

Deno.test("bad text names are refused with the reason", () => {
  assert.throws(() => domainToWire("a..b"), /empty label/);
  assert.throws(() => domainToWire(".a"), /empty label/);
  assert.throws(() => domainToWire("a".repeat(64)), /64-byte label; at most 63/);
  assert.throws(() => domainToWire(Array(5).fill("a".repeat(63)).join(".")), /at most 255/);
  assert.throws(() => domainToWire("a\\25"), /needs three/);
  assert.throws(() => domainToWire("a\\256"), /exceeds 255/);
  assert.throws(() => domainToWire("a\\"), /ends with/);
  // 63 + 63 + 63 + 61 bytes of labels: exactly 255 with lengths and root
  const max = ["a".repeat(63), "b".repeat(63), "c".repeat(63), "d".repeat(61)].join(".");
  assert.equal(domainToWire(max).length, 255);
  assert.throws(() => domainToWire(max + "d"), /256 bytes/);
});

Deno.test("malformed wire names raise DecodeError at the faulty byte", () => {
  const fail = (hex: string, re: RegExp, offset: number, partial = false) => {
    const b = fromHex(hex);
    try {
      readDomainList(new Reader(b, 0, b.length, "test"));
      if (partial) readDomainName(new Reader(b, 0, b.length, "test"), true);
      assert.fail("no error");
    } catch (e) {
      assert.ok(e instanceof DecodeError, String(e));
      assert.match(e.message, re);
      assert.equal(e.offset, offset);
    }
  };
  fail("01", /label at offset 0 needs 1 bytes but only 0 remain/, 0);
  fail("0161c000", /compression pointer/, 2);
  fail("0161" + "80", /label length 128/, 2);
  fail("0161", /no terminating root label/, 2);
  const tooLong = ("3f" + "61".repeat(63)).repeat(4) + "00";
  fail(tooLong, /longer than 255 bytes/, 192);
  // exactly 255 bytes is accepted
  const max = ("3f" + "61".repeat(63)).repeat(3) + "3d" + "61".repeat(61) + "00";
  assert.equal(readDomainList(new Reader(fromHex(max))).length, 1);
});

Deno.test("a domain list reads names back to back", () => {
  const b = fromHex("01610001620000");
  assert.deepEqual(readDomainList(new Reader(b)), ["a", "b", ""]);
});
