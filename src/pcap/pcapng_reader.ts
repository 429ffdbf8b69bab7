/**
 * A reader for pcapng capture files (draft-ietf-opsawg-pcapng), the default
 * format of Wireshark, tshark and dumpcap: Section Header Blocks in either
 * byte order (§4.1), Interface Description Blocks with their link type,
 * `if_name`, `if_tsresol` and `if_tsoffset` (§4.2), Enhanced (§4.3), Simple
 * (§4.4) and obsolete Packet Blocks (Appendix A). Every other block is
 * skipped. A file may hold several sections, each with its own byte order
 * and its own interfaces.
 *
 * Untrusted input: every length is checked against the block and the file,
 * and a malformed file raises a {@link PcapError} naming the block and the
 * byte offset of the fault.
 * @module
 */
import type { CaptureFrame } from "./capture_frame.ts";
import { PcapError } from "./pcap_error.ts";

/** The Section Header Block type; the same bytes in either byte order (§4.1). */
export const PCAPNG_SHB = 0x0a0d0d0a;
const BYTE_ORDER_MAGIC = 0x1a2b3c4d;
const IDB = 1;
const OBSOLETE_PACKET = 2;
const SPB = 3;
const EPB = 6;

const OPT_END = 0;
const IF_NAME = 2;
const IF_TSRESOL = 9;
const IF_TSOFFSET = 14;

/** An interface a section describes (§4.2). */
export interface PcapngInterface {
  /** The LINKTYPE_* of its frames. */
  readonly linkType: number;
  /** Most bytes captured per frame; 0: no limit. */
  readonly snapLength: number;
  /** `if_name`, when given. */
  readonly name?: string;
  /** Timestamp units per second (`if_tsresol`; default 10^6). */
  readonly unitsPerSecond: bigint;
  /** Seconds added to every timestamp (`if_tsoffset`; default 0). */
  readonly offsetSeconds: number;
}

/** A parsed pcapng file. */
export interface PcapngFile {
  /** How many sections the file holds. */
  readonly sections: number;
  /** Every interface, section after section. */
  readonly interfaces: readonly PcapngInterface[];
  /** Every packet, in file order. */
  readonly frames: readonly CaptureFrame[];
}

const BLOCK_NAMES: Record<number, string> = {
  [PCAPNG_SHB]: "section header block",
  [IDB]: "interface description block",
  [OBSOLETE_PACKET]: "packet block",
  [SPB]: "simple packet block",
  [EPB]: "enhanced packet block",
};

/** Parses a whole pcapng file. Throws {@link PcapError} on a malformed file. */
export function readPcapng(bytes: Uint8Array): PcapngFile {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const frames: CaptureFrame[] = [];
  const all: PcapngInterface[] = [];
  let section: PcapngInterface[] | undefined;
  let sections = 0;
  let little = false;
  let at = 0;
  while (at < bytes.length) {
    const remain = bytes.length - at;
    if (remain < 12) {
      throw new PcapError(
        `block at offset ${at}: a block needs at least 12 bytes, ${remain} remain`,
        at,
      );
    }
    const type0 = view.getUint32(at, false);
    if (type0 === PCAPNG_SHB) {
      little = sectionByteOrder(view, at);
    } else if (section === undefined) {
      throw new PcapError(
        `offset ${at}: a pcapng file starts with a section header block (0a0d0d0a), found ${
          hex8(type0)
        }`,
        at,
      );
    }
    const type = view.getUint32(at, little);
    const what = `${BLOCK_NAMES[type] ?? `block of type ${hex8(type)}`} at offset ${at}`;
    const length = view.getUint32(at + 4, little);
    if (length < 12 || length % 4 !== 0) {
      throw new PcapError(
        `${what}: total length ${length} is not a multiple of 4 of at least 12`,
        at + 4,
      );
    }
    if (length > remain) {
      throw new PcapError(
        `${what}: total length ${length} runs past the end of the file (${remain} bytes remain)`,
        at + 4,
      );
    }
    const trailer = view.getUint32(at + length - 4, little);
    if (trailer !== length) {
      throw new PcapError(
        `${what}: trailing length ${trailer} differs from the leading length ${length}`,
        at + length - 4,
      );
    }
    const body = at + 8;
    const bodyLength = length - 12;
    const read = { view, little, what, body, bodyLength };
    switch (type) {
      case PCAPNG_SHB:
        checkSectionHeader(read);
        section = [];
        sections++;
        break;
      case IDB: {
        const iface = readInterface(read);
        section!.push(iface);
        all.push(iface);
        break;
      }
      case EPB:
      case OBSOLETE_PACKET:
      case SPB:
        frames.push(readPacket(read, type, section!, frames.length + 1, bytes));
        break;
      default:
        break; // Name resolution, statistics, custom and unknown blocks carry no packets.
    }
    at += length;
  }
  return { sections, interfaces: all, frames };
}

