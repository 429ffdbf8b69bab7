import assert from "node:assert/strict";
import {
  decodeMessage,
  decodeOptions,
  encodeMessage,
  encodeOption,
  encodeOptions,
  MAX_OPTION_DEPTH,
} from "./codec.ts";
import { HOP_COUNT_LIMIT } from "./constants.ts";
import { DecodeError } from "./decode_error.ts";
import { fromHex, toHex } from "./hex.ts";
import type { Message } from "./message.ts";

const h = (...parts: string[]) => parts.join("").replaceAll(" ", "");

function decodeError(bytes: Uint8Array): DecodeError {
  try {
    decodeMessage(bytes);
  } catch (e) {
    if (e instanceof DecodeError) return e;
    throw e;
  }
  assert.fail("expected a DecodeError");
}

Deno.test("a client/server message header: type and 24-bit transaction id (RFC 9915 §8)", () => {
  // SOLICIT, transaction id 0xabcdef, ELAPSED_TIME 0, RAPID_COMMIT
  const bytes = fromHex(h("01 abcdef", "0008 0002 0000", "000e 0000"));
  const m = decodeMessage(bytes);
  assert.deepEqual(m, {
    type: 1,
    transactionId: 0xabcdef,
    options: [
      { name: "ELAPSED_TIME", code: 8, centiseconds: 0 },
      { name: "RAPID_COMMIT", code: 14 },
    ],
  });
  assert.deepEqual(encodeMessage(m), bytes);
});

Deno.test("a relay message nests the relayed message (RFC 9915 §9, §21.10)", () => {
  // RELAY-FORW, hop count 0, link 2001:db8::1, peer fe80::2
  //   INTERFACE_ID "eth0" | RELAY_MSG: SOLICIT 0x000001 with ELAPSED_TIME 0
  const bytes = fromHex(h(
    "0c 00",
    "20010db8000000000000000000000001",
    "fe800000000000000000000000000002",
    "0012 0004 65746830",
    "0009 000a 01 000001 0008 0002 0000",
  ));
  const m = decodeMessage(bytes);
  assert.deepEqual(m, {
    type: 12,
    hopCount: 0,
    linkAddress: "2001:db8::1",
    peerAddress: "fe80::2",
    options: [
      { name: "INTERFACE_ID", code: 18, id: fromHex("65746830") },
      {
        name: "RELAY_MSG",
        code: 9,
        message: {
          type: 1,
          transactionId: 1,
          options: [{ name: "ELAPSED_TIME", code: 8, centiseconds: 0 }],
        },
      },
    ],
  });
  assert.deepEqual(encodeMessage(m), bytes);
});

function nestedRelay(levels: number): Message {
  let m: Message = { type: 11, transactionId: 7, options: [] };
  for (let i = 0; i < levels; i++) {
    m = {
      type: 13,
      hopCount: i,
      linkAddress: "::",
      peerAddress: "fe80::1",
      options: [{ name: "RELAY_MSG", code: 9, message: m }],
    };
  }
  return m;
}

Deno.test("relay nesting is bounded by HOP_COUNT_LIMIT", () => {
  const ok = nestedRelay(HOP_COUNT_LIMIT);
  assert.deepEqual(decodeMessage(encodeMessage(ok)), ok);
  const e = decodeError(encodeMessage(nestedRelay(HOP_COUNT_LIMIT + 1)));
  assert.match(e.message, new RegExp(`relayed messages nest more than ${HOP_COUNT_LIMIT} deep`));
  assert.equal(e.optionCode, 9);
});

Deno.test("option nesting is bounded, so hostile input cannot recurse without end", () => {
  // IA_TA inside IA_TA … deeper than MAX_OPTION_DEPTH
  let body = "";
  for (let i = 0; i < MAX_OPTION_DEPTH + 1; i++) {
    const len = 4 + body.length / 2;
    body = h("0004", len.toString(16).padStart(4, "0"), "00000001", body);
  }
  const e = decodeError(fromHex(h("07 000001", body)));
  assert.match(e.message, new RegExp(`options nest more than ${MAX_OPTION_DEPTH} deep`));
  // one level less decodes
  const shallow = body.slice(16);
  assert.equal(decodeMessage(fromHex(h("07 000001", shallow))).options.length, 1);
});

Deno.test("message headers are checked", () => {
  assert.match(decodeError(new Uint8Array()).message, /at least 4 bytes, got 0/);
  assert.match(decodeError(fromHex("070000")).message, /at least 4 bytes, got 3/);
  assert.match(decodeError(fromHex("00000000")).message, /message type 0 is not/);
  assert.match(decodeError(fromHex("0e000000")).message, /message type 14 is not/);
  const e = decodeError(fromHex("0c00" + "00".repeat(31)));
  assert.match(e.message, /RELAY-FORW message: a relay message needs at least 34 bytes, got 33/);
});

Deno.test("unknown options keep their place and bytes", () => {
  const bytes = fromHex(h("07 000001", "ff00 0002 abcd", "0007 0001 0a", "8000 0000"));
  const m = decodeMessage(bytes);
  assert.deepEqual(m.options, [
    { name: "UNKNOWN", code: 0xff00, data: fromHex("abcd") },
    { name: "PREFERENCE", code: 7, value: 10 },
    { name: "UNKNOWN", code: 0x8000, data: new Uint8Array() },
  ]);
  assert.deepEqual(encodeMessage(m), bytes);
});

