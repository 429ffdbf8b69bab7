import assert from "node:assert/strict";
import fc from "fast-check";
import { decodeMessage } from "../codec.ts";
import type { ClientServerMessage } from "../message.ts";
import { IRT_DEFAULT, IRT_MINIMUM, refreshTime, StatelessServer } from "./stateless_server.ts";
import type { ServerData } from "./stateless_server.ts";

const hex = (s: string) =>
  Uint8Array.from(s.replace(/\s+|#[^\n]*/g, "").match(/../g)!, (b) => parseInt(b, 16));

const SERVER_DUID = hex("0003 0001 02005e000001");
const DATA: ServerData = {
  duid: SERVER_DUID,
  dnsServers: ["2001:db8:1::53"],
  domains: ["lab.example"],
  sntpServers: [],
  ntpServers: [{ type: "address", address: "2001:db8:1::123" }],
  validFor: 3000,
};
const HOST = "fe80::2";
const MULTICAST = "ff02::1:2";

/** An Information-request as a stateless client sends it (RFC 9915 §18.2.6). */
const INFORMATION_REQUEST = hex(`
  0b 123456                              # Information-request, transaction id 0x123456
  0001 000a 0003 0001 020000000002       # Client Identifier: DUID-LL
  0006 0004 0017 0018                    # ORO: DNS servers, domain list
  0008 0002 0000                         # Elapsed Time 0
`);

/** A Solicit for one IA_NA and one IA_PD (RFC 9915 §18.2.1). */
const SOLICIT = hex(`
  01 abcdef
  0001 000a 0003 0001 020000000002       # Client Identifier
  0003 000c 00000001 00000000 00000000   # IA_NA IAID 1
  0019 000c 00000002 00000000 00000000   # IA_PD IAID 2
  0008 0002 0000
`);

function reply(outcome: ReturnType<StatelessServer["handle"]>): ClientServerMessage {
  assert.equal(outcome.type, "answer", outcome.type === "drop" ? outcome.reason : "");
  return decodeMessage(
    outcome.type === "answer" ? outcome.bytes : new Uint8Array(),
  ) as ClientServerMessage;
}

Deno.test("stateless server: an Information-request gets DNS, domains, NTP and a refresh time", () => {
  const server = new StatelessServer();
  const r = reply(
    server.handle({ bytes: INFORMATION_REQUEST, source: HOST, destination: MULTICAST }, DATA, 0),
  );
  assert.equal(r.type, 7, "Reply");
  assert.equal(r.transactionId, 0x123456);
  assert.deepEqual(r.options.map((o) => o.name), [
    "SERVERID",
    "CLIENTID",
    "DNS_SERVERS",
    "DOMAIN_LIST",
    "NTP_SERVER",
    "INFORMATION_REFRESH_TIME",
  ]);
  const get = <N extends string>(name: N) => r.options.find((o) => o.name === name)!;
  assert.deepEqual([...(get("SERVERID") as { duid: Uint8Array }).duid], [...SERVER_DUID]);
  assert.deepEqual((get("DNS_SERVERS") as { servers: readonly string[] }).servers, [
    "2001:db8:1::53",
  ]);
  assert.deepEqual((get("DOMAIN_LIST") as { domains: readonly string[] }).domains, ["lab.example"]);
  assert.equal((get("INFORMATION_REFRESH_TIME") as { seconds: number }).seconds, 3000);
  assert.equal(server.counters().informationRequests, 1);
  assert.deepEqual(server.counters().sent, { REPLY: 1 });
});

Deno.test("stateless server: the refresh time follows the data's validity, within IRT bounds", () => {
  assert.equal(refreshTime(3000), 3000);
  assert.equal(refreshTime(120), IRT_MINIMUM);
  assert.equal(refreshTime(10 * IRT_DEFAULT), IRT_DEFAULT);
  assert.equal(refreshTime(Infinity), IRT_DEFAULT);
  const server = new StatelessServer();
  const short = reply(server.handle(
    { bytes: INFORMATION_REQUEST, source: HOST },
    { ...DATA, validFor: 700.9 },
    0,
  ));
  assert.equal(
    (short.options.find((o) => o.name === "INFORMATION_REFRESH_TIME") as { seconds: number })
      .seconds,
    700,
  );
});

Deno.test("stateless server: a Solicit gets NoAddrsAvail and NoPrefixAvail in an Advertise", () => {
  const server = new StatelessServer();
  const a = reply(server.handle({ bytes: SOLICIT, source: HOST, destination: MULTICAST }, DATA, 0));
  assert.equal(a.type, 2, "Advertise");
  const ia = (name: string) => {
    const o = a.options.find((x) => x.name === name);
    assert.ok(o !== undefined && (o.name === "IA_NA" || o.name === "IA_PD"));
    return { iaid: o.iaid, options: o.options.map((x) => x as unknown as { status: number }) };
  };
  const na = ia("IA_NA");
  const pd = ia("IA_PD");
  assert.deepEqual([na.iaid, na.options.map((o) => (o as { status: number }).status)], [1, [2]]);
  assert.deepEqual([pd.iaid, pd.options.map((o) => (o as { status: number }).status)], [2, [6]]);
  const top = a.options.find((o) => o.name === "STATUS_CODE") as { status: number };
  assert.equal(top.status, 2);
  assert.ok(
    !a.options.some((o) => o.name === "INFORMATION_REFRESH_TIME"),
    "only in Reply to Information-request",
  );
});

Deno.test("stateless server: hostile and misdirected messages are counted and dropped", () => {
  const server = new StatelessServer();
  const drop = (bytes: Uint8Array, source = HOST, destination: string | undefined = MULTICAST) => {
    const o = server.handle(
      destination === undefined ? { bytes, source } : { bytes, source, destination },
      DATA,
      0,
    );
    return o.type === "drop" ? o.reason : "answered";
  };
  assert.equal(drop(hex("0b 1234")), "malformed");
  assert.equal(drop(hex("0b 123456 0001 00ff 00")), "malformed", "option runs past the end");
  assert.equal(
    drop(hex("0b 123456 0003 000c 00000001 00000000 00000000"), "fe80::3"),
    "ia-in-information-request",
  );
  assert.equal(drop(hex("0b 123456 0002 0004 00010203"), "fe80::4"), "other-server");
  assert.equal(drop(hex("01 123456 0008 0002 0000"), "fe80::5"), "no-client-id");
  assert.equal(drop(INFORMATION_REQUEST, "fe80::6", "2001:db8:1:1::1"), "unicast");
  assert.equal(
    drop(hex("0c 00 00000000000000000000000000000000 fe800000000000000000000000000002"), "fe80::7"),
    "relayed",
  );
  assert.equal(
    drop(hex("05 123456 0001 000a 0003 0001 020000000002"), "fe80::8"),
    "not-served-renew",
  );
  assert.equal(drop(hex("ff 123456"), "fe80::9"), "malformed");
  const counters = server.counters();
  assert.equal(counters.informationRequests, 0);
  assert.equal(counters.dropped.malformed, 3);
  assert.deepEqual(counters.sent, {});
});

Deno.test("stateless server: each client is rate limited on its own", () => {
  const server = new StatelessServer();
  const outcomes = Array.from(
    { length: 20 },
    () => server.handle({ bytes: INFORMATION_REQUEST, source: HOST }, DATA, 0).type,
  );
  assert.equal(outcomes.filter((o) => o === "answer").length, 8);
  assert.equal(server.counters().dropped["rate-limited"], 12);
  assert.equal(
    server.handle({ bytes: INFORMATION_REQUEST, source: "fe80::77" }, DATA, 0).type,
    "answer",
  );
  assert.equal(
    server.handle({ bytes: INFORMATION_REQUEST, source: HOST }, DATA, 10_000).type,
    "answer",
  );
});

Deno.test("stateless server: random bytes never throw and are never answered unless well formed", () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 300 }), fc.integer({ min: 0, max: 1e6 }), (bytes, n) => {
      const server = new StatelessServer();
      const o = server.handle({ bytes, source: `fe80::${n.toString(16)}` }, DATA, 0);
      if (o.type === "answer") assert.ok(bytes[0] === 1 || bytes[0] === 3 || bytes[0] === 11);
    }),
    { numRuns: 3000 },
  );
});
