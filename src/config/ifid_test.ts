import assert from "node:assert/strict";
import fc from "fast-check";
import { parse } from "toml";
import { formatIfidToml, IFID_MAX, parseIfidText } from "./ifid.ts";

Deno.test("parseIfidText: hex with and without underscores, decimal, IPv6 low groups", () => {
  assert.deepStrictEqual(parseIfidText("0x0200000000000001"), {
    ok: true,
    value: (1n << 57n) + 1n,
  });
  assert.deepStrictEqual(parseIfidText("0x0200_0000_0000_0001"), {
    ok: true,
    value: (1n << 57n) + 1n,
  });
  assert.deepStrictEqual(parseIfidText("0XFFFFFFFFFFFFFFFF"), { ok: true, value: IFID_MAX });
  assert.deepStrictEqual(parseIfidText("144115612209124097"), {
    ok: true,
    value: 144115612209124097n,
  });
  assert.deepStrictEqual(parseIfidText("::2:0:0:1"), { ok: true, value: 0x0002_0000_0000_0001n });
  assert.deepStrictEqual(parseIfidText("::200:62:c050:1301"), {
    ok: true,
    value: 144115612209124097n,
  });
  assert.deepStrictEqual(parseIfidText("::ffff:ffff:ffff:ffff"), { ok: true, value: IFID_MAX });
  assert.deepStrictEqual(parseIfidText("::"), { ok: true, value: 0n });
});

Deno.test("parseIfidText: past 64 bits, upper groups set, bad text are errors saying why", () => {
  const error = (t: string) => {
    const r = parseIfidText(t);
    assert.ok(!r.ok, `${t} was accepted`);
    return r.error;
  };
  assert.equal(error("0x1_0000_0000_0000_0000"), "more than 64 bits");
  assert.equal(error("18446744073709551616"), "more than 18446744073709551615");
  assert.match(error("1::1"), /^bits set above the low 64/);
  assert.match(error("::1:0:0:0:0"), /^bits set above the low 64/);
  assert.match(error("::g"), /not an IPv6 address/);
  assert.equal(error("0x"), "not an interface ID");
  assert.equal(error("0x_1"), "not an interface ID");
  assert.equal(error("-1"), "not an interface ID");
});

Deno.test("formatIfidToml: an integer up to 2^63-1, a hex string above; both read back exactly", () => {
  assert.equal(formatIfidToml(0n), "0");
  assert.equal(formatIfidToml(144115612209124097n), "144115612209124097");
  assert.equal(formatIfidToml((1n << 63n) - 1n), "9223372036854775807");
  assert.equal(formatIfidToml(1n << 63n), '"0x8000_0000_0000_0000"');
  assert.equal(formatIfidToml(IFID_MAX), '"0xffff_ffff_ffff_ffff"');
  assert.throws(() => formatIfidToml(IFID_MAX + 1n), RangeError);
  assert.throws(() => formatIfidToml(-1n), RangeError);
  fc.assert(
    fc.property(fc.bigInt({ min: 0n, max: IFID_MAX }), (v) => {
      const doc = parse(`v = ${formatIfidToml(v)}`, { integersAsBigInt: true });
      const read = typeof doc.v === "string" ? parseIfidText(doc.v) : { ok: true, value: doc.v };
      assert.deepStrictEqual(read, { ok: true, value: v });
    }),
  );
});
