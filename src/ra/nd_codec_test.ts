import assert from "node:assert/strict";
import fc from "fast-check";
import {
  decodeNdMessage,
  encodeRouterAdvertisement,
  type RouterAdvertisement,
} from "./nd_codec.ts";

const hex = (s: string) =>
  Uint8Array.from(s.replace(/\s+|#[^\n]*/g, "").match(/../g)!, (b) => parseInt(b, 16));

Deno.test("ND codec: an RA is written byte for byte as RFC 4861, RFC 4191 and RFC 8106 lay it out", () => {
  const ra: RouterAdvertisement = {
    curHopLimit: 64,
    managed: false,
    other: true,
    routerLifetime: 1800,
    reachableTime: 0,
    retransTimer: 0,
    sourceLinkLayer: new Uint8Array([0x02, 0, 0x5e, 0, 0, 0x01]),
    mtu: 1500,
    prefixes: [{
      prefix: "2001:db8:1:1::",
      prefixLength: 64,
      onLink: true,
      autonomous: true,
      validLifetime: 5400,
      preferredLifetime: 2700,
    }],
    routes: [{ prefix: "2001:db8:1::", prefixLength: 56, lifetime: 5400 }],
    dnsServers: [{ lifetime: 1800, servers: ["2001:db8::53"] }],
    dnsDomains: [{ lifetime: 1800, domains: ["lab.example"] }],
  };
  const expected = hex(`
    86 00 0000 40 40 0708 00000000 00000000   # RA: type 134, hop limit 64, O, lifetime 1800
    01 01 02005e000001                         # SLLA
    05 01 0000 000005dc                        # MTU 1500
    03 04 40 c0 00001518 00000a8c 00000000     # PIO /64, L+A, valid 5400, preferred 2700
      20010db8000100010000000000000000
    18 02 38 00 00001518 20010db800010000      # RIO /56, lifetime 5400
    19 03 0000 00000708                        # RDNSS, lifetime 1800
      20010db8000000000000000000000053
    1f 03 0000 00000708                        # DNSSL, lifetime 1800
      036c6162076578616d706c6500 000000        # lab.example, padding
  `);
  const bytes = encodeRouterAdvertisement(ra);
  assert.deepEqual([...bytes], [...expected]);
  const back = decodeNdMessage(bytes, "fe80::1", 255);
  assert.ok(back.ok && back.message.type === "ra");
  assert.deepEqual(back.message.advertisement, ra);
});

Deno.test("ND codec: Router Solicitations are checked as RFC 4861 §6.1.1 says", () => {
  const rs = hex("85 00 0000 00000000");
  const withSlla = hex("85 00 0000 00000000 01 01 020000000001");
  assert.deepEqual(decodeNdMessage(rs, "fe80::2", 255), {
    ok: true,
    message: { type: "rs", hasSourceLinkLayer: false },
  });
  assert.deepEqual(decodeNdMessage(withSlla, "fe80::2", 255), {
    ok: true,
    message: { type: "rs", hasSourceLinkLayer: true },
  });
  const reason = (bytes: Uint8Array, source = "fe80::2", hop: number | null = 255) => {
    const r = decodeNdMessage(bytes, source, hop ?? undefined);
    return r.ok ? "ok" : r.reason;
  };
  assert.equal(reason(rs, "fe80::2", 64), "hop-limit");
  assert.equal(reason(rs, "fe80::2", null), "hop-limit");
  assert.equal(reason(hex("85 01 0000 00000000")), "code");
  assert.equal(reason(hex("85 00 0000 0000")), "truncated");
  assert.equal(reason(withSlla, "::"), "slla-from-unspecified");
  assert.equal(reason(rs, "::"), "ok");
  assert.equal(reason(hex("85 00 0000 00000000 01 00 020000000001")), "bad-option-length");
  assert.equal(reason(hex("85 00 0000 00000000 01 02 020000000001")), "bad-option-length");
  assert.equal(reason(hex("87 00 0000 00000000")), "not-rs-or-ra");
  assert.equal(
    reason(hex("86 00 0000 40 00 0708 00000000 00000000"), "2001:db8::1"),
    "ra-not-link-local",
  );
});

Deno.test("ND codec: any bytes decode to a message or a reason, never an exception", () => {
  fc.assert(
    fc.property(
      fc.uint8Array({ maxLength: 200 }),
      fc.constantFrom(133, 134),
      fc.constantFrom("fe80::1", "::", "2001:db8::1"),
      (body, type, source) => {
        const bytes = new Uint8Array([type, 0, 0, 0, ...body]);
        const r = decodeNdMessage(bytes, source, 255);
        assert.ok(r.ok || typeof r.reason === "string");
      },
    ),
    { numRuns: 3000 },
  );
});
