/**
 * Reads a capture file in either format, told apart by its first bytes:
 * pcapng (draft-ietf-opsawg-pcapng §4.1, a section header block) or classic
 * libpcap (pcap-savefile(5)).
 * @module
 */
import type { CaptureFrame } from "./capture_frame.ts";
import { PCAPNG_SHB, readPcapng } from "./pcapng_reader.ts";
import { readPcap } from "./reader.ts";

/** True when `bytes` starts like a pcapng file. */
export function isPcapng(bytes: Uint8Array): boolean {
  return bytes.length >= 4 &&
    new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0, false) === PCAPNG_SHB;
}

/**
 * Every frame of a pcap or pcapng file, in file order, with its link type.
 * Throws PcapError when the file is malformed.
 */
export function readCapture(bytes: Uint8Array): CaptureFrame[] {
  if (isPcapng(bytes)) return [...readPcapng(bytes).frames];
  const { linkType, records } = readPcap(bytes);
  return records.map((r) => ({ ...r, linkType }));
}
