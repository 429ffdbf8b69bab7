import assert from "node:assert/strict";
import fc from "fast-check";
import type { Option } from "../dhcp6/options/types.ts";
import type { PrefixLease } from "../dhcp6/client/types.ts";
import { buildHookEnvironment, MAX_ENV_STRING, secondsLeft } from "./environment.ts";
import { testStatus } from "./test_status.ts";

const SAFE = /^[A-Za-z0-9._:/@%+=, -]*$/;
const NOW = 1_000_000;

function prefix(i: number, iaid = i): PrefixLease {
  const hex = i.toString(16);
  return {
    iaid,
    prefix: `2001:db8:${hex}::`,
    prefixLength: 56,
    preferredLifetime: 3600,
    validLifetime: 7200,
    receivedAt: NOW,
  };
}

const options: Option[] = [
  { name: "DNS_SERVERS", code: 23, servers: ["2001:db8::53", "2001:db8::54"] },
  { name: "DOMAIN_LIST", code: 24, domains: ["example.com", "example.net"] },
  { name: "SNTP_SERVERS", code: 31, servers: ["2001:db8::123"] },
  { name: "SIP_SERVER_A", code: 22, servers: ["2001:db8::5060"] },
  { name: "SIP_SERVER_D", code: 21, domains: ["sip.example.com"] },
  { name: "NIS_SERVERS", code: 27, servers: ["2001:db8::111"] },
  { name: "NIS_DOMAIN_NAME", code: 29, domains: ["nis.example"] },
  { name: "NISP_SERVERS", code: 28, servers: ["2001:db8::112"] },
  { name: "NISP_DOMAIN_NAME", code: 30, domains: ["nisp.example"] },
  { name: "BCMCS_SERVER_A", code: 34, servers: ["2001:db8::b"] },
  { name: "BCMCS_SERVER_D", code: 33, domains: ["bcmcs.example"] },
  {
    name: "NTP_SERVER",
    code: 56,
    suboptions: [
      { type: "address", address: "2001:db8::7b" },
      { type: "multicast", address: "ff05::101" },
      { type: "fqdn", domain: "ntp.example.org" },
    ],
  },
  { name: "AFTR_NAME", code: 64, domain: "aftr.example.net" },
  { name: "CAPTIVE_PORTAL", code: 103, uri: "https://portal.example/api/X54PD39JV" },
  { name: "UNKNOWN", code: 250, data: Uint8Array.of(0xde, 0xad, 0xbe, 0xef) },
];

const bound = testStatus({
  addresses: [{
    iaid: 1,
    address: "2001:db8::100",
    preferredLifetime: 3600,
    validLifetime: 7200,
    receivedAt: NOW - 10_500,
  }],
  prefixes: [prefix(1), { ...prefix(2), validLifetime: 0xffffffff, preferredLifetime: 0xffffffff }],
  options,
});

Deno.test("dhcp6c variables have dhcp6c's names and formats", () => {
  const env = buildHookEnvironment("REQUEST", bound, undefined, [], { now: NOW });
  assert.equal(env.REASON, "REQUEST");
  assert.equal(env.new_domain_name_servers, "2001:db8::53 2001:db8::54 ");
  assert.equal(env.new_domain_name, "example.com. example.net. ");
  assert.equal(env.new_ntp_servers, "2001:db8::123 ");
  assert.equal(env.new_sip_servers, "2001:db8::5060 ");
  assert.equal(env.new_sip_name, "sip.example.com. ");
  assert.equal(env.new_nis_servers, "2001:db8::111 ");
  assert.equal(env.new_nis_name, "nis.example. ");
  assert.equal(env.new_nisp_servers, "2001:db8::112 ");
  assert.equal(env.new_nisp_name, "nisp.example. ");
  assert.equal(env.new_bcmcs_servers, "2001:db8::b ");
  assert.equal(env.new_bcmcs_name, "bcmcs.example. ");
  assert.equal(env.PDINFO, "2001:db8:1::/56 2001:db8:2::/56 ");
  assert.equal(env.raw_dhcp_option_250, "deadbeef");
});

