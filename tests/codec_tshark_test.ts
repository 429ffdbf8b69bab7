/**
 * A second opinion on our bytes: every message type, with the options a
 * client and a server exchange, is encoded, written to a pcap with our
 * writer and read by Wireshark's dissector (`tshark -r FILE -T json`). The
 * test compares what tshark reads — message types, transaction ids, option
 * codes in order, addresses, prefixes, lifetimes — with what we encoded,
 * and fails on any malformed-packet report or expert warning.
 *
 * Without tshark the test is ignored with a message, unless
 * EDGE6_REQUIRE_E2E=1, in which case it fails.
 */
import assert from "node:assert/strict";
import { duidEn, duidLl, duidLlt } from "../src/dhcp6/duid.ts";
import { fromHex, toHex } from "../src/dhcp6/hex.ts";
import { isRelayMessage, type Message } from "../src/dhcp6/message.ts";
import type { Option } from "../src/dhcp6/options/types.ts";
import { decodeMessage, encodeMessage } from "../src/dhcp6/codec.ts";
import { dhcp6Packets } from "../src/pcap/dhcp6_packets.ts";
import { LinkType } from "../src/pcap/link_type.ts";
import { ipv6Udp, type Udp6Packet, type WritableLinkType, writePcap } from "../src/pcap/writer.ts";

const TSHARK = "tshark";
const required = Deno.env.get("EDGE6_REQUIRE_E2E") === "1";

function haveTshark(): boolean {
  try {
    return new Deno.Command(TSHARK, { args: ["--version"], stdout: "null", stderr: "null" })
      .outputSync().success;
  } catch {
    return false;
  }
}
const present = haveTshark();
if (!present && !required) {
  console.warn("codec_tshark_test: tshark is not installed; the cross-check is ignored");
}

const mac = fromHex("080027fe8f95");
const clientId: Option = { name: "CLIENTID", code: 1, duid: duidLlt(1, 0x1c39cf88, mac) };
const serverId: Option = { name: "SERVERID", code: 2, duid: duidLl(1, fromHex("0200000000aa")) };
const iaAddr = (address: string, p: number, v: number): Option => ({
  name: "IAADDR",
  code: 5,
  address,
  preferredLifetime: p,
  validLifetime: v,
  options: [],
});
const iaPrefix = (
  prefix: string,
  len: number,
  p: number,
  v: number,
  options: Option[] = [],
): Option => ({
  name: "IAPREFIX",
  code: 26,
  preferredLifetime: p,
  validLifetime: v,
  prefixLength: len,
  prefix,
  options,
});
const iaNa = (iaid: number, t1: number, t2: number, options: Option[]): Option => ({
  name: "IA_NA",
  code: 3,
  iaid,
  t1,
  t2,
  options,
});
const iaPd = (iaid: number, t1: number, t2: number, options: Option[]): Option => ({
  name: "IA_PD",
  code: 25,
  iaid,
  t1,
  t2,
  options,
});
const elapsed: Option = { name: "ELAPSED_TIME", code: 8, centiseconds: 150 };
const oro: Option = { name: "ORO", code: 6, codes: [23, 24, 56, 64, 82, 103] };

