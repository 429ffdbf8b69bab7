import assert from "node:assert/strict";
import { delegateSubnet } from "./delegate_subnet.ts";

Deno.test("delegateSubnet: sla_id placed after the prefix; absent sla_len makes a /64", () => {
  assert.deepStrictEqual(delegateSubnet("2001:db8:ffff::", 48, { interface: "l", slaId: 1 }), {
    prefix: "2001:db8:ffff:1::",
    length: 64,
  });
  assert.deepStrictEqual(
    delegateSubnet("2001:db8:ab00::", 56, { interface: "l", slaId: 0xff, slaLen: 8 }),
    { prefix: "2001:db8:ab00:ff::", length: 64 },
  );
  assert.deepStrictEqual(
    delegateSubnet("2001:db8::", 48, { interface: "l", slaId: 3, slaLen: 4 }),
    { prefix: "2001:db8:0:3000::", length: 52 },
  );
});

Deno.test("delegateSubnet: an sla_len past /64 shrinks; errors when nothing fits", () => {
  assert.deepStrictEqual(
    delegateSubnet("2001:db8:1:10::", 60, { interface: "l", slaId: 2, slaLen: 16 }),
    { prefix: "2001:db8:1:12::", length: 64, adjustedSlaLen: 4 },
  );
  assert.deepStrictEqual(delegateSubnet("2001:db8::", 60, { interface: "l", slaId: 16 }), {
    error: "sla_id 16 does not fit in 4 bits of the /60 prefix",
  });
  assert.deepStrictEqual(delegateSubnet("2001:db8::", 72, { interface: "l", slaId: 0 }), {
    error: "a /72 delegated prefix leaves no room for a /64",
  });
});

Deno.test("delegateSubnet: with no bits left (sla_len 0, or a /64 delegated) the sla_id has no effect", () => {
  assert.deepStrictEqual(
    delegateSubnet("2001:db8:0:7::", 64, { interface: "l", slaId: 1, slaLen: 0 }),
    { prefix: "2001:db8:0:7::", length: 64 },
  );
  assert.deepStrictEqual(
    delegateSubnet("2001:db8:0:7::", 64, { interface: "l", slaId: 10, slaLen: 8 }),
    { prefix: "2001:db8:0:7::", length: 64, adjustedSlaLen: 0 },
  );
  assert.deepStrictEqual(
    delegateSubnet("2001:db8::", 56, { interface: "l", slaId: 1, slaLen: 0 }),
    { prefix: "2001:db8::", length: 56 },
  );
});
