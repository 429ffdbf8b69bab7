/**
 * Property tests of the codec: generated messages survive encode → decode
 * unchanged, and arbitrary or mutated bytes either decode (and then
 * re-encode to the very same bytes) or raise DecodeError — nothing else.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { decodeMessage, encodeMessage } from "./codec.ts";
import { DecodeError } from "./decode_error.ts";
import { formatLabels } from "./domain.ts";
import { formatIPv6 } from "./ipv6.ts";
import type { ClientServerType, Message } from "./message.ts";
import { codecsByCode } from "./options/registry.ts";
import type { NtpSuboption, Option } from "./options/types.ts";

/** fc.record with plain prototypes, so that values compare equal to decoded ones. */
function record<T>(model: { [K in keyof T]: fc.Arbitrary<T[K]> }): fc.Arbitrary<T> {
  return fc.record(model, { noNullPrototype: true }) as unknown as fc.Arbitrary<T>;
}

const u8 = fc.integer({ min: 0, max: 0xff });
const u16 = fc.integer({ min: 0, max: 0xffff });
const u32 = fc.integer({ min: 0, max: 0xffffffff });
const bytes = (maxLength: number, minLength = 0) => fc.uint8Array({ minLength, maxLength });

/** Addresses come from random bytes, biased towards zero runs to exercise `::`. */
const address = fc.uint8Array({ minLength: 16, maxLength: 16 }).chain((b) =>
  fc.subarray([0, 1, 2, 3, 4, 5, 6, 7]).map((zeroGroups) => {
    const out = b.slice();
    for (const g of zeroGroups) out[2 * g] = out[2 * g + 1] = 0;
    return formatIPv6(out);
  })
);

/** A label of any bytes, dots and backslashes included. */
const label = fc.oneof(
  fc.stringMatching(/^[a-z0-9-]{1,20}$/).map((s) => new TextEncoder().encode(s)),
  bytes(63, 1),
);
/** A name whose wire form stays within 255 bytes. */
const domain = fc.array(label, { maxLength: 6 })
  .filter((ls) => ls.reduce((n, l) => n + 1 + l.length, 1) <= 255)
  .map(formatLabels);
const domains = fc.array(domain, { maxLength: 4 });

const unknownCode = u16.filter((c) => !codecsByCode.has(c));
const text = fc.string({ unit: "grapheme", maxLength: 40 });