const solicit: Message = {
  type: 1,
  transactionId: 0x0a0b0c,
  options: [
    clientId,
    elapsed,
    oro,
    iaNa(1, 0, 0, []),
    iaPd(2, 0, 0, [iaPrefix("::", 56, 0, 0)]),
    { name: "RAPID_COMMIT", code: 14 },
    { name: "RECONF_ACCEPT", code: 20 },
    { name: "USER_CLASS", code: 15, classes: [new TextEncoder().encode("edge")] },
    { name: "VENDOR_CLASS", code: 16, enterprise: 32473, classes: [fromHex("0102")] },
    { name: "CLIENT_FQDN", code: 39, flags: 1, domain: "router.example", partial: false },
  ],
};
const advertise: Message = {
  type: 2,
  transactionId: 0x0a0b0c,
  options: [
    serverId,
    clientId,
    { name: "PREFERENCE", code: 7, value: 255 },
    iaNa(1, 3600, 5400, [iaAddr("2001:db8::1:2", 7200, 10800)]),
    iaPd(2, 1800, 2880, [iaPrefix("2001:db8:ab00::", 56, 3600, 7200)]),
    { name: "STATUS_CODE", code: 13, status: 0, message: "all good" },
    { name: "DNS_SERVERS", code: 23, servers: ["2001:4860:4860::8888", "2001:db8::53"] },
    { name: "DOMAIN_LIST", code: 24, domains: ["example.com", "lab.example.net"] },
  ],
};
const request: Message = {
  type: 3,
  transactionId: 0xfffffe,
  options: [
    clientId,
    serverId,
    elapsed,
    oro,
    iaNa(1, 0, 0, [iaAddr("2001:db8::1:2", 0, 0)]),
    iaPd(2, 0, 0, [iaPrefix("2001:db8:ab00::", 56, 0, 0)]),
  ],
};
const confirm: Message = {
  type: 4,
  transactionId: 0x000001,
  options: [clientId, elapsed, iaNa(1, 0, 0, [iaAddr("2001:db8::1:2", 0, 0)])],
};
const renew: Message = {
  type: 5,
  transactionId: 0x123456,
  options: [
    clientId,
    serverId,
    elapsed,
    iaPd(2, 1800, 2880, [
      iaPrefix("2001:db8:ab00::", 56, 3600, 7200),
    ]),
  ],
};
const rebind: Message = {
  type: 6,
  transactionId: 0x654321,
  options: [clientId, elapsed, iaNa(1, 3600, 5400, [iaAddr("2001:db8::1:2", 7200, 10800)])],
};
const reply: Message = {
  type: 7,
  transactionId: 0x123456,
  options: [
    { name: "SERVERID", code: 2, duid: duidEn(32473, fromHex("c0ffee")) },
    clientId,
    iaNa(1, 3600, 5400, [
      iaAddr("2001:db8::1:2", 7200, 10800),
    ]),
    iaPd(2, 1800, 2880, [
      iaPrefix("2001:db8:ab00::", 56, 3600, 7200, [
        { name: "PD_EXCLUDE", code: 67, prefixLength: 64, subnetId: fromHex("01") },
      ]),
    ]),
    { name: "DNS_SERVERS", code: 23, servers: ["2001:4860:4860::8888"] },
    { name: "DOMAIN_LIST", code: 24, domains: ["example.com"] },
    { name: "SNTP_SERVERS", code: 31, servers: ["2001:db8::123"] },
    {
      name: "NTP_SERVER",
      code: 56,
      suboptions: [
        { type: "address", address: "2001:db8::123" },
        { type: "multicast", address: "ff05::101" },
        { type: "fqdn", domain: "ntp.example" },
      ],
    },
    { name: "SIP_SERVER_A", code: 22, servers: ["2001:db8::5060"] },
    { name: "SIP_SERVER_D", code: 21, domains: ["sip.example"] },
    { name: "NIS_SERVERS", code: 27, servers: ["2001:db8::27"] },
    { name: "NISP_SERVERS", code: 28, servers: ["2001:db8::28"] },
    { name: "NIS_DOMAIN_NAME", code: 29, domains: ["nis.example"] },
    { name: "NISP_DOMAIN_NAME", code: 30, domains: ["nisp.example"] },
    { name: "BCMCS_SERVER_A", code: 34, servers: ["2001:db8::34"] },
    { name: "BCMCS_SERVER_D", code: 33, domains: ["bcmcs.example"] },
    { name: "AFTR_NAME", code: 64, domain: "aftr.example" },
    { name: "SOL_MAX_RT", code: 82, seconds: 3600 },
    { name: "INF_MAX_RT", code: 83, seconds: 3600 },
    { name: "CAPTIVE_PORTAL", code: 103, uri: "https://portal.example/api" },
    {
      name: "VENDOR_OPTS",
      code: 17,
      enterprise: 3561,
      options: [{ code: 1, data: fromHex("41") }],
    },
    { name: "UNICAST", code: 12, address: "2001:db8::547" },
    { name: "IA_TA", code: 4, iaid: 3, options: [iaAddr("2001:db8::7a", 60, 120)] },
    { name: "UNKNOWN", code: 200, data: fromHex("0102") },
  ],
};
const release: Message = {
  type: 8,
  transactionId: 0x000002,
  options: [clientId, serverId, elapsed, iaNa(1, 0, 0, [iaAddr("2001:db8::1:2", 0, 0)])],
};
const decline: Message = {
  type: 9,
  transactionId: 0x000003,
  options: [clientId, serverId, elapsed, iaNa(1, 0, 0, [iaAddr("2001:db8::1:3", 0, 0)])],
};
const reconfigure: Message = {
  type: 10,
  transactionId: 0,
  options: [
    serverId,
    clientId,
    { name: "RECONF_MSG", code: 19, messageType: 5 },
    {
      name: "AUTH",
      code: 11,
      protocol: 3,
      algorithm: 1,
      rdm: 0,
      replayDetection: 7n,
      authInfo: fromHex("02" + "00112233445566778899aabbccddeeff"),
    },
  ],
};
const informationRequest: Message = {
  type: 11,
  transactionId: 0xabcdef,
  options: [clientId, elapsed, oro],
};
const reply2: Message = {
  type: 7,
  transactionId: 0xabcdef,
  options: [serverId, clientId, { name: "INFORMATION_REFRESH_TIME", code: 32, seconds: 86400 }],
};
const relayForw: Message = {
  type: 12,
  hopCount: 0,
  linkAddress: "2001:db8:1::1",
  peerAddress: "fe80::2",
  options: [
    { name: "INTERFACE_ID", code: 18, id: new TextEncoder().encode("eth0") },
    { name: "RELAY_MSG", code: 9, message: solicit },
  ],
};
const relayRepl: Message = {
  type: 13,
  hopCount: 0,
  linkAddress: "2001:db8:1::1",
  peerAddress: "fe80::2",
  options: [
    { name: "INTERFACE_ID", code: 18, id: new TextEncoder().encode("eth0") },
    { name: "RELAY_MSG", code: 9, message: advertise },
  ],
};

