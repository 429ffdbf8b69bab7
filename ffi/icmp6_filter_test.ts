import assert from "node:assert/strict";
import { HOST_LE } from "./host_order.ts";
import { ICMP6_FILTER_SIZE, icmp6FilterPasses, icmp6FilterPassing } from "./icmp6_filter.ts";

Deno.test("icmp6_filter: only the given types pass, as glibc's macros read it", () => {
  const f = icmp6FilterPassing([133, 134]);
  assert.equal(f.length, ICMP6_FILTER_SIZE);
  for (let t = 0; t < 256; t++) {
    assert.equal(icmp6FilterPasses(f, t), t === 133 || t === 134, `type ${t}`);
  }
  // 133 and 134 are bits 5 and 6 of word 4 (133 >> 5 = 4): cleared; every other bit set.
  assert.equal(new DataView(f.buffer).getUint32(16, HOST_LE), 0xffffff9f);
  assert.equal(new DataView(f.buffer).getUint32(0, HOST_LE), 0xffffffff);
  assert.throws(() => icmp6FilterPassing([256]), /not 0–255/);
});
