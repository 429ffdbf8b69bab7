/**
 * pcapng files written by Wireshark's own tools, read by edge6:
 *
 * - tshark converts our classic captures to pcapng (little-endian, one
 *   interface), and mergecap joins captures of three link types into one
 *   pcapng with three interfaces;
 * - dumpcap captures live DHCPv6 datagrams on two interfaces at once (a
 *   veth and the loopback, in a throwaway network namespace), nanosecond
 *   timestamps and interface names included;
 * - tshark reads our own pcapng writer's output (big-endian sections,
 *   several sections and interfaces), which checks the writer the reader's
 *   unit tests rely on.
 *
 * In each case edge6 must find the same frames, interfaces, message types and
 * timestamps as tshark. Without tshark (or, for the live capture, without
 * root) the tests are ignored with a banner, unless EDGE6_REQUIRE_E2E=1.
 */
import assert from "node:assert/strict";
import { main } from "../src/cli/main.ts";
import { captureIo } from "../src/cli/test_io.ts";
import { exec, execOk, haveProgram } from "../src/agent/lab/exec.ts";
import { removeNetns } from "../src/agent/lab/netns.ts";
import { dhcp6Packets } from "../src/pcap/dhcp6_packets.ts";
import { LinkType } from "../src/pcap/link_type.ts";
import { writePcapng } from "../src/pcap/pcapng_writer.ts";
import { readPcapng } from "../src/pcap/pcapng_reader.ts";
import {
  frameUdp6,
  type Udp6Packet,
  type WritableLinkType,
  writePcap,
} from "../src/pcap/writer.ts";

const required = Deno.env.get("EDGE6_REQUIRE_E2E") === "1";
const tools = ["tshark", "mergecap", "dumpcap"].filter((t) => !haveProgram(t));
const toolsMissing = tools.length > 0 ? `${tools.join(", ")} not installed` : undefined;
const liveMissing = toolsMissing ??
  (Deno.uid() !== 0 ? "a live capture in a network namespace needs root" : undefined);
for (const why of new Set([toolsMissing, liveMissing])) {
  if (why !== undefined && !required) {
    console.error(`\n!!! SKIPPED pcapng tests with Wireshark's tools: ${why} !!!\n`);
  }
}

/** A DHCPv6-ish datagram with a recognisable type and transaction id. */
function datagram(type: number, xid: number, from: string, to: string): Udp6Packet {
  const client = type !== 2 && type !== 7;
  return {
    source: from,
    destination: to,
    sourcePort: client ? 546 : 547,
    destinationPort: client ? 547 : 546,
    // type, transaction id, Elapsed Time (8) of 0: a message tshark dissects cleanly.
    payload: Uint8Array.of(type, xid >> 16, (xid >> 8) & 0xff, xid & 0xff, 0, 8, 0, 2, 0, 0),
  };
}

/** What tshark sees per frame: interface id, DHCPv6 type, epoch time. */
async function tsharkView(file: string): Promise<{ iface: number; type: number; time: number }[]> {
  const out = await execOk("tshark", [
    "-r",
    file,
    "-T",
    "fields",
    "-E",
    "separator=,",
    "-e",
    "frame.interface_id",
    "-e",
    "dhcpv6.msgtype",
    "-e",
    "frame.time_epoch",
    "-Y",
    "dhcpv6",
  ]);
  return out.trim().split("\n").filter((l) => l !== "").map((l) => {
    const [iface, type, time] = l.split(",");
    return { iface: Number(iface), type: Number(type), time: Number(time) };
  });
}

/** Our view of the same file. */
function ourView(bytes: Uint8Array): { iface: number; type: number; time: number }[] {
  const frames = readPcapng(bytes).frames;
  return dhcp6Packets(bytes).map((d) => ({
    iface: frames[d.frame - 1]!.interfaceId!,
    type: d.payload[0]!,
    time: d.time ?? NaN,
  }));
}

function assertSameView(
  ours: { iface: number; type: number; time: number }[],
  theirs: { iface: number; type: number; time: number }[],
): void {
  assert.equal(ours.length, theirs.length, `${ours.length} datagrams, tshark saw ${theirs.length}`);
  ours.forEach((o, i) => {
    const t = theirs[i]!;
    assert.equal(o.type, t.type, `frame ${i + 1}: type`);
    assert.equal(o.iface, t.iface, `frame ${i + 1}: interface`);
    // tshark prints nanoseconds; doubles hold epoch seconds to about 0.2 µs.
    assert.ok(Math.abs(o.time - t.time) < 1e-6, `frame ${i + 1}: time ${o.time} vs ${t.time}`);
  });
}