const client = "fe80::2";
const server = "fe80::1";
const toServer = (m: Message): Udp6Packet => ({
  source: client,
  destination: "ff02::1:2",
  sourcePort: 546,
  destinationPort: 547,
  payload: encodeMessage(m),
});
const toClient = (m: Message): Udp6Packet => ({
  source: server,
  destination: client,
  sourcePort: 547,
  destinationPort: 546,
  payload: encodeMessage(m),
});
const relayed = (m: Message, up: boolean): Udp6Packet => ({
  source: up ? "2001:db8:1::1" : "2001:db8:2::1",
  destination: up ? "2001:db8:2::1" : "2001:db8:1::1",
  sourcePort: 547,
  destinationPort: 547,
  payload: encodeMessage(m),
});

const cases: { message: Message; packet: Udp6Packet }[] = [
  ...[solicit, request, confirm, renew, rebind, release, decline, informationRequest].map((m) => ({
    message: m,
    packet: toServer(m),
  })),
  ...[advertise, reply, reconfigure, reply2].map((m) => ({ message: m, packet: toClient(m) })),
  { message: relayForw, packet: relayed(relayForw, true) },
  { message: relayRepl, packet: relayed(relayRepl, false) },
];

/** Field name → values, in the order a pre-order walk meets them. */
type Fields = Map<string, string[]>;

/** The tshark fields this test compares. */
const COMPARED = [
  "dhcpv6.msgtype",
  "dhcpv6.xid",
  "dhcpv6.linkaddr",
  "dhcpv6.peeraddr",
  "dhcpv6.option.type",
  "dhcpv6.duid.bytes",
  "dhcpv6.iaid",
  "dhcpv6.iata",
  "dhcpv6.iaid.t1",
  "dhcpv6.iaid.t2",
  "dhcpv6.iaaddr.ip",
  "dhcpv6.iaaddr.pref_lifetime",
  "dhcpv6.iaaddr.valid_lifetime",
  "dhcpv6.iaprefix.pref_addr",
  "dhcpv6.iaprefix.pref_len",
  "dhcpv6.iaprefix.pref_lifetime",
  "dhcpv6.iaprefix.valid_lifetime",
  "dhcpv6.status_code",
  "dhcpv6.dns_server",
  "dhcpv6.search_list_entry",
  "dhcpv6.ntpserver.addr",
  "dhcpv6.ntpserver.mc_addr",
  "dhcpv6.ntpserver.fqdn",
  "dhcpv6.aftr_name",
  "dhcpv6.unicast",
  "dhcpv6.captive_portal",
  "dhcpv6.reconf_msg",
];

/** Walks tshark's JSON tree of one packet, collecting every field in order. */
function walk(node: unknown, out: Fields): void {
  if (Array.isArray(node)) {
    for (const n of node) walk(n, out);
    return;
  }
  if (node === null || typeof node !== "object") return;
  for (const [key, value] of Object.entries(node)) {
    if (
      typeof value === "string" || Array.isArray(value) && value.every((v) => typeof v === "string")
    ) {
      const list = out.get(key) ?? [];
      list.push(...(Array.isArray(value) ? value : [value]));
      out.set(key, list);
    } else {
      walk(value, out);
    }
  }
}

