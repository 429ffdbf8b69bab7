import assert from "node:assert/strict";
import fc from "fast-check";
import { readCapture } from "./capture.ts";
import { dhcp6Packets } from "./dhcp6_packets.ts";
import { LinkType } from "./link_type.ts";
import { PcapError } from "./pcap_error.ts";
import { readPcapng } from "./pcapng_reader.ts";
import { type PcapngSectionSpec, writePcapng } from "./pcapng_writer.ts";
import { frameUdp6, type Udp6Packet } from "./writer.ts";

const solicit: Udp6Packet = {
  source: "fe80::1",
  destination: "ff02::1:2",
  sourcePort: 546,
  destinationPort: 547,
  payload: Uint8Array.of(1, 0x12, 0x34, 0x56, 0, 8, 0, 2, 0, 0),
};
const reply: Udp6Packet = {
  source: "fe80::2",
  destination: "fe80::1",
  sourcePort: 547,
  destinationPort: 546,
  payload: Uint8Array.of(7, 0x12, 0x34, 0x56),
};
const dns: Udp6Packet = { ...reply, sourcePort: 53, destinationPort: 5353 };

/** Two sections, five interfaces of four link types, every packet block kind, unknown blocks. */
function sample(firstBigEndian: boolean): PcapngSectionSpec[] {
  return [
    {
      bigEndian: firstBigEndian,
      interfaces: [
        { linkType: LinkType.ETHERNET, name: "wan0" }, // default µs
        { linkType: LinkType.LINUX_SLL2, name: "any", tsresol: 9 }, // ns
        { linkType: LinkType.IPV6, tsresol: 0x80 | 20, tsoffset: 1000 }, // 2^-20 s, +1000 s
      ],
      blocks: [
        { kind: "epb", iface: 0, ticks: 1_700_000_000_250_000n, data: frameUdp6(solicit, 1) },
        { kind: "other", type: 4, body: Uint8Array.of(0, 0, 0, 0) }, // name resolution
        { kind: "epb", iface: 1, ticks: 1_700_000_001_000_000_500n, data: frameUdp6(dns, 276) },
        { kind: "epb", iface: 1, ticks: 1_700_000_001_000_000_500n, data: frameUdp6(reply, 276) },
        { kind: "other", type: 0x40000bad, body: Uint8Array.of(1, 2, 3, 4, 5) }, // custom
        { kind: "epb", iface: 2, ticks: 3n << 19n, data: frameUdp6(reply, 229) },
      ],
    },
    {
      bigEndian: !firstBigEndian,
      interfaces: [
        { linkType: LinkType.RAW, name: "tun0", snapLength: 1000 },
        { linkType: LinkType.LINUX_SLL, tsresol: 3 },
      ],
      blocks: [
        { kind: "spb", data: frameUdp6(solicit, 101) },
        { kind: "other", type: 5, body: new Uint8Array(16) }, // interface statistics
        { kind: "opb", iface: 1, ticks: 42_500n, data: frameUdp6(reply, 113) },
      ],
    },
  ];
}

for (const bigEndian of [false, true]) {
  Deno.test(`pcapng ${bigEndian ? "big" : "little"}-endian first section: every block kind`, () => {
    const file = writePcapng(sample(bigEndian));
    const parsed = readPcapng(file);
    assert.equal(parsed.sections, 2);
    assert.deepEqual(parsed.interfaces.map((i) => [i.linkType, i.name, i.unitsPerSecond]), [
      [1, "wan0", 1_000_000n],
      [276, "any", 1_000_000_000n],
      [229, undefined, 1n << 20n],
      [101, "tun0", 1_000_000n],
      [113, undefined, 1000n],
    ]);
    assert.deepEqual(parsed.frames.map((f) => f.linkType), [1, 276, 276, 229, 101, 113]);
    const got = dhcp6Packets(file);
    assert.deepEqual(got.map((p) => p.frame), [1, 3, 4, 5, 6]);
    assert.deepEqual(got.map((p) => p.interfaceName), [
      "wan0",
      "any",
      undefined,
      "tun0",
      undefined,
    ]);
    assert.deepEqual(got.map((p) => p.payload[0]), [1, 7, 7, 1, 7]);
    assert.equal(got[0]!.time, 1_700_000_000.25);
    assert.equal(got[1]!.time, 1_700_000_001 + 500e-9);
    assert.equal(got[2]!.time, 1000 + 3 / 2); // 3·2^19 units of 2^-20 s, plus the offset
    assert.equal(got[3]!.time, undefined, "a simple packet block has no timestamp");
    assert.equal(got[4]!.time, 42.5);
  });
}

Deno.test("pcapng: a simple packet block is cut at the snapshot length and marked truncated", () => {
  const frame = frameUdp6(solicit, LinkType.RAW);
  const file = writePcapng([{
    interfaces: [{ linkType: LinkType.RAW, snapLength: frame.length - 4 }],
    blocks: [{ kind: "spb", data: frame }],
  }]);
  const [f] = readCapture(file);
  assert.equal(f!.data.length, frame.length - 4);
  assert.equal(f!.originalLength, frame.length);
  const [p] = dhcp6Packets(file);
  assert.equal(p!.truncated, true);
  assert.deepEqual(p!.payload, solicit.payload.subarray(0, solicit.payload.length - 4));
});

Deno.test("pcapng: a file with no packets, and link types edge6 does not read", () => {
  assert.deepEqual(readCapture(writePcapng([{ interfaces: [], blocks: [] }])), []);
  const file = writePcapng([{
    interfaces: [{ linkType: 147 }], // LINKTYPE_USER0
    blocks: [{ kind: "epb", iface: 0, ticks: 0n, data: frameUdp6(solicit, 229) }],
  }]);
  assert.equal(readCapture(file).length, 1);
  assert.deepEqual(dhcp6Packets(file), []);
});