Deno.test("richer variables: interface, lifetimes left, NTP, AFTR, portal, server", () => {
  const lan = [
    { interface: "lan0", prefix: "2001:db8:1:1::", prefixLength: 64, address: "2001:db8:1:1::1" },
    { interface: "lan1", prefix: "2001:db8:1:2::", prefixLength: 64 },
  ];
  const env = buildHookEnvironment("REQUEST", bound, undefined, lan, { now: NOW });
  assert.equal(env.INTERFACE, "eth0");
  assert.equal(env.STATE, "bound");
  assert.equal(env.ADDRESSES, "2001:db8::100,3590,7190");
  assert.equal(env.PREFIXES, "2001:db8:1::/56,3600,7200 2001:db8:2::/56,4294967295,4294967295");
  assert.equal(env.LAN_SUBNETS, "lan0,2001:db8:1:1::/64,2001:db8:1:1::1 lan1,2001:db8:1:2::/64");
  assert.equal(env.NTP_SERVERS, "2001:db8::7b ff05::101 ntp.example.org.");
  assert.equal(env.AFTR_NAME, "aftr.example.net");
  assert.equal(env.CAPTIVE_PORTAL, "https://portal.example/api/X54PD39JV");
  assert.equal(env.SERVER_DUID, "000100012a2b3c4d001122334455");
  assert.equal(env.SERVER_ADDRESS, "fe80::1");
  assert.equal(env.OLD_PDINFO, "");
  assert.equal(env.OLD_ADDRESSES, "");
  assert.equal(env.REJECTED, "");
  assert.equal(env.TRUNCATED, "");
});

Deno.test("secondsLeft counts whole elapsed seconds and keeps infinity", () => {
  assert.equal(secondsLeft(100, 0, 999), 100);
  assert.equal(secondsLeft(100, 0, 1000), 99);
  assert.equal(secondsLeft(100, 0, 500_000), 0);
  assert.equal(secondsLeft(0xffffffff, 0, 500_000), 0xffffffff);
});

Deno.test("EXIT carries REASON but none of dhcp6c's data variables", () => {
  const env = buildHookEnvironment("EXIT", bound, bound, [], { now: NOW });
  assert.equal(env.REASON, "EXIT");
  for (const name of Object.keys(env)) {
    assert.ok(!name.startsWith("new_") && !name.startsWith("raw_") && name !== "PDINFO", name);
  }
  assert.equal(env.INTERFACE, "eth0");
  assert.equal(env.OLD_PDINFO, "2001:db8:1::/56 2001:db8:2::/56");
});

Deno.test("CHANGED: first hook names what is present", () => {
  const env = buildHookEnvironment("REQUEST", bound, undefined, [], { now: NOW });
  assert.equal(
    env.CHANGED,
    "addresses,prefixes,server,dns,domains,ntp,sip,nis,nisp,bcmcs,aftr,captive-portal,raw",
  );
});

Deno.test("CHANGED: a Renew that only refreshes lifetimes changes nothing", () => {
  const renewed = testStatus({
    ...bound,
    addresses: bound.addresses.map((a) => ({ ...a, receivedAt: NOW + 5000, validLifetime: 9000 })),
    prefixes: [...bound.prefixes].reverse().map((p) => ({ ...p, receivedAt: NOW + 5000 })),
    state: "bound",
  });
  const lan = [{ interface: "lan0", prefix: "2001:db8:1:1::", prefixLength: 64 }];
  const env = buildHookEnvironment("RENEW", renewed, bound, lan, {
    now: NOW + 5000,
    previousLanSubnets: lan,
  });
  assert.equal(env.CHANGED, "");
  assert.equal(env.OLD_ADDRESSES, "2001:db8::100");
  assert.equal(env.OLD_PDINFO, "2001:db8:1::/56 2001:db8:2::/56");
});

Deno.test("CHANGED names each kind of change", () => {
  const changed = testStatus({
    ...bound,
    prefixes: [prefix(1), prefix(3)],
    options: options.map((o): Option =>
      o.name === "DNS_SERVERS"
        ? { ...o, servers: ["2001:db8::54", "2001:db8::53"] }
        : o.name === "UNKNOWN"
        ? { ...o, data: Uint8Array.of(1) }
        : o
    ),
  });
  const env = buildHookEnvironment("RENEW", changed, bound, [], {
    now: NOW,
    previousLanSubnets: [{ interface: "lan0", prefix: "2001:db8:1:1::", prefixLength: 64 }],
  });
  assert.equal(env.CHANGED, "prefixes,lan,dns,raw");
});

