import assert from "node:assert/strict";
import {
  formatIPv6,
  formatPrefix,
  isIPv6,
  maskPrefix,
  normalizeIPv6,
  parseIPv6,
  parsePrefix,
  prefixContains,
} from "./ipv6.ts";
import { toHex } from "./hex.ts";

Deno.test("parseIPv6 reads every RFC 4291 §2.2 form", () => {
  assert.equal(toHex(parseIPv6("::")), "00".repeat(16));
  assert.equal(toHex(parseIPv6("::1")), "00".repeat(15) + "01");
  assert.equal(toHex(parseIPv6("2001:DB8::1")), "20010db8" + "00".repeat(11) + "01");
  assert.equal(
    toHex(parseIPv6("2001:0db8:0000:0000:0000:ff00:0042:8329")),
    "20010db8000000000000ff0000428329",
  );
  assert.equal(toHex(parseIPv6("fe80::")), "fe80" + "00".repeat(14));
  assert.equal(toHex(parseIPv6("::ffff:192.0.2.1")), "00".repeat(10) + "ffff" + "c0000201");
  assert.equal(toHex(parseIPv6("1:2:3:4:5:6:7::")), "0001000200030004000500060007" + "0000");
});

Deno.test("parseIPv6 rejects bad text with the reason", () => {
  for (
    const bad of [
      "",
      ":",
      ":::",
      "1::2::3",
      "1:2:3:4:5:6:7:8:9",
      "1:2:3:4:5:6:7",
      "12345::",
      "g::1",
      "::1%eth0",
      "1:2:3:4:5:6:7:8::",
      "::256.1.1.1",
      "::1.2.3",
      "::01.2.3.4",
      ":1::",
      "1:::2",
    ]
  ) {
    assert.throws(() => parseIPv6(bad), SyntaxError, bad);
    assert.equal(isIPv6(bad), false);
  }
  assert.throws(() => parseIPv6("1::2::3"), /"::" appears more than once/);
});

Deno.test("formatIPv6 follows RFC 5952 §4", () => {
  const cases: [string, string][] = [
    ["2001:0db8:0000:0000:0000:0000:0000:0001", "2001:db8::1"],
    ["2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"], // §4.2.3: first of equal runs
    ["2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1"], // §4.2.2: one zero group stays
    ["2001:0:0:1:0:0:0:1", "2001:0:0:1::1"], // §4.2.3: the longest run
    ["0:0:0:0:0:0:0:0", "::"],
    ["FE80:0:0:0:0:0:0:1", "fe80::1"], // §4.3: lowercase
    ["::ffff:c000:0201", "::ffff:192.0.2.1"], // §5: mapped IPv4
    ["1:0:0:0:0:0:0:0", "1::"],
  ];
  for (const [input, expected] of cases) assert.equal(normalizeIPv6(input), expected);
  assert.throws(() => formatIPv6(new Uint8Array(4)), RangeError);
});

Deno.test("formatIPv6 and parseIPv6 round-trip random addresses", () => {
  for (let i = 0; i < 500; i++) {
    const b = new Uint8Array(16);
    for (let j = 0; j < 16; j++) b[j] = (i * 7919 + j * 104729) % 3 === 0 ? 0 : (i * j * 31) & 0xff;
    assert.deepEqual(parseIPv6(formatIPv6(b)), b);
  }
});

Deno.test("prefix helpers mask, format, parse and test containment", () => {
  assert.equal(
    formatIPv6(maskPrefix(parseIPv6("2001:db8:abcd:ef01::1"), 52)),
    "2001:db8:abcd:e000::",
  );
  assert.equal(formatIPv6(maskPrefix(parseIPv6("2001:db8::1"), 128)), "2001:db8::1");
  assert.equal(formatIPv6(maskPrefix(parseIPv6("2001:db8::1"), 0)), "::");
  assert.equal(formatPrefix("2001:DB8:F00::", 48), "2001:db8:f00::/48");
  assert.equal(formatPrefix(parseIPv6("2001:db8::"), 32), "2001:db8::/32");
  assert.deepEqual(parsePrefix("2001:db8:ab00::/56"), { address: "2001:db8:ab00::", length: 56 });
  assert.throws(() => parsePrefix("2001:db8::"), /no "\/length"/);
  assert.throws(() => parsePrefix("2001:db8::/129"), /0 to 128/);
  assert.throws(() => parsePrefix("2001:db8::/056"), /0 to 128/);
  assert.throws(() => maskPrefix(new Uint8Array(16), 129), RangeError);
  assert.equal(prefixContains("2001:db8:ab00::", 56, "2001:db8:ab00:ff::1"), true);
  assert.equal(prefixContains("2001:db8:ab00::", 56, "2001:db8:ab01::1"), false);
});