Deno.test({
  name: "pcapng by tshark and mergecap: one and several interfaces, same as tshark reads",
  ignore: toolsMissing !== undefined && !required,
  async fn() {
    if (toolsMissing) throw new Error(`EDGE6_REQUIRE_E2E=1 but ${toolsMissing}`);
    const dir = await Deno.makeTempDir({ prefix: "edge6-pcapng-" });
    try {
      const kinds: [string, WritableLinkType][] = [
        ["eth", LinkType.ETHERNET],
        ["sll2", LinkType.LINUX_SLL2],
        ["ipv6", LinkType.IPV6],
      ];
      for (const [i, [name, linkType]] of kinds.entries()) {
        const packets = [
          { ...datagram(1, 0x100 + i, "fe80::1", "ff02::1:2"), time: 1_700_000_000 + i + 0.125 },
          { ...datagram(7, 0x100 + i, "fe80::2", "fe80::1"), time: 1_700_000_010 + i + 0.5 },
        ];
        await Deno.writeFile(`${dir}/${name}.pcap`, writePcap(packets, linkType));
      }
      // tshark: one classic file rewritten as pcapng.
      await execOk("tshark", ["-r", `${dir}/eth.pcap`, "-F", "pcapng", "-w", `${dir}/eth.pcapng`]);
      const single = await Deno.readFile(`${dir}/eth.pcapng`);
      assert.equal(readPcapng(single).interfaces.length, 1);
      assertSameView(ourView(single), await tsharkView(`${dir}/eth.pcapng`));
      // The same datagrams as from the classic file, time included.
      const classic = dhcp6Packets(await Deno.readFile(`${dir}/eth.pcap`));
      assert.deepEqual(
        dhcp6Packets(single).map(({ interfaceName: _, ...d }) => d),
        classic,
      );
      // mergecap: three link types, three interfaces, frames merged by time.
      await execOk("mergecap", [
        "-F",
        "pcapng",
        "-w",
        `${dir}/merged.pcapng`,
        ...kinds.map(([n]) => `${dir}/${n}.pcap`),
      ]);
      const merged = await Deno.readFile(`${dir}/merged.pcapng`);
      const parsed = readPcapng(merged);
      assert.deepEqual(
        parsed.interfaces.map((i) => i.linkType).sort((a, b) => a - b),
        [LinkType.ETHERNET, LinkType.IPV6, LinkType.LINUX_SLL2],
      );
      assert.equal(dhcp6Packets(merged).length, 6);
      assertSameView(ourView(merged), await tsharkView(`${dir}/merged.pcapng`));
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test({
  name: "pcapng by our writer (big-endian, two sections) reads the same in tshark",
  ignore: toolsMissing !== undefined && !required,
  async fn() {
    if (toolsMissing) throw new Error(`EDGE6_REQUIRE_E2E=1 but ${toolsMissing}`);
    const dir = await Deno.makeTempDir({ prefix: "edge6-pcapng-" });
    try {
      const file = writePcapng([
        {
          bigEndian: true,
          interfaces: [
            { linkType: LinkType.ETHERNET, name: "wan0", tsresol: 9 },
            { linkType: LinkType.LINUX_SLL2, name: "any", tsresol: 0x80 | 20 },
          ],
          blocks: [
            {
              kind: "epb",
              iface: 0,
              ticks: 1_700_000_000_123_456_789n,
              data: frameUdp6(datagram(1, 1, "fe80::1", "ff02::1:2"), 1),
            },
            { kind: "other", type: 0x0bad, body: Uint8Array.of(9, 9, 9, 9) },
            {
              kind: "epb",
              iface: 1,
              ticks: 1_700_000_001n << 20n,
              data: frameUdp6(datagram(7, 1, "fe80::2", "fe80::1"), 276),
            },
          ],
        },
        {
          interfaces: [{ linkType: LinkType.IPV6, name: "tun0", tsresol: 6, tsoffset: 100 }],
          blocks: [{
            kind: "epb",
            iface: 0,
            ticks: 1_700_000_002_500_000n,
            data: frameUdp6(datagram(5, 2, "fe80::1", "ff02::1:2"), 229),
          }],
        },
      ]);
      await Deno.writeFile(`${dir}/ours.pcapng`, file);
      const theirs = await tsharkView(`${dir}/ours.pcapng`);
      assert.deepEqual(theirs.map((t) => t.type), [1, 7, 5]);
      assertSameView(ourView(file), theirs);
      // tshark flags nothing as malformed.
      const expert = await exec("tshark", ["-r", `${dir}/ours.pcapng`, "-z", "expert,warn"]);
      assert.doesNotMatch(expert.stdout, /Malformed/);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test({
  name: "pcapng by dumpcap, live on two interfaces: edge6 decode --pcap reads it",
  ignore: liveMissing !== undefined && !required,
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    if (liveMissing) throw new Error(`EDGE6_REQUIRE_E2E=1 but ${liveMissing}`);
    const dir = await Deno.makeTempDir({ prefix: "edge6-pcapng-" });
    const base = `edge6-pcapng-${Deno.pid}-0`;
    const [a, b] = [`${base}-a`, `${base}-b`];
    let dumpcap: Deno.ChildProcess | undefined;
    try {
      await execOk("ip", ["netns", "add", a]);
      await execOk("ip", ["netns", "add", b]);
      await execOk("ip", [
        "link",
        "add",
        "v0",
        "netns",
        a,
        "type",
        "veth",
        "peer",
        "name",
        "v1",
        "netns",
        b,
      ]);
      for (const [ns, dev, addr] of [[a, "v0", "2001:db8:7::1"], [b, "v1", "2001:db8:7::2"]]) {
        await execOk("ip", ["-n", ns!, "link", "set", dev!, "up"]);
        await execOk("ip", ["-n", ns!, "addr", "add", `${addr}/64`, "dev", dev!, "nodad"]);
      }
      await execOk("ip", ["-n", a, "link", "set", "lo", "up"]);
      const filter = "udp port 546 or udp port 547";
      const file = `${dir}/live.pcapng`;
      // A filter applies to the -i before it; -c 2 stops after both datagrams.
      dumpcap = new Deno.Command("ip", {
        args: [
          "netns",
          "exec",
          a,
          "dumpcap",
          "-i",
          "v0",
          "-f",
          filter,
          "-i",
          "lo",
          "-f",
          filter,
          "-c",
          "2",
          "-w",
          file,
        ],
        stdin: "null",
        stdout: "null",
        stderr: "piped",
      }).spawn();
      // dumpcap prints "File: …" once both interfaces are open.
      const reader = dumpcap.stderr.pipeThrough(new TextDecoderStream()).getReader();
      let said = "";
      while (!said.includes("File:")) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`dumpcap ended before capturing: ${said}`);
        said += value;
      }
      const send = [
        "import socket",
        's = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM); s.bind(("::", 546))',
        's.sendto(bytes.fromhex("01abcdef00080002000a"), ("2001:db8:7::2", 547))',
        's.sendto(bytes.fromhex("0b12345600080002000a"), ("::1", 547))',
      ].join("\n");
      await execOk("python3", ["-c", send], a);
      const guard = setTimeout(() => dumpcap?.kill("SIGINT"), 20_000);
      void (async () => {
        while (!(await reader.read()).done) { /* drain */ }
      })();
      const status = await dumpcap.status;
      clearTimeout(guard);
      assert.equal(status.code, 0, "dumpcap stopped after two datagrams");
      const bytes = await Deno.readFile(file);
      const parsed = readPcapng(bytes);
      assert.deepEqual(parsed.interfaces.map((i) => i.name), ["v0", "lo"]);
      assert.equal(parsed.interfaces[0]!.unitsPerSecond, 1_000_000_000n, "dumpcap writes ns");
      assertSameView(ourView(bytes), await tsharkView(file));
      // The command an operator runs.
      const io = captureIo();
      assert.equal(await main(["decode", "--pcap", file], io), 0, io.stderr);
      const lines = io.stdout.trim().split("\n").map((l) => JSON.parse(l));
      console.log(io.stdout.trim());
      assert.deepEqual(
        lines.map((l) => [l.frame, l.interface, l.type, l.transactionId, l.source]),
        [
          [1, "v0", "SOLICIT", "abcdef", "2001:db8:7::1"],
          [2, "lo", "INFORMATION-REQUEST", "123456", "::1"],
        ],
      );
    } finally {
      try {
        dumpcap?.kill("SIGKILL");
      } catch {
        // already exited
      }
      await removeNetns(a);
      await removeNetns(b);
      await Deno.remove(dir, { recursive: true });
    }
  },
});