/** Options that hold no options. */
const leaf: fc.Arbitrary<Option> = fc.oneof(
  bytes(130, 2).map((duid): Option => ({ name: "CLIENTID", code: 1, duid })),
  bytes(130, 2).map((duid): Option => ({ name: "SERVERID", code: 2, duid })),
  fc.array(u16, { maxLength: 10 }).map((codes): Option => ({ name: "ORO", code: 6, codes })),
  u8.map((value): Option => ({ name: "PREFERENCE", code: 7, value })),
  u16.map((centiseconds): Option => ({ name: "ELAPSED_TIME", code: 8, centiseconds })),
  record({
    protocol: u8,
    algorithm: u8,
    rdm: u8,
    replayDetection: fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }),
    authInfo: bytes(40),
  }).map((f): Option => ({ name: "AUTH", code: 11, ...f })),
  address.map((a): Option => ({ name: "UNICAST", code: 12, address: a })),
  record({ status: u16, message: text }).map((f): Option => ({
    name: "STATUS_CODE",
    code: 13,
    ...f,
  })),
  fc.constant<Option>({ name: "RAPID_COMMIT", code: 14 }),
  fc.array(bytes(20), { maxLength: 4 }).map((classes): Option => ({
    name: "USER_CLASS",
    code: 15,
    classes,
  })),
  record({ enterprise: u32, classes: fc.array(bytes(20), { maxLength: 4 }) }).map((
    f,
  ): Option => ({ name: "VENDOR_CLASS", code: 16, ...f })),
  record({
    enterprise: u32,
    options: fc.array(record({ code: u16, data: bytes(20) }), { maxLength: 4 }),
  }).map((f): Option => ({ name: "VENDOR_OPTS", code: 17, ...f })),
  bytes(20).map((id): Option => ({ name: "INTERFACE_ID", code: 18, id })),
  u8.map((messageType): Option => ({ name: "RECONF_MSG", code: 19, messageType })),
  fc.constant<Option>({ name: "RECONF_ACCEPT", code: 20 }),
  domains.map((d): Option => ({ name: "SIP_SERVER_D", code: 21, domains: d })),
  fc.array(address, { maxLength: 3 }).map((s): Option => ({
    name: "SIP_SERVER_A",
    code: 22,
    servers: s,
  })),
  fc.array(address, { maxLength: 3 }).map((s): Option => ({
    name: "DNS_SERVERS",
    code: 23,
    servers: s,
  })),
  domains.map((d): Option => ({ name: "DOMAIN_LIST", code: 24, domains: d })),
  fc.array(address, { maxLength: 3 }).map((s): Option => ({
    name: "NIS_SERVERS",
    code: 27,
    servers: s,
  })),
  fc.array(address, { maxLength: 3 }).map((s): Option => ({
    name: "NISP_SERVERS",
    code: 28,
    servers: s,
  })),
  domains.map((d): Option => ({ name: "NIS_DOMAIN_NAME", code: 29, domains: d })),
  domains.map((d): Option => ({ name: "NISP_DOMAIN_NAME", code: 30, domains: d })),
  fc.array(address, { maxLength: 3 }).map((s): Option => ({
    name: "SNTP_SERVERS",
    code: 31,
    servers: s,
  })),
  u32.map((seconds): Option => ({ name: "INFORMATION_REFRESH_TIME", code: 32, seconds })),
  domains.map((d): Option => ({ name: "BCMCS_SERVER_D", code: 33, domains: d })),
  fc.array(address, { maxLength: 3 }).map((s): Option => ({
    name: "BCMCS_SERVER_A",
    code: 34,
    servers: s,
  })),
  record({ flags: u8, domain, partial: fc.boolean() }).map((f): Option => ({
    name: "CLIENT_FQDN",
    code: 39,
    ...f,
  })),
  fc.array(
    fc.oneof(
      address.map((a): NtpSuboption => ({ type: "address", address: a })),
      address.map((a): NtpSuboption => ({ type: "multicast", address: a })),
      domain.map((d): NtpSuboption => ({ type: "fqdn", domain: d })),
      record({ code: u16.filter((c) => c < 1 || c > 3), data: bytes(10) }).map((
        f,
      ): NtpSuboption => ({ type: "unknown", ...f })),
    ),
    { minLength: 1, maxLength: 4 },
  ).map((suboptions): Option => ({ name: "NTP_SERVER", code: 56, suboptions })),
  domain.map((d): Option => ({ name: "AFTR_NAME", code: 64, domain: d })),
  record({ prefixLength: fc.integer({ min: 1, max: 128 }), subnetId: bytes(16, 1) }).map((
    f,
  ): Option => ({ name: "PD_EXCLUDE", code: 67, ...f })),
  u32.map((seconds): Option => ({ name: "SOL_MAX_RT", code: 82, seconds })),
  u32.map((seconds): Option => ({ name: "INF_MAX_RT", code: 83, seconds })),
  text.map((uri): Option => ({ name: "CAPTIVE_PORTAL", code: 103, uri })),
  record({ code: unknownCode, data: bytes(30) }).map((f): Option => ({
    name: "UNKNOWN",
    ...f,
  })),
);