/** Expects readPcapng to throw a PcapError matching `re` at `offset`. */
function fails(bytes: Uint8Array, re: RegExp, offset: number): void {
  try {
    readPcapng(bytes);
  } catch (e) {
    assert.ok(e instanceof PcapError, String(e));
    assert.match(e.message, re);
    assert.equal(e.offset, offset, e.message);
    return;
  }
  assert.fail(`no error, expected ${re}`);
}

Deno.test("pcapng: malformed files give a PcapError naming the block and the offset", () => {
  const good = writePcapng([{
    interfaces: [{ linkType: 1, name: "eth0" }],
    blocks: [{ kind: "epb", iface: 0, ticks: 1n, data: frameUdp6(solicit, 1) }],
  }]);
  const shbLength = 28;
  const idbLength = 32; // 20 + if_name (4 + 4) + opt_endofopt (4)
  const epb = shbLength + idbLength;
  const patch = (at: number, value: number, size: 2 | 4 = 4) => {
    const b = good.slice();
    const v = new DataView(b.buffer);
    if (size === 4) v.setUint32(at, value, true);
    else v.setUint16(at, value, true);
    return b;
  };
  fails(good.subarray(0, 8), /block at offset 0: a block needs at least 12 bytes, 8 remain/, 0);
  fails(
    Uint8Array.of(1, 2, 3, 4, ...new Array(12).fill(0)),
    /starts with a section header block \(0a0d0d0a\), found 01020304/,
    0,
  );
  fails(patch(8, 0x11223344), /byte-order magic 44332211 is neither/, 8);
  fails(patch(12, 2, 2), /section header block at offset 0: version 2\.0 is not supported/, 12);
  fails(
    patch(4, 30),
    /section header block at offset 0: total length 30 is not a multiple of 4/,
    4,
  );
  fails(
    patch(epb + 4, 4096),
    new RegExp(`enhanced packet block at offset ${epb}: total length 4096 runs past the end`),
    epb + 4,
  );
  fails(
    patch(shbLength + idbLength - 4, 36),
    /interface description block at offset 28: trailing length 36 differs from the leading length 32/,
    shbLength + idbLength - 4,
  );
  fails(
    patch(epb + 8, 1),
    new RegExp(
      `enhanced packet block at offset ${epb}: interface 1 is not described in this section \\(1 interface\\)`,
    ),
    epb + 8,
  );
  fails(
    patch(epb + 20, 5000),
    new RegExp(`enhanced packet block at offset ${epb}: captured length 5000 runs past the block`),
    epb + 20,
  );
  fails(
    patch(shbLength + 18, 200, 2),
    /interface description block at offset 28: option 2 at offset 44 has length 200, past the block's end/,
    46,
  );
  const badResol = writePcapng([{ interfaces: [{ linkType: 1, tsresol: 6 }], blocks: [] }]);
  new DataView(badResol.buffer).setUint16(shbLength + 18, 2, true); // if_tsresol of 2 bytes
  fails(badResol, /option at offset 44: if_tsresol must be 1 byte, got 2/, 44);
  // A packet before any interface description.
  fails(
    writePcapng([{ interfaces: [], blocks: [{ kind: "spb", data: Uint8Array.of(0x60) }] }]),
    /simple packet block at offset 28: interface 0 is not described in this section \(0 interfaces\)/,
    36,
  );
  // Interfaces belong to their section: the second section has none.
  const two = writePcapng([
    { interfaces: [{ linkType: 1 }], blocks: [] },
    { interfaces: [], blocks: [{ kind: "epb", iface: 0, ticks: 0n, data: Uint8Array.of(1) }] },
  ]);
  fails(two, /interface 0 is not described in this section \(0 interfaces\)/, 28 + 20 + 28 + 8);
});

Deno.test("mutated pcapng files give datagrams or a PcapError, nothing else", () => {
  const files = [writePcapng(sample(false)), writePcapng(sample(true))];
  const mutation = fc.record({
    at: fc.nat(),
    value: fc.integer({ min: 0, max: 255 }),
    kind: fc.constantFrom("set", "insert", "delete", "truncate", "set32"),
  });
  fc.assert(
    fc.property(
      fc.constantFrom(0, 1),
      fc.array(mutation, { minLength: 1, maxLength: 6 }),
      (which, muts) => {
        let b = Array.from(files[which]!);
        for (const { at, value, kind } of muts) {
          const i = b.length === 0 ? 0 : at % b.length;
          if (kind === "set") b[i] = value;
          else if (kind === "set32") b.splice(i & ~3, 4, value, value ^ 0xff, 0, value & 0x0f);
          else if (kind === "insert") b.splice(i, 0, value);
          else if (kind === "delete") b.splice(i, 1);
          else b = b.slice(0, i);
        }
        const file = Uint8Array.from(b);
        try {
          for (const d of dhcp6Packets(file)) {
            assert.ok(d.payload.length <= file.length);
            assert.ok([d.sourcePort, d.destinationPort].some((p) => p === 546 || p === 547));
            assert.ok(d.time === undefined || Number.isFinite(d.time));
          }
        } catch (e) {
          if (!(e instanceof PcapError)) throw e;
          assert.ok(e.offset >= 0 && e.offset <= file.length, `offset ${e.offset}`);
          assert.ok(e.message.length > 0);
        }
      },
    ),
    { numRuns: 4000 },
  );
});
