import assert from "node:assert/strict";
import { formatIpv6, parseIpv6 } from "./ipv6_text.ts";

Deno.test("parseIpv6 returns bytes with their own ArrayBuffer, as FFI needs", () => {
  const bytes = parseIpv6("2001:db8::1");
  assert.ok(bytes.buffer instanceof ArrayBuffer);
  assert.equal(bytes.byteOffset, 0);
  assert.equal(bytes.buffer.byteLength, 16);
});

Deno.test("parseIpv6 reads full, compressed and IPv4-embedded forms", () => {
  assert.deepEqual(
    [...parseIpv6("ff02::1:2")],
    [0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, 0, 0x02],
  );
  assert.deepEqual([...parseIpv6("::")], new Array(16).fill(0));
  assert.deepEqual([...parseIpv6("::ffff:192.0.2.1")].slice(10), [0xff, 0xff, 192, 0, 2, 1]);
  assert.deepEqual(parseIpv6("2001:0DB8:0:0:0:0:0:1"), parseIpv6("2001:db8::1"));
});

Deno.test("parseIpv6 rejects malformed text with a precise message", () => {
  for (
    const bad of ["1::2::3", "1:2:3:4:5:6:7", "1:2:3:4:5:6:7::8", "fe80::1%eth0", "::1.2.3.256", ""]
  ) {
    assert.throws(
      () => parseIpv6(bad),
      (e) => e instanceof SyntaxError && e.message.includes(`"${bad}"`),
    );
  }
});

Deno.test("formatIpv6 follows RFC 5952 canonical form", () => {
  const cases: [string, string][] = [
    ["2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"], // first of two equal runs
    ["2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1"], // single zero group kept
    ["0:0:0:0:0:0:0:0", "::"],
    ["fe80:0:0:0:0:0:0:1", "fe80::1"],
    ["2001:DB8:0:0:0:0:0:0", "2001:db8::"],
  ];
  for (const [input, expected] of cases) assert.equal(formatIpv6(parseIpv6(input)), expected);
  assert.throws(() => formatIpv6(new Uint8Array(4)), /16 bytes, not 4/);
});
