import assert from "node:assert/strict";
import fc from "fast-check";
import { parseIPv6 } from "../dhcp6/ipv6.ts";
import { dhcp6Packets } from "./dhcp6_packets.ts";
import { LinkType } from "./link_type.ts";
import { PcapError } from "./pcap_error.ts";
import { readPcap } from "./reader.ts";
import { extractUdp6 } from "./udp6.ts";
import { ipv6Udp, type Udp6Packet, udpChecksum, writePcap } from "./writer.ts";

const solicit: Udp6Packet = {
  source: "fe80::1",
  destination: "ff02::1:2",
  sourcePort: 546,
  destinationPort: 547,
  payload: Uint8Array.of(1, 0x12, 0x34, 0x56, 0, 8, 0, 2, 0, 0),
  time: 1700000000.25,
};
const advertise: Udp6Packet = {
  source: "fe80::2",
  destination: "fe80::1",
  sourcePort: 547,
  destinationPort: 546,
  payload: Uint8Array.of(2, 0x12, 0x34, 0x56),
};
const dns: Udp6Packet = { ...advertise, sourcePort: 53, destinationPort: 5353 };

/** A pcap file around hand-made frames (little-endian, microseconds). */
function pcapOf(linkType: number, frames: Uint8Array[], bigEndianNano = false): Uint8Array {
  const size = 24 + frames.reduce((n, f) => n + 16 + f.length, 0);
  const out = new Uint8Array(size);
  const v = new DataView(out.buffer);
  const le = !bigEndianNano;
  v.setUint32(0, bigEndianNano ? 0xa1b23c4d : 0xa1b2c3d4, le);
  v.setUint16(4, 2, le);
  v.setUint16(6, 4, le);
  v.setUint32(16, 65535, le);
  v.setUint32(20, linkType, le);
  let at = 24;
  for (const f of frames) {
    v.setUint32(at, 10, le);
    v.setUint32(at + 4, 500, le);
    v.setUint32(at + 8, f.length, le);
    v.setUint32(at + 12, f.length, le);
    out.set(f, at + 16);
    at += 16 + f.length;
  }
  return out;
}

for (
  const [name, linkType] of [
    ["Ethernet", LinkType.ETHERNET],
    ["Linux SLL", LinkType.LINUX_SLL],
    ["Linux SLL2", LinkType.LINUX_SLL2],
    ["raw IP", LinkType.RAW],
    ["raw IPv6", LinkType.IPV6],
  ] as const
) {
  Deno.test(`${name} captures: written and read back, DHCPv6 only`, () => {
    const file = writePcap([solicit, dns, advertise], linkType);
    assert.equal(readPcap(file).linkType, linkType);
    const got = dhcp6Packets(file);
    assert.deepEqual(got.map((p) => p.frame), [1, 3]);
    assert.deepEqual(got[0], {
      source: "fe80::1",
      destination: "ff02::1:2",
      sourcePort: 546,
      destinationPort: 547,
      payload: solicit.payload,
      truncated: false,
      frame: 1,
      time: 1700000000.25,
    });
    assert.equal(got[1]?.time, 2);
    assert.deepEqual(got[1]?.payload, advertise.payload);
  });
}

Deno.test("big-endian nanosecond files are read", () => {
  const file = pcapOf(LinkType.IPV6, [ipv6Udp(solicit)], true);
  const [p] = dhcp6Packets(file);
  assert.equal(p?.time, 10 + 500e-9);
  assert.deepEqual(p?.payload, solicit.payload);
});

Deno.test("VLAN tags and BSD loopback frames are unwrapped", () => {
  const ip = ipv6Udp(solicit);
  const vlan = Uint8Array.of(...new Array(12).fill(2), 0x81, 0x00, 0, 7, 0x86, 0xdd, ...ip);
  assert.equal(extractUdp6(LinkType.ETHERNET, vlan)?.sourcePort, 546);
  const loop = Uint8Array.of(30, 0, 0, 0, ...ip);
  assert.equal(extractUdp6(LinkType.NULL, loop)?.destination, "ff02::1:2");
  assert.equal(extractUdp6(999, ip), undefined);
});

/** Inserts extension headers between the IPv6 header and UDP. */
function withExtensions(ip: Uint8Array, headers: { type: number; body: number[] }[]): Uint8Array {
  const chain: number[] = [];
  const types = headers.map((x) => x.type);
  headers.forEach((x, i) => chain.push(types[i + 1] ?? 17, ...x.body));
  const out = Uint8Array.of(...ip.subarray(0, 40), ...chain, ...ip.subarray(40));
  out[6] = types[0]!;
  const len = out.length - 40;
  out[4] = len >> 8;
  out[5] = len & 0xff;
  return out;
}