/** The same fields, as our encoder meant them. */
function expected(m: Message, out: Fields = new Map()): Fields {
  const add = (key: string, value: string | number) => {
    const list = out.get(key) ?? [];
    list.push(String(value));
    out.set(key, list);
  };
  const colonHex = (b: Uint8Array) => toHex(b).replace(/(..)(?!$)/g, "$1:");
  add("dhcpv6.msgtype", m.type);
  if (isRelayMessage(m)) {
    add("dhcpv6.linkaddr", m.linkAddress);
    add("dhcpv6.peeraddr", m.peerAddress);
  } else {
    add("dhcpv6.xid", "0x" + m.transactionId.toString(16).padStart(6, "0"));
  }
  const option = (o: Option): void => {
    add("dhcpv6.option.type", o.code);
    switch (o.name) {
      case "CLIENTID":
      case "SERVERID":
        add("dhcpv6.duid.bytes", colonHex(o.duid));
        break;
      case "IA_NA":
      case "IA_PD":
        add("dhcpv6.iaid", o.iaid.toString(16).padStart(8, "0"));
        add("dhcpv6.iaid.t1", o.t1);
        add("dhcpv6.iaid.t2", o.t2);
        o.options.forEach(option);
        break;
      case "IA_TA":
        add("dhcpv6.iata", o.iaid.toString(16).padStart(8, "0"));
        o.options.forEach(option);
        break;
      case "IAADDR":
        add("dhcpv6.iaaddr.ip", o.address);
        add("dhcpv6.iaaddr.pref_lifetime", o.preferredLifetime);
        add("dhcpv6.iaaddr.valid_lifetime", o.validLifetime);
        o.options.forEach(option);
        break;
      case "IAPREFIX":
        add("dhcpv6.iaprefix.pref_lifetime", o.preferredLifetime);
        add("dhcpv6.iaprefix.valid_lifetime", o.validLifetime);
        add("dhcpv6.iaprefix.pref_len", o.prefixLength);
        add("dhcpv6.iaprefix.pref_addr", o.prefix);
        o.options.forEach(option);
        break;
      case "STATUS_CODE":
        add("dhcpv6.status_code", o.status);
        break;
      case "DNS_SERVERS":
        o.servers.forEach((s) => add("dhcpv6.dns_server", s));
        break;
      case "DOMAIN_LIST":
        o.domains.forEach((d) => add("dhcpv6.search_list_entry", d + "."));
        break;
      case "NTP_SERVER":
        for (const s of o.suboptions) {
          if (s.type === "address") add("dhcpv6.ntpserver.addr", s.address);
          if (s.type === "multicast") add("dhcpv6.ntpserver.mc_addr", s.address);
          if (s.type === "fqdn") add("dhcpv6.ntpserver.fqdn", s.domain + ".");
        }
        break;
      case "AFTR_NAME":
        add("dhcpv6.aftr_name", o.domain + ".");
        break;
      case "UNICAST":
        add("dhcpv6.unicast", o.address);
        break;
      case "CAPTIVE_PORTAL":
        add("dhcpv6.captive_portal", o.uri);
        break;
      case "RECONF_MSG":
        add("dhcpv6.reconf_msg", o.messageType);
        break;
      case "RELAY_MSG":
        expected(o.message, out);
        break;
    }
  };
  m.options.forEach(option);
  return out;
}

/** Malformed-packet markers and expert notes of warning or error severity. */
function problems(node: unknown, path = ""): string[] {
  if (Array.isArray(node)) return node.flatMap((n, i) => problems(n, `${path}[${i}]`));
  if (node === null || typeof node !== "object") return [];
  const found: string[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (key === "_ws.malformed" || key.startsWith("_ws.malformed")) found.push(`${path}.${key}`);
    if (key === "_ws.expert" && value !== null && typeof value === "object") {
      const e = value as Record<string, unknown>;
      const severity = Number(e["_ws.expert.severity"] ?? 0);
      // 0x00600000 is a warning, 0x00800000 an error (epan/proto.h PI_WARN, PI_ERROR).
      if (severity >= 0x00600000) found.push(`${path}: ${String(e["_ws.expert.message"])}`);
    }
    found.push(...problems(value, `${path}.${key}`));
  }
  return found;
}

