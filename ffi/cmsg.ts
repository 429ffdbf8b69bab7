/**
 * Ancillary data (control messages, `struct cmsghdr`, cmsg(3), RFC 3542 §20)
 * building and parsing for 64-bit Linux.
 *
 * Each control message:
 * ```
 * 0  u64 cmsg_len    header + data length, unpadded
 * 8  i32 cmsg_level  e.g. IPPROTO_IPV6
 * 12 i32 cmsg_type   e.g. IPV6_PKTINFO
 * 16 data, then padding to an 8-byte boundary (CMSG_ALIGN)
 * ```
 * @module
 */
import { HOST_LE } from "./host_order.ts";

/** Size of `struct cmsghdr` on LP64 Linux. */
export const CMSG_HEADER_SIZE = 16;

/** CMSG_ALIGN: round up to the 8-byte alignment of `size_t`. */
export function cmsgAlign(length: number): number {
  return (length + 7) & ~7;
}

/** CMSG_SPACE: bytes one message with `dataLength` data occupies in a buffer. */
export function cmsgSpace(dataLength: number): number {
  return CMSG_HEADER_SIZE + cmsgAlign(dataLength);
}

/** CMSG_LEN: the `cmsg_len` value for `dataLength` data bytes. */
export function cmsgLen(dataLength: number): number {
  return CMSG_HEADER_SIZE + dataLength;
}

/** One control message. */
export interface ControlMessage {
  /** Protocol level (`IPPROTO_IPV6`, `SOL_SOCKET`). */
  readonly level: number;
  /** Message type at that level (`IPV6_PKTINFO`). */
  readonly type: number;
  /** The payload. */
  readonly data: Uint8Array;
}

/** Builds a control buffer holding `messages` in order, each padded to CMSG_SPACE. */
export function buildControl(messages: readonly ControlMessage[]): Uint8Array<ArrayBuffer> {
  const total = messages.reduce((sum, m) => sum + cmsgSpace(m.data.length), 0);
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  let offset = 0;
  for (const m of messages) {
    view.setBigUint64(offset, BigInt(cmsgLen(m.data.length)), HOST_LE);
    view.setInt32(offset + 8, m.level, HOST_LE);
    view.setInt32(offset + 12, m.type, HOST_LE);
    out.set(m.data, offset + CMSG_HEADER_SIZE);
    offset += cmsgSpace(m.data.length);
  }
  return out;
}

/**
 * Parses the control buffer the kernel returned (`msg_controllen` bytes of it).
 * @throws {RangeError} naming the offset of a header whose length does not fit.
 */
export function parseControl(bytes: Uint8Array): ControlMessage[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  const out: ControlMessage[] = [];
  let offset = 0;
  while (offset + CMSG_HEADER_SIZE <= bytes.length) {
    const length = Number(view.getBigUint64(offset, HOST_LE));
    if (length < CMSG_HEADER_SIZE || offset + length > bytes.length) {
      throw new RangeError(
        `control message at offset ${offset}: cmsg_len ${length} does not fit in ${
          bytes.length - offset
        } remaining bytes (minimum ${CMSG_HEADER_SIZE})`,
      );
    }
    out.push({
      level: view.getInt32(offset + 8, HOST_LE),
      type: view.getInt32(offset + 12, HOST_LE),
      data: bytes.slice(offset + CMSG_HEADER_SIZE, offset + length),
    });
    offset += cmsgAlign(length);
  }
  return out;
}
