/**
 * `edge6 decode`: prints DHCPv6 messages (RFC 9915 §8, §9) given as hex or
 * found in a pcap or pcapng capture as JSON, one line per message.
 * @module
 */
import type { Command, CommandIo } from "./command.ts";
import { decodeMessage } from "../dhcp6/codec.ts";
import { DecodeError } from "../dhcp6/decode_error.ts";
import { fromHex, HexSyntaxError } from "../dhcp6/hex.ts";
import { type JsonObject, messageToJson } from "../dhcp6/json.ts";
import { dhcp6Packets } from "../pcap/dhcp6_packets.ts";
import { PcapError } from "../pcap/pcap_error.ts";
import { parseCommandArgs } from "./parse_command_args.ts";

const OPTIONS = {
  pcap: {
    type: "string",
    value: "FILE",
    text: "decode every UDP datagram to or from port 546 or 547 in a capture file: " +
      "pcapng (as Wireshark, tshark and dumpcap write it; either byte order, several " +
      "sections and interfaces) or classic pcap; link types Ethernet, Linux cooked " +
      "SLL/SLL2, raw IP/IPv6 and BSD loopback",
  },
} as const;

/** The `decode` subcommand. */
export const decodeCommand: Command = {
  name: "decode",
  summary: "decode DHCPv6 messages (hex, pcap or pcapng) to JSON lines",
  usage: ["edge6 decode [HEX…]", "edge6 decode --pcap FILE", "edge6 decode < FILE"],
  description: `Decodes DHCPv6 messages and prints each as one JSON object per line. The
messages come from the HEX arguments; with neither HEX nor --pcap, from
standard input, one message in hex per non-empty line (lines starting with
'#' are skipped); with --pcap, from a capture file.`,
  options: OPTIONS,
  operands: [{
    name: "HEX…",
    text: "one message per argument, in hex; spaces, ':' and '-' between digits are ignored",
  }],
  sections: [{
    title: "Output",
    body: `One line per message:
  {"type":"REPLY","transactionId":"123456","options":[…]}
type is the RFC 9915 message name, transactionId six hex digits; each option
has "code", "name" and its fields (nested options in "options"; options edge6
does not decode as "hex"). With --pcap, each line also carries "frame",
"source" and "destination", and "interface" when the file names it.

A message that cannot be decoded prints {"error":"…","offset":N}: N is the
byte offset of the fault in the message (for bad hex, the character index).`,
  }],
  exitStatus: `0 if every message decoded, 1 if any did not or the file could not be
read, 2 for a usage error.`,
  async run(args: string[], io: CommandIo): Promise<number> {
    const parsed = parseCommandArgs("decode", args, {
      options: OPTIONS,
      maxPositionals: Infinity,
    }, io);
    if (parsed === undefined) return 2;
    const file = parsed.values.pcap;
    const hexArgs = parsed.positionals;
    if (file !== undefined && hexArgs.length > 0) {
      io.err("edge6 decode: give either --pcap FILE or hex messages, not both\n");
      return 2;
    }
    if (file !== undefined) return await decodePcap(file, io);
    const inputs = hexArgs.length > 0 ? hexArgs : stdinLines(await io.readStdin());
    let failed = false;
    for (const text of inputs) {
      const line = decodeHexLine(text);
      if ("error" in line) failed = true;
      io.out(JSON.stringify(line) + "\n");
    }
    return failed ? 1 : 0;
  },
};

function stdinLines(bytes: Uint8Array): string[] {
  return new TextDecoder().decode(bytes).split(/\r?\n/).map((l) => l.trim()).filter((l) =>
    l !== "" && !l.startsWith("#")
  );
}

function decodeHexLine(text: string): JsonObject {
  let bytes: Uint8Array;
  try {
    bytes = fromHex(text);
  } catch (e) {
    if (e instanceof HexSyntaxError) return { error: `bad hex: ${e.message}`, offset: e.index };
    throw e;
  }
  return decodeOrError(bytes);
}

function decodeOrError(bytes: Uint8Array): JsonObject {
  try {
    return messageToJson(decodeMessage(bytes));
  } catch (e) {
    if (e instanceof DecodeError) return { error: e.message, offset: e.offset };
    throw e;
  }
}

async function decodePcap(file: string, io: CommandIo): Promise<number> {
  let bytes: Uint8Array;
  try {
    bytes = await Deno.readFile(file);
  } catch (e) {
    io.err(`edge6 decode: cannot read ${file}: ${(e as Error).message}\n`);
    return 1;
  }
  let packets;
  try {
    packets = dhcp6Packets(bytes);
  } catch (e) {
    if (!(e instanceof PcapError)) throw e;
    io.err(`edge6 decode: ${file}: ${e.message}\n`);
    return 1;
  }
  let failed = false;
  for (const p of packets) {
    const where = {
      frame: p.frame,
      ...(p.interfaceName === undefined ? {} : { interface: p.interfaceName }),
      source: p.source,
      destination: p.destination,
    };
    let line = decodeOrError(p.payload);
    if ("error" in line && p.truncated) {
      line = { ...line, error: `${line.error} (frame cut short by the capture)` };
    }
    if ("error" in line) failed = true;
    io.out(JSON.stringify({ ...where, ...line }) + "\n");
  }
  return failed ? 1 : 0;
}