/** Runs tshark over a pcap of `packets`; returns each packet's layers. */
async function dissect(
  packets: readonly Udp6Packet[],
  linkType: WritableLinkType = LinkType.ETHERNET,
): Promise<Record<string, unknown>[]> {
  const file = await Deno.makeTempFile({ suffix: ".pcap" });
  try {
    await Deno.writeFile(file, writePcap(packets, linkType));
    const result = await new Deno.Command(TSHARK, {
      // UDP checksums are verified too, so that a bad one is a reported problem.
      args: ["-r", file, "-T", "json", "--no-duplicate-keys", "-o", "udp.check_checksum:TRUE"],
      stdout: "piped",
      stderr: "piped",
      env: { LC_ALL: "C" },
    }).output();
    assert.ok(result.success, new TextDecoder().decode(result.stderr));
    const parsed = JSON.parse(new TextDecoder().decode(result.stdout)) as {
      _source: { layers: Record<string, unknown> };
    }[];
    return parsed.map((p) => p._source.layers);
  } finally {
    await Deno.remove(file);
  }
}

Deno.test({
  name: "tshark reads our messages as we wrote them",
  ignore: !present && !required,
  async fn() {
    assert.ok(present, "tshark is not installed, and EDGE6_REQUIRE_E2E=1 requires it");
    const packets = await dissect(cases.map((c) => c.packet));
    assert.equal(packets.length, cases.length);
    packets.forEach((layers, i) => {
      const label = `frame ${i + 1}`;
      assert.deepEqual(problems(layers), [], `${label}: tshark reports problems`);
      assert.ok("dhcpv6" in layers, `${label}: tshark found no DHCPv6 layer`);
      const got: Fields = new Map();
      walk(layers["dhcpv6"], got);
      const want = expected(cases[i]!.message);
      for (const key of COMPARED) {
        assert.deepEqual(got.get(key) ?? [], want.get(key) ?? [], `${label}: ${key}`);
      }
    });
  },
});

Deno.test({
  name: "the cross-check notices a packet tshark finds malformed",
  ignore: !present && !required,
  async fn() {
    assert.ok(present, "tshark is not installed, and EDGE6_REQUIRE_E2E=1 requires it");
    // REPLY with an IA_NA of 8 bytes: too short for IAID, T1 and T2
    const bad = fromHex("07123456" + "00030008" + "00000001" + "00000e10");
    const [layers] = await dissect([{ ...toClient(reply), payload: bad }]);
    assert.notDeepEqual(problems(layers), []);
  },
});

/** The link types `edge6 decode --pcap` reads, and how tshark names each one's first layer. */
const LINK_TYPES = [
  { name: "Ethernet", linkType: LinkType.ETHERNET, layer: "eth" },
  { name: "Linux SLL", linkType: LinkType.LINUX_SLL, layer: "sll" },
  { name: "Linux SLL2", linkType: LinkType.LINUX_SLL2, layer: "sll" },
  { name: "raw IP", linkType: LinkType.RAW, layer: "raw" },
  { name: "raw IPv6", linkType: LinkType.IPV6, layer: "ipv6" },
] as const;

/** One field of a layer, as tshark's JSON gives it (a string). */
function field(layers: Record<string, unknown>, layer: string, name: string): unknown {
  const l = layers[layer];
  return l !== null && typeof l === "object" ? (l as Record<string, unknown>)[name] : undefined;
}

