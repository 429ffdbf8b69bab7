import assert from "node:assert/strict";
import { buildStatusDocument, parseStatusDocument } from "./status_json.ts";
import { formatDuration, formatStatusText } from "./status_text.ts";
import { testStatus } from "./test_status.ts";

const NOW = 50_000;

/** A delegated /56 with infinite lifetimes (RFC 9915 §7.7: 0xffffffff), held by IA_PD 7. */
const infinitePrefix = {
  iaid: 7,
  prefix: "2001:db8:1::",
  prefixLength: 56,
  preferredLifetime: 0xffffffff,
  validLifetime: 0xffffffff,
  receivedAt: 0,
};

const status = testStatus({
  addresses: [{
    iaid: 1,
    address: "2001:db8::100",
    preferredLifetime: 3600,
    validLifetime: 7200,
    receivedAt: 40_000,
  }],
  prefixes: [{ ...infinitePrefix, excluded: { prefix: "2001:db8:1:ff::", prefixLength: 64 } }],
  ias: [
    { type: "IA_NA", iaid: 1, t1: 1800, t2: 2880, t1At: 1_840_000, t2At: 2_920_000 },
    { type: "IA_PD", iaid: 7, t1: 3600, t2: 5760, status: "NoPrefixAvail" },
  ],
  options: [
    { name: "DNS_SERVERS", code: 23, servers: ["2001:db8::53"] },
    { name: "DOMAIN_LIST", code: 24, domains: ["example.com", "bad name\n.example"] },
    { name: "NTP_SERVER", code: 56, suboptions: [{ type: "fqdn", domain: "ntp.example" }] },
    { name: "AFTR_NAME", code: 64, domain: "aftr.example" },
  ],
  nextTimeout: NOW + 1500,
  counters: { sent: { SOLICIT: 1, REQUEST: 1 }, received: { REPLY: 1 }, dropped: {} },
});

const doc = buildStatusDocument({
  clients: [status],
  lan: {
    eth0: [{
      interface: "lan0",
      prefix: "2001:db8:1:1::",
      prefixLength: 64,
      address: "2001:db8:1:1::1",
      delegatedPrefix: "2001:db8:1::/56",
    }],
  },
  hooks: { eth0: { run: 2, failed: 1, timedOut: 0 } },
  now: NOW,
  wallClock: Date.UTC(2026, 10, 27, 10, 0, 0),
});

Deno.test("the status document follows schema version 1", () => {
  assert.deepEqual(JSON.parse(JSON.stringify(doc)), {
    version: 1,
    generated_at: "2026-11-27T10:00:00.000Z",
    interfaces: [{
      name: "eth0",
      state: "bound",
      server: { duid: "000100012a2b3c4d001122334455", address: "fe80::1" },
      addresses: [{ iaid: 1, address: "2001:db8::100", preferred_left: 3590, valid_left: 7190 }],
      prefixes: [{
        iaid: 7,
        prefix: "2001:db8:1::/56",
        preferred_left: null,
        valid_left: null,
        excluded: "2001:db8:1:ff::/64",
      }],
      lan_subnets: [{
        interface: "lan0",
        subnet: "2001:db8:1:1::/64",
        address: "2001:db8:1:1::1",
        delegated_prefix: "2001:db8:1::/56",
      }],
      ias: [
        { type: "IA_NA", iaid: 1, t1: 1800, t2: 2880, t1_left: 1790, t2_left: 2870, status: null },
        {
          type: "IA_PD",
          iaid: 7,
          t1: 3600,
          t2: 5760,
          t1_left: null,
          t2_left: null,
          status: "NoPrefixAvail",
        },
      ],
      next_timer_in: 2,
      dns_servers: ["2001:db8::53"],
      domains: ["example.com"],
      sntp_servers: [],
      ntp_servers: ["ntp.example"],
      sip_servers: [],
      sip_domains: [],
      aftr_name: "aftr.example",
      captive_portal: null,
      rejected: ["24:09626164206e616d650a076578616d706c6500"],
      counters: {
        sent: { SOLICIT: 1, REQUEST: 1 },
        received: { REPLY: 1 },
        dropped: {},
        hooks: { run: 2, failed: 1, timed_out: 0 },
      },
    }],
  });
});