Deno.test("text that is not UTF-8 is shown replaced but re-encoded as sent", () => {
  // STATUS_CODE UnspecFail with bytes ff fe | CAPTIVE_PORTAL with byte 80
  const bytes = fromHex(h("07 000001", "000d 0004 0001 fffe", "0067 0001 80"));
  const m = decodeMessage(bytes);
  const [status, portal] = m.options;
  assert.equal(status?.name === "STATUS_CODE" && status.message, "\ufffd\ufffd");
  assert.equal(portal?.name === "CAPTIVE_PORTAL" && portal.uri, "\ufffd");
  assert.deepEqual(encodeMessage(m), bytes);
  // a leading byte-order mark is text, and stays
  const bom = fromHex(h("07 000001", "000d 0005 0000 efbbbf"));
  assert.deepEqual(encodeMessage(decodeMessage(bom)), bom);
});

Deno.test("decodeOptions reads a window and reports absolute offsets", () => {
  const bytes = fromHex(h("ffff", "0007 0001 05", "0008 0001 00"));
  assert.deepEqual(decodeOptions(bytes, 2, 7), [{ name: "PREFERENCE", code: 7, value: 5 }]);
  try {
    decodeOptions(bytes, 2);
    assert.fail("no error");
  } catch (e) {
    assert.ok(e instanceof DecodeError);
    assert.equal(e.message, "ELAPSED_TIME option at offset 7: length 1 is not 2");
    assert.equal(e.offset, 9);
    assert.equal(e.optionCode, 8);
  }
  assert.throws(() => decodeOptions(bytes, 5, 2), RangeError);
});

Deno.test("encoding refuses values that cannot be sent", () => {
  assert.throws(
    () => encodeMessage({ type: 7, transactionId: 0x1000000, options: [] }),
    RangeError,
  );
  assert.throws(
    () => encodeOption({ name: "UNICAST", code: 12, address: "2001:db8::g" }),
    SyntaxError,
  );
  assert.throws(
    () => encodeOption({ name: "UNKNOWN", code: 99, data: new Uint8Array(0x10000) }),
    /at most 65535/,
  );
  assert.throws(
    () => encodeOption({ name: "DOMAIN_LIST", code: 24, domains: ["a..b"] }),
    /empty label/,
  );
  assert.throws(
    () => encodeOption({ name: "CLIENTID", code: 1, duid: new Uint8Array(1) }),
    RangeError,
  );
  assert.equal(
    toHex(encodeOptions([{ name: "RAPID_COMMIT", code: 14 }, { name: "RECONF_ACCEPT", code: 20 }])),
    "000e0000" + "00140000",
  );
});

Deno.test("tolerate: a malformed top-level option is kept as MALFORMED, the rest decoded", () => {
  // REPLY 0x123456 | DOMAIN_LIST "example" without its root label | DNS 2001:db8::53
  const bytes = fromHex(h(
    "07 123456",
    "0018 0008 07 6578616d706c65",
    "0017 0010 20010db8000000000000000000000053",
  ));
  const strict = decodeError(bytes);
  assert.equal(strict.optionCode, 24, "strict decoding still fails, naming the option");
  assert.match(strict.message, /DOMAIN_LIST option at offset 4: domain name at offset 8/);
  const m = decodeMessage(bytes, { tolerate: (code) => code === 24 });
  assert.equal(m.options.length, 2);
  const [bad, dns] = m.options;
  assert.equal(bad?.name, "MALFORMED");
  assert.ok(bad?.name === "MALFORMED");
  assert.equal(bad.code, 24);
  assert.equal(toHex(bad.data), "076578616d706c65");
  assert.equal(bad.error, strict.message);
  assert.deepEqual(dns, { name: "DNS_SERVERS", code: 23, servers: ["2001:db8::53"] });
  assert.deepEqual(encodeMessage(m), bytes, "re-encodes byte for byte");
  // Trailing bytes after a well-formed body are a fault of that option too.
  const trailing = fromHex(h("07 123456", "0052 0005 0000003c ff"));
  assert.equal(decodeMessage(trailing, { tolerate: () => true }).options[0]?.name, "MALFORMED");
});

Deno.test("tolerate: never for broken framing, options inside options, relays, or codes refused", () => {
  const all = { tolerate: () => true };
  // An option length past the end of the message: nothing after it can be found.
  assert.throws(() => decodeMessage(fromHex(h("07 123456", "0017 0020 2001")), all), DecodeError);
  // IA_NA holding a malformed STATUS_CODE (1 byte): the IA fails, and so the message.
  const nested = fromHex(h("07 123456", "0003 0011 00000001 00000000 00000000", "000d 0001 00"));
  assert.throws(() => decodeMessage(nested, { tolerate: (c) => c !== 3 }), /STATUS_CODE/);
  // Even when the IA itself is tolerated, its contents are decoded strictly.
  const m = decodeMessage(nested, all);
  assert.equal(m.options[0]?.name, "MALFORMED");
  // A relay message and the message it carries are decoded strictly.
  const relay = fromHex(h(
    "0d 00",
    "00000000000000000000000000000000",
    "fe800000000000000000000000000002",
    "0009 000c 07 000001 0018 0004 03 616263",
  ));
  assert.throws(() => decodeMessage(relay, all), DecodeError);
  // A code the caller refuses fails the message as before.
  const bytes = fromHex(h("07 123456", "0007 0002 0000"));
  assert.throws(() => decodeMessage(bytes, { tolerate: (c) => c !== 7 }), /PREFERENCE/);
  // decodeOptions tolerates the options of its window the same way.
  const opts = decodeOptions(fromHex(h("0018 0002 0161", "0007 0001 05")), 0, undefined, all);
  assert.deepEqual(opts.map((o) => o.name), ["MALFORMED", "PREFERENCE"]);
});