/** Where a block's body lies, and how to read it. */
interface BlockRead {
  readonly view: DataView;
  readonly little: boolean;
  /** "enhanced packet block at offset N", for messages. */
  readonly what: string;
  /** File offset of the body (after type and length). */
  readonly body: number;
  /** Body length, without the trailing length. */
  readonly bodyLength: number;
}

/** The byte order of the section starting at `at`, from its byte-order magic (§4.1). */
function sectionByteOrder(view: DataView, at: number): boolean {
  if (view.byteLength - at < 12) return false; // the length check reports it
  const magic = view.getUint32(at + 8, false);
  if (magic === BYTE_ORDER_MAGIC) return false;
  if (magic === 0x4d3c2b1a) return true;
  throw new PcapError(
    `section header block at offset ${at}: byte-order magic ${
      hex8(magic)
    } is neither 1a2b3c4d nor 4d3c2b1a`,
    at + 8,
  );
}

function checkSectionHeader(r: BlockRead): void {
  // 4 magic, 2 major, 2 minor, 8 section length.
  need(r, 16, "a byte-order magic, a version and a section length");
  const major = r.view.getUint16(r.body + 4, r.little);
  const minor = r.view.getUint16(r.body + 6, r.little);
  if (major !== 1) {
    throw new PcapError(
      `${r.what}: version ${major}.${minor} is not supported (1.x expected)`,
      r.body + 4,
    );
  }
}

function readInterface(r: BlockRead): PcapngInterface {
  // 2 link type, 2 reserved, 4 snap length, then options.
  need(r, 8, "a link type and a snapshot length");
  let name: string | undefined;
  let unitsPerSecond = 1_000_000n;
  let offsetSeconds = 0;
  for (const o of options(r, r.body + 8)) {
    if (o.code === IF_NAME) {
      name = new TextDecoder().decode(o.value).replace(/\0+$/, "");
    } else if (o.code === IF_TSRESOL) {
      if (o.value.length !== 1) throw optionError(r, o, "if_tsresol must be 1 byte");
      const v = o.value[0]!;
      // High bit set: a power of two; clear: a power of ten.
      unitsPerSecond = v & 0x80 ? 1n << BigInt(v & 0x7f) : 10n ** BigInt(v);
    } else if (o.code === IF_TSOFFSET) {
      if (o.value.length !== 8) throw optionError(r, o, "if_tsoffset must be 8 bytes");
      offsetSeconds = Number(
        new DataView(o.value.buffer, o.value.byteOffset, 8).getBigInt64(0, r.little),
      );
    }
  }
  return {
    linkType: r.view.getUint16(r.body, r.little),
    snapLength: r.view.getUint32(r.body + 4, r.little),
    ...(name === undefined ? {} : { name }),
    unitsPerSecond,
    offsetSeconds,
  };
}