Deno.test("an interface without a server, timers or hooks has nulls and zeros", () => {
  const { serverDuid: _d, serverAddress: _a, ...unbound } = testStatus({ state: "soliciting" });
  const d = buildStatusDocument({ clients: [unbound], now: 0 });
  const i = d.interfaces[0]!;
  assert.equal(d.generated_at, null);
  assert.equal(i.server, null);
  assert.equal(i.next_timer_in, null);
  assert.deepEqual(i.counters.hooks, { run: 0, failed: 0, timed_out: 0 });
});

Deno.test("the text form shows every part, lifetimes as durations", () => {
  assert.equal(
    formatStatusText(doc),
    [
      "eth0: bound  server 000100012a2b3c4d001122334455 at fe80::1",
      "  address 2001:db8::100  preferred 59m50s  valid 1h59m50s  (IA_NA 1)",
      "  prefix  2001:db8:1::/56  preferred infinite  valid infinite  (IA_PD 7)  excluding 2001:db8:1:ff::/64",
      "  lan     lan0 2001:db8:1:1::/64 address 2001:db8:1:1::1 from 2001:db8:1::/56",
      "  IA_NA 1  T1 30m  T2 48m",
      "  IA_PD 7  T1 1h  T2 1h36m  status NoPrefixAvail",
      "  next timer in 2s",
      "  dns      2001:db8::53",
      "  domains  example.com",
      "  ntp      ntp.example",
      "  aftr     aftr.example",
      "  rejected 24:09626164206e616d650a076578616d706c6500",
      "  sent     SOLICIT 1, REQUEST 1",
      "  received REPLY 1",
      "  dropped  none",
      "  hooks    2 run, 1 failed, 0 timed out",
      "",
    ].join("\n"),
  );
  assert.equal(
    formatStatusText({ version: 1, generated_at: null, interfaces: [] }),
    "no interfaces\n",
  );
});

Deno.test("text output escapes control characters from the document", () => {
  const hostile = JSON.parse(JSON.stringify(doc));
  hostile.interfaces[0].state = "bound\x1b]0;pwned\x07";
  assert.match(formatStatusText(hostile), /^eth0: bound\\x1b\]0;pwned\\x07 /);
});

Deno.test("formatDuration", () => {
  assert.equal(formatDuration(0), "0s");
  assert.equal(formatDuration(59), "59s");
  assert.equal(formatDuration(3600), "1h");
  assert.equal(formatDuration(90061), "1d1h1m1s");
  assert.equal(formatDuration(null), "infinite");
});

Deno.test("parseStatusDocument accepts the document and names what is wrong", () => {
  assert.deepEqual(
    parseStatusDocument(JSON.parse(JSON.stringify(doc))),
    JSON.parse(JSON.stringify(doc)),
  );
  assert.throws(() => parseStatusDocument({ version: 2, interfaces: [] }), /version must be 1/);
  assert.throws(() => parseStatusDocument([]), /document must be an object/);
  const broken = JSON.parse(JSON.stringify(doc));
  delete broken.interfaces[0].prefixes;
  assert.throws(() => parseStatusDocument(broken), /interfaces\[0\]\.prefixes must be an array/);
});

Deno.test("the text form: an IA holding nothing says so; infinite T1/T2 are named", async () => {
  const { buildStatusDocument } = await import("./status_json.ts");
  const { testStatus } = await import("./test_status.ts");
  const text = formatStatusText(buildStatusDocument({
    clients: [testStatus({
      state: "soliciting",
      prefixes: [infinitePrefix],
      ias: [
        { type: "IA_NA", iaid: 1, t1: 0, t2: 0 },
        { type: "IA_PD", iaid: 7, t1: 0xffffffff, t2: 0xffffffff },
      ],
    })],
    now: 0,
    wallClock: 0,
  }));
  const lines = text.split("\n");
  assert.ok(lines.includes("  IA_NA 1  no lease"), text);
  assert.ok(lines.includes("  IA_PD 7  T1 infinite  T2 infinite"), text);
});