Deno.test({
  name: "tshark reads our pcap writer's frames in every link type the reader takes",
  ignore: !present && !required,
  async fn() {
    assert.ok(present, "tshark is not installed, and EDGE6_REQUIRE_E2E=1 requires it");
    const packets = [toServer(solicit), toClient(reply)];
    for (const { name, linkType, layer } of LINK_TYPES) {
      const dissected = await dissect(packets, linkType);
      assert.equal(dissected.length, 2, name);
      dissected.forEach((layers, i) => {
        const label = `${name}, frame ${i + 1}`;
        const p = packets[i]!;
        assert.deepEqual(problems(layers), [], `${label}: tshark reports problems`);
        assert.equal(
          field(layers, "frame", "frame.protocols"),
          `${layer}:${layer === "eth" || layer === "sll" ? "ethertype:" : ""}${
            layer === "ipv6" ? "" : "ipv6:"
          }udp:dhcpv6`,
          label,
        );
        // Only SLL2 carries an interface index (tcpdump's LINKTYPE_LINUX_SLL2).
        assert.equal(
          field(layers, "sll", "sll.ifindex") !== undefined,
          linkType === LinkType.LINUX_SLL2,
          label,
        );
        assert.equal(field(layers, "ipv6", "ipv6.src"), p.source, label);
        assert.equal(field(layers, "ipv6", "ipv6.dst"), p.destination, label);
        assert.equal(field(layers, "udp", "udp.srcport"), String(p.sourcePort), label);
        assert.equal(field(layers, "udp", "udp.dstport"), String(p.destinationPort), label);
        assert.equal(field(layers, "udp", "udp.checksum.status"), "1", `${label}: UDP checksum`);
        const got: Fields = new Map();
        walk(layers["dhcpv6"], got);
        const want = expected(i === 0 ? solicit : reply);
        for (const key of ["dhcpv6.msgtype", "dhcpv6.xid", "dhcpv6.option.type"]) {
          assert.deepEqual(got.get(key) ?? [], want.get(key) ?? [], `${label}: ${key}`);
        }
      });
    }
  },
});

/** Runs text2pcap (shipped with tshark) over one frame's hex dump. */
async function text2pcap(frame: Uint8Array, args: string[]): Promise<Uint8Array> {
  const dir = await Deno.makeTempDir();
  try {
    const dump = toHex(frame).replace(/(..)/g, "$1 ").trim();
    await Deno.writeTextFile(`${dir}/frame.txt`, `000000 ${dump}\n`);
    const result = await new Deno.Command("text2pcap", {
      args: ["-q", "-F", "pcap", ...args, `${dir}/frame.txt`, `${dir}/frame.pcap`],
      stdout: "piped",
      stderr: "piped",
    }).output();
    assert.ok(result.success, new TextDecoder().decode(result.stderr));
    return await Deno.readFile(`${dir}/frame.pcap`);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test({
  name: "our pcap reader reads files text2pcap built, in every link type",
  ignore: !present && !required,
  async fn() {
    assert.ok(present, "tshark is not installed, and EDGE6_REQUIRE_E2E=1 requires it");
    const p = toServer(solicit);
    const ip = ipv6Udp(p);
    const headers = [
      "-6",
      `${p.source},${p.destination}`,
      "-u",
      `${p.sourcePort},${p.destinationPort}`,
    ];
    const files: [string, Uint8Array][] = [
      // text2pcap adds its own Ethernet, IPv6 and UDP headers around the DHCPv6 payload.
      ["Ethernet", await text2pcap(p.payload, ["-l", "1", ...headers])],
      ["raw IP", await text2pcap(p.payload, ["-l", "101", ...headers])],
      ["raw IPv6", await text2pcap(p.payload, ["-l", "229", ...headers])],
      // text2pcap has no dummy SLL headers: these are written out here, field by field.
      [
        "Linux SLL",
        await text2pcap(
          Uint8Array.of(
            ...[0, 4], // packet type: sent by us
            ...[0, 1], // ARPHRD_ETHER
            ...[0, 6], // address length
            ...[0x52, 0x54, 0, 0x12, 0x34, 0x56, 0, 0], // address, padded to 8
            ...[0x86, 0xdd], // protocol: IPv6
            ...ip,
          ),
          ["-l", "113"],
        ),
      ],
      [
        "Linux SLL2",
        await text2pcap(
          Uint8Array.of(
            ...[0x86, 0xdd], // protocol: IPv6
            ...[0, 0], // reserved
            ...[0, 0, 0, 7], // interface index
            ...[0, 1], // ARPHRD_ETHER
            4, // packet type: sent by us
            6, // address length
            ...[0x52, 0x54, 0, 0x12, 0x34, 0x56, 0, 0], // address, padded to 8
            ...ip,
          ),
          ["-l", "276"],
        ),
      ],
    ];
    for (const [name, file] of files) {
      const got = dhcp6Packets(file);
      assert.equal(got.length, 1, name);
      const d = got[0]!;
      assert.deepEqual(
        [d.source, d.destination, d.sourcePort, d.destinationPort, d.truncated],
        [p.source, p.destination, p.sourcePort, p.destinationPort, false],
        name,
      );
      assert.deepEqual(d.payload, p.payload, name);
      assert.deepEqual(decodeMessage(d.payload), solicit, name);
    }
  },
});