Deno.test("raw options: unknown as hex, known through the encoder, secrets never", () => {
  const status = testStatus({
    options: [
      { name: "UNKNOWN", code: 300, data: Uint8Array.of(0x0a, 0x00, 0xff) },
      { name: "UNKNOWN", code: 300, data: new Uint8Array() },
      { name: "UNKNOWN", code: 300, data: Uint8Array.of(0xab) },
      { name: "SOL_MAX_RT", code: 82, seconds: 3600 },
      { name: "CLIENTID", code: 1, duid: Uint8Array.of(1, 2) },
      {
        name: "AUTH",
        code: 11,
        protocol: 3,
        algorithm: 1,
        rdm: 0,
        replayDetection: 1n,
        authInfo: Uint8Array.of(0x55),
      },
    ],
  });
  const env = buildHookEnvironment("INFOREQ", status, undefined, [], { now: 0 });
  assert.equal(env.raw_dhcp_option_300, "0a00ff,,ab");
  // Known options go through the codec: SOL_MAX_RT 3600 is 00000e10.
  assert.equal(env.raw_dhcp_option_82, "00000e10");
  const withEnc = buildHookEnvironment("INFOREQ", status, undefined, [], {
    now: 0,
    encodeOptionData: (o) => o.name === "SOL_MAX_RT" ? Uint8Array.of(7) : undefined,
  });
  assert.equal(withEnc.raw_dhcp_option_82, "07");
  assert.equal(withEnc.raw_dhcp_option_1, undefined);
  assert.equal(withEnc.raw_dhcp_option_11, undefined);
});

Deno.test("hostile values from the wire reach the environment only in safe form", () => {
  const hostile = testStatus({
    interfaceName: "eth0",
    serverDuid: "0001$(id)",
    options: [
      {
        name: "DOMAIN_LIST",
        code: 24,
        domains: [
          "good.example",
          "$(rm -rf /)",
          "a`id`.example",
          "x\\010y.example",
          "nul\\000.example",
        ],
      },
      { name: "SIP_SERVER_D", code: 21, domains: ["evil\nname.example", "semi;colon"] },
      { name: "AFTR_NAME", code: 64, domain: "'quoted'.example" },
      { name: "CAPTIVE_PORTAL", code: 103, uri: "https://x.example/$(reboot)" },
      {
        name: "CAPTIVE_PORTAL",
        code: 103,
        uri: "https://\ufffd",
        rawUri: Uint8Array.of(0xc3, 0x28),
      },
      { name: "DNS_SERVERS", code: 23, servers: ["2001:db8::1", "::1;reboot"] },
      { name: "UNKNOWN", code: 200, data: Uint8Array.of(0xff, 0xfe, 0x0a, 0x00, 0x24, 0x28) },
    ],
  });
  const env = buildHookEnvironment("REQUEST", hostile, undefined, [], { now: 0 });
  assert.equal(env.new_domain_name, "good.example. ");
  assert.equal(env.new_sip_name, undefined);
  assert.equal(env.AFTR_NAME, "");
  assert.equal(env.CAPTIVE_PORTAL, "");
  assert.equal(env.new_domain_name_servers, "2001:db8::1 ");
  assert.equal(env.raw_dhcp_option_200, "fffe0a002428");
  assert.equal(env.SERVER_DUID, `hex:${hexOf("0001$(id)")}`);
  const rejected = env.REJECTED!.split(" ");
  // "$(rm -rf /)" as one DNS label, then the root label.
  assert.equal(rejected[0], `24:0b${hexOf("$(rm -rf /)")}00`);
  assert.equal(rejected[1], `24:05${hexOf("a`id`")}07${hexOf("example")}00`);
  // \010 is a newline inside the label, \000 a NUL: the wire bytes come back.
  assert.equal(rejected[2], `24:03780a7907${hexOf("example")}00`);
  assert.equal(rejected[3], `24:046e756c00${"07" + hexOf("example")}00`);
  assert.equal(rejected[4], `21:09${hexOf("evil\nname")}07${hexOf("example")}00`);
  assert.equal(rejected[5], `21:0a${hexOf("semi;colon")}00`);
  assert.equal(rejected[6], `64:08${hexOf("'quoted'")}07${hexOf("example")}00`);
  assert.equal(rejected[7], `103:${hexOf("https://x.example/$(reboot)")}`);
  assert.equal(rejected[8], "103:c328");
  assert.equal(rejected[9], `23:${hexOf("::1;reboot")}`);
  assert.equal(rejected.length, 10);
  for (const [name, value] of Object.entries(env)) assert.match(value, SAFE, name);
});