const leaves = fc.array(leaf, { maxLength: 3 });
const lifetimes = { preferredLifetime: u32, validLifetime: u32 };
const iaEntries = fc.array(
  fc.oneof(
    record({ address, ...lifetimes, options: leaves }).map((f): Option => ({
      name: "IAADDR",
      code: 5,
      ...f,
    })),
    record({
      ...lifetimes,
      prefixLength: fc.integer({ min: 0, max: 128 }),
      prefix: address,
      options: leaves,
    }).map((f): Option => ({ name: "IAPREFIX", code: 26, ...f })),
    leaf,
  ),
  { maxLength: 3 },
);
const option: fc.Arbitrary<Option> = fc.oneof(
  { arbitrary: leaf, weight: 4 },
  record({ iaid: u32, t1: u32, t2: u32, options: iaEntries }).map((f): Option => ({
    name: "IA_NA",
    code: 3,
    ...f,
  })),
  record({ iaid: u32, options: iaEntries }).map((f): Option => ({
    name: "IA_TA",
    code: 4,
    ...f,
  })),
  record({ iaid: u32, t1: u32, t2: u32, options: iaEntries }).map((f): Option => ({
    name: "IA_PD",
    code: 25,
    ...f,
  })),
);

const clientServer: fc.Arbitrary<Message> = record({
  type: fc.integer({ min: 1, max: 11 }).map((t) => t as ClientServerType),
  transactionId: fc.integer({ min: 0, max: 0xffffff }),
  options: fc.array(option, { maxLength: 6 }),
});
const relay: fc.Arbitrary<Message> = record({
  type: fc.constantFrom(12 as const, 13 as const),
  hopCount: u8,
  linkAddress: address,
  peerAddress: address,
  inner: clientServer,
  others: fc.array(leaf, { maxLength: 3 }),
}).map(({ inner, others, ...head }): Message => ({
  ...head,
  options: [...others, { name: "RELAY_MSG", code: 9, message: inner }],
}));
const message = fc.oneof({ arbitrary: clientServer, weight: 3 }, relay);

/** Decodes, requiring either a value that re-encodes to `b` or a DecodeError. */
function decodesOrRejects(b: Uint8Array): void {
  let m: Message;
  try {
    m = decodeMessage(b);
  } catch (e) {
    if (e instanceof DecodeError) {
      assert.ok(Number.isInteger(e.offset) && e.offset >= 0 && e.offset <= b.length);
      return;
    }
    throw e;
  }
  assert.deepEqual(encodeMessage(m), b);
}

Deno.test("decode(encode(m)) equals m for generated messages", () => {
  fc.assert(
    fc.property(message, (m) => {
      const wire = encodeMessage(m);
      assert.deepEqual(decodeMessage(wire), m);
      assert.deepEqual(encodeMessage(decodeMessage(wire)), wire);
    }),
    { numRuns: 1000 },
  );
});

Deno.test("random bytes decode to a message or raise DecodeError, nothing else", () => {
  const header = fc.tuple(fc.integer({ min: 0, max: 14 }), bytes(3, 3))
    .map(([t, id]) => Uint8Array.of(t, ...id));
  fc.assert(
    fc.property(
      fc.oneof(bytes(200), fc.tuple(header, bytes(200)).map(([h, b]) => Uint8Array.of(...h, ...b))),
      decodesOrRejects,
    ),
    { numRuns: 3000 },
  );
});

Deno.test("mutated valid messages decode or raise DecodeError, nothing else", () => {
  const mutation = record({
    at: fc.nat(),
    value: u8,
    kind: fc.constantFrom("set", "insert", "delete", "truncate"),
  });
  fc.assert(
    fc.property(message, fc.array(mutation, { minLength: 1, maxLength: 4 }), (m, muts) => {
      let b = Array.from(encodeMessage(m));
      for (const { at, value, kind } of muts) {
        const i = b.length === 0 ? 0 : at % b.length;
        if (kind === "set") b[i] = value;
        else if (kind === "insert") b.splice(i, 0, value);
        else if (kind === "delete") b.splice(i, 1);
        else b = b.slice(0, i);
      }
      decodesOrRejects(Uint8Array.from(b));
    }),
    { numRuns: 3000 },
  );
});