function readPacket(
  r: BlockRead,
  type: number,
  section: readonly PcapngInterface[],
  frame: number,
  bytes: Uint8Array,
): CaptureFrame {
  const { view, little, body } = r;
  let ifIndex: number;
  let dataAt: number;
  let captured: number;
  let originalLength: number;
  let ticks: bigint | undefined;
  if (type === SPB) {
    // 4 original length, then the data: the rest of the body, cut to the snap length.
    need(r, 4, "an original packet length");
    ifIndex = 0;
    originalLength = view.getUint32(body, little);
    dataAt = body + 4;
    captured = Math.min(originalLength, r.bodyLength - 4);
    const snap = section[0]?.snapLength ?? 0;
    if (snap > 0) captured = Math.min(captured, snap);
  } else {
    // EPB: 4 interface id, 8 timestamp, 4 captured, 4 original length.
    // Obsolete packet block: 2 interface id, 2 drops, then the same.
    need(r, 20, "an interface, a timestamp and two lengths");
    ifIndex = type === EPB ? view.getUint32(body, little) : view.getUint16(body, little);
    ticks = (BigInt(view.getUint32(body + 4, little)) << 32n) |
      BigInt(view.getUint32(body + 8, little));
    captured = view.getUint32(body + 12, little);
    originalLength = view.getUint32(body + 16, little);
    dataAt = body + 20;
    if (captured > r.bodyLength - 20) {
      throw new PcapError(
        `${r.what}: captured length ${captured} runs past the block (${
          r.bodyLength - 20
        } bytes of data)`,
        body + 12,
      );
    }
  }
  const iface = section[ifIndex];
  if (iface === undefined) {
    throw new PcapError(
      `${r.what}: interface ${ifIndex} is not described in this section (${section.length} interface${
        section.length === 1 ? "" : "s"
      })`,
      body,
    );
  }
  return {
    frame,
    ...(ticks === undefined ? {} : { time: timestamp(ticks, iface) }),
    data: bytes.subarray(dataAt, dataAt + captured),
    originalLength,
    linkType: iface.linkType,
    interfaceId: ifIndex,
    ...(iface.name === undefined ? {} : { interfaceName: iface.name }),
  };
}

/** Seconds since the epoch of a timestamp in the interface's units (§4.2 if_tsresol). */
function timestamp(ticks: bigint, iface: PcapngInterface): number {
  const u = iface.unitsPerSecond;
  return Number(ticks / u) + Number(ticks % u) / Number(u) + iface.offsetSeconds;
}

/** One option of a block (§3.5). */
interface BlockOption {
  readonly code: number;
  readonly value: Uint8Array;
  /** File offset of the option's code. */
  readonly at: number;
}

/** The options from `start` to the end of the body, up to opt_endofopt. */
function options(r: BlockRead, start: number): BlockOption[] {
  const end = r.body + r.bodyLength;
  const out: BlockOption[] = [];
  let at = start;
  while (at < end) {
    if (end - at < 4) {
      throw new PcapError(
        `${r.what}: option at offset ${at} needs 4 bytes, ${end - at} remain`,
        at,
      );
    }
    const code = r.view.getUint16(at, r.little);
    const length = r.view.getUint16(at + 2, r.little);
    if (code === OPT_END) break;
    if (length > end - at - 4) {
      throw new PcapError(
        `${r.what}: option ${code} at offset ${at} has length ${length}, past the block's end`,
        at + 2,
      );
    }
    const v = new Uint8Array(r.view.buffer, r.view.byteOffset + at + 4, length);
    out.push({ code, value: v, at });
    at += 4 + Math.ceil(length / 4) * 4;
  }
  return out;
}

function optionError(r: BlockRead, o: BlockOption, message: string): PcapError {
  return new PcapError(
    `${r.what}: option at offset ${o.at}: ${message}, got ${o.value.length}`,
    o.at,
  );
}

/** Throws unless the block body holds at least `bytes` bytes for its fixed fields. */
function need(r: BlockRead, bytes: number, fields: string): void {
  if (r.bodyLength < bytes) {
    throw new PcapError(
      `${r.what}: body of ${r.bodyLength} bytes is too short for ${fields} (${bytes} bytes)`,
      r.body,
    );
  }
}

function hex8(n: number): string {
  return n.toString(16).padStart(8, "0");
}