Deno.test("dozens of IA_PDs all reach PDINFO and PREFIXES", () => {
  const many = testStatus({ prefixes: Array.from({ length: 64 }, (_, i) => prefix(i + 1)) });
  const env = buildHookEnvironment("REQUEST", many, many, [], { now: NOW });
  const pd = env.PDINFO!.trim().split(" ");
  assert.equal(pd.length, 64);
  assert.equal(pd[63], "2001:db8:40::/56");
  assert.equal(env.PREFIXES!.split(" ").length, 64);
  assert.equal(env.OLD_PDINFO!.split(" ").length, 64);
  assert.equal(env.TRUNCATED, "");
});

Deno.test("lists beyond the kernel's string limit keep whole entries and say so", () => {
  const huge = testStatus({ prefixes: Array.from({ length: 8000 }, (_, i) => prefix(i)) });
  const env = buildHookEnvironment("REQUEST", huge, undefined, [], { now: NOW });
  for (const [name, value] of Object.entries(env)) {
    assert.ok(name.length + value.length + 2 <= MAX_ENV_STRING, name);
  }
  assert.equal(env.TRUNCATED, "PDINFO,PREFIXES");
  assert.match(env.PDINFO!, /^(2001:db8:[0-9a-f]+::\/56 )+$/);
  const kept = env.PREFIXES!.split(" ");
  assert.ok(kept.length > 1000 && kept.length < 8000);
  assert.match(kept.at(-1)!, /^2001:db8:[0-9a-f]+::\/56,3600,7200$/);
  const bigRaw = testStatus({
    options: [{ name: "UNKNOWN", code: 999, data: new Uint8Array(65535) }],
  });
  const env2 = buildHookEnvironment("REQUEST", bigRaw, undefined, [], { now: 0 });
  assert.equal(env2.raw_dhcp_option_999, undefined);
  assert.equal(env2.TRUNCATED, "raw_dhcp_option_999");
});

Deno.test("property: any wire strings and bytes give only safe values", () => {
  const text = fc.string({ unit: "binary", maxLength: 40 });
  fc.assert(
    fc.property(
      fc.array(text, { maxLength: 5 }),
      text,
      text,
      fc.array(text, { maxLength: 3 }),
      fc.uint8Array({ maxLength: 40 }),
      (domains, aftr, uri, servers, raw) => {
        const status = testStatus({
          interfaceName: aftr,
          serverDuid: uri,
          options: [
            { name: "DOMAIN_LIST", code: 24, domains },
            { name: "AFTR_NAME", code: 64, domain: aftr },
            { name: "CAPTIVE_PORTAL", code: 103, uri },
            { name: "DNS_SERVERS", code: 23, servers },
            {
              name: "NTP_SERVER",
              code: 56,
              suboptions: domains.map((domain) => ({ type: "fqdn", domain })),
            },
            { name: "UNKNOWN", code: 77, data: raw },
            { name: "UNKNOWN", code: 77, data: raw.subarray(1) },
          ],
        });
        const env = buildHookEnvironment("RENEW", status, undefined, [], { now: 0 });
        for (const value of Object.values(env)) {
          assert.match(value, SAFE);
          // No word of a list can be taken for a command name.
          const words = value.trim().split(/ +/);
          if (words.length > 1) { for (const w of words) assert.match(w, /[:,]|\.$/); }
        }
      },
    ),
  );
});

function hexOf(text: string): string {
  return [...new TextEncoder().encode(text)].map((b) => b.toString(16).padStart(2, "0")).join("");
}
