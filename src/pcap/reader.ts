/**
 * A reader for classic libpcap capture files (the "pcap" format of
 * https://www.tcpdump.org/manpages/pcap-savefile.5.html): either byte order,
 * microsecond or nanosecond timestamps. pcapng files are read by
 * pcapng_reader.ts; `readCapture` (capture.ts) takes either.
 * @module
 */
import { PcapError } from "./pcap_error.ts";

/** One captured frame. */
export interface PcapRecord {
  /** 1-based frame number, as Wireshark counts. */
  readonly frame: number;
  /** Capture time, seconds since the Unix epoch (fractional). */
  readonly time: number;
  /** The captured bytes (possibly cut to the snapshot length). */
  readonly data: Uint8Array;
  /** The frame's length on the wire. */
  readonly originalLength: number;
}

/** A parsed capture file. */
export interface PcapFile {
  /** The LINKTYPE_* value of every frame. */
  readonly linkType: number;
  /** The snapshot length: no frame was captured longer than this. */
  readonly snapLength: number;
  /** The frames, in file order. */
  readonly records: readonly PcapRecord[];
}

const GLOBAL_HEADER = 24;
const RECORD_HEADER = 16;

/** Parses a whole classic pcap file. Throws {@link PcapError} on a malformed file. */
export function readPcap(bytes: Uint8Array): PcapFile {
  if (bytes.length < GLOBAL_HEADER) {
    throw new PcapError(
      `a pcap file starts with a ${GLOBAL_HEADER}-byte header; this one has ${bytes.length} bytes`,
      0,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = view.getUint32(0, false);
  let little: boolean;
  let nano: boolean;
  switch (magic) {
    case 0xa1b2c3d4:
      [little, nano] = [false, false];
      break;
    case 0xd4c3b2a1:
      [little, nano] = [true, false];
      break;
    case 0xa1b23c4d:
      [little, nano] = [false, true];
      break;
    case 0x4d3cb2a1:
      [little, nano] = [true, true];
      break;
    case 0x0a0d0d0a:
      throw new PcapError(
        "this is a pcapng file, not classic pcap (read it with readPcapng or readCapture)",
        0,
      );
    default:
      throw new PcapError(`magic number 0x${magic.toString(16).padStart(8, "0")} is not pcap`, 0);
  }
  const snapLength = view.getUint32(16, little);
  const linkType = view.getUint32(20, little) & 0x0fffffff;
  const records: PcapRecord[] = [];
  let at = GLOBAL_HEADER;
  while (at < bytes.length) {
    const frame = records.length + 1;
    if (bytes.length - at < RECORD_HEADER) {
      throw new PcapError(
        `frame ${frame} at offset ${at}: record header needs ${RECORD_HEADER} bytes, ${
          bytes.length - at
        } remain`,
        at,
      );
    }
    const seconds = view.getUint32(at, little);
    const fraction = view.getUint32(at + 4, little);
    const included = view.getUint32(at + 8, little);
    const originalLength = view.getUint32(at + 12, little);
    if (included > bytes.length - at - RECORD_HEADER) {
      throw new PcapError(
        `frame ${frame} at offset ${at}: captured length ${included} runs past the end of the file`,
        at + 8,
      );
    }
    const start = at + RECORD_HEADER;
    records.push({
      frame,
      time: seconds + fraction / (nano ? 1e9 : 1e6),
      data: bytes.subarray(start, start + included),
      originalLength,
    });
    at = start + included;
  }
  return { linkType, snapLength, records };
}