Deno.test("IPv6 extension headers are skipped; fragments other than a whole datagram are not", () => {
  const ip = ipv6Udp(solicit);
  // hop-by-hop (8 bytes, PadN), destination options (8 bytes), fragment offset 0 without M
  const ok = withExtensions(ip, [
    { type: 0, body: [0, 1, 4, 0, 0, 0, 0] },
    { type: 60, body: [0, 1, 4, 0, 0, 0, 0] },
    { type: 44, body: [0, 0, 0, 0, 0, 0, 1] },
  ]);
  assert.deepEqual(extractUdp6(LinkType.IPV6, ok)?.payload, solicit.payload);
  // first fragment with more to come, and a later fragment
  const first = withExtensions(ip, [{ type: 44, body: [0, 0, 1, 0, 0, 0, 1] }]);
  const later = withExtensions(ip, [{ type: 44, body: [0, 0, 8, 0, 0, 0, 1] }]);
  assert.equal(extractUdp6(LinkType.IPV6, first), undefined);
  assert.equal(extractUdp6(LinkType.IPV6, later), undefined);
  // an unknown next header (ESP) ends the search
  assert.equal(
    extractUdp6(LinkType.IPV6, withExtensions(ip, [{ type: 50, body: [0, 0, 0] }])),
    undefined,
  );
});

Deno.test("frames cut by the snapshot length are marked truncated", () => {
  const ip = ipv6Udp(solicit);
  const cut = extractUdp6(LinkType.IPV6, ip.subarray(0, ip.length - 3));
  assert.equal(cut?.truncated, true);
  assert.equal(cut?.payload.length, solicit.payload.length - 3);
  assert.equal(extractUdp6(LinkType.IPV6, ip.subarray(0, 45)), undefined);
});

Deno.test("the UDP checksum verifies (RFC 8200 §8.1)", () => {
  const ip = ipv6Udp({ ...solicit, payload: Uint8Array.of(1, 2, 3) });
  const udp = ip.subarray(40);
  // summing the pseudo-header and the datagram with its checksum gives 0xffff
  let sum = 0;
  const add = (b: Uint8Array) => {
    for (let i = 0; i < b.length; i += 2) sum += (b[i]! << 8) | (b[i + 1] ?? 0);
  };
  add(parseIPv6(solicit.source));
  add(parseIPv6(solicit.destination));
  sum += udp.length + 17;
  add(udp);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  assert.equal(sum, 0xffff);
  assert.notEqual(udpChecksum(parseIPv6("::"), parseIPv6("::"), new Uint8Array(8)), 0);
});

Deno.test("malformed files raise PcapError with the offset", () => {
  const fail = (b: Uint8Array, re: RegExp, offset: number) => {
    try {
      readPcap(b);
      assert.fail("no error");
    } catch (e) {
      assert.ok(e instanceof PcapError, String(e));
      assert.match(e.message, re);
      assert.equal(e.offset, offset);
    }
  };
  fail(new Uint8Array(10), /24-byte header; this one has 10 bytes/, 0);
  fail(Uint8Array.of(0x0a, 0x0d, 0x0d, 0x0a, ...new Array(24).fill(0)), /pcapng/, 0);
  fail(new Uint8Array(24), /magic number 0x00000000 is not pcap/, 0);
  const file = writePcap([solicit]);
  fail(file.subarray(0, file.length - 1), /frame 1 at offset 24: captured length 72 runs past/, 32);
  fail(
    Uint8Array.of(...file, 1, 2, 3),
    /frame 2 at offset 112: record header needs 16 bytes, 3 remain/,
    112,
  );
});

Deno.test("mutated capture files give datagrams or a PcapError, nothing else", () => {
  const linkTypes = [
    LinkType.ETHERNET,
    LinkType.LINUX_SLL,
    LinkType.LINUX_SLL2,
    LinkType.RAW,
    LinkType.IPV6,
  ] as const;
  const mutation = fc.record({
    at: fc.nat(),
    value: fc.integer({ min: 0, max: 255 }),
    kind: fc.constantFrom("set", "insert", "delete", "truncate"),
  });
  fc.assert(
    fc.property(
      fc.constantFrom(...linkTypes),
      fc.array(mutation, { minLength: 1, maxLength: 6 }),
      (linkType, muts) => {
        let b = Array.from(writePcap([solicit, dns, advertise], linkType));
        for (const { at, value, kind } of muts) {
          const i = b.length === 0 ? 0 : at % b.length;
          if (kind === "set") b[i] = value;
          else if (kind === "insert") b.splice(i, 0, value);
          else if (kind === "delete") b.splice(i, 1);
          else b = b.slice(0, i);
        }
        const file = Uint8Array.from(b);
        try {
          for (const d of dhcp6Packets(file)) {
            assert.ok(d.payload.length <= file.length);
            assert.ok(
              d.sourcePort === 546 || d.sourcePort === 547 || d.destinationPort === 546 ||
                d.destinationPort === 547,
            );
          }
        } catch (e) {
          if (!(e instanceof PcapError)) throw e;
          assert.ok(e.offset >= 0 && e.offset <= file.length, `offset ${e.offset}`);
        }
      },
    ),
    { numRuns: 3000 },
  );
});
