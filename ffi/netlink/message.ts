/**
 * Netlink message framing (netlink(7)): `struct nlmsghdr`, splitting a receive
 * buffer into messages, and decoding NLMSG_ERROR acknowledgements.
 *
 * ```
 * nlmsghdr (16 bytes, host order)
 * 0  u32 nlmsg_len    header + payload, unpadded
 * 4  u16 nlmsg_type
 * 6  u16 nlmsg_flags
 * 8  u32 nlmsg_seq
 * 12 u32 nlmsg_pid
 * 16 payload, padded to 4 bytes (NLMSG_ALIGN)
 * ```
 * @module
 */
import { HOST_LE } from "../host_order.ts";
import { parseAttributes } from "./attributes.ts";
import { NLM_F_ACK_TLVS, NLM_F_CAPPED, NLMSG_ERROR, NLMSGERR_ATTR_MSG } from "./constants.ts";

/** Size of `struct nlmsghdr`. */
export const NLMSG_HEADER_SIZE = 16;

/** NLMSG_ALIGN: round up to 4 bytes. */
export function nlmsgAlign(length: number): number {
  return (length + 3) & ~3;
}

/** One netlink message: header fields and its payload. */
export interface NetlinkMessage {
  /** Message type (NLMSG_* or RTM_*). */
  readonly type: number;
  /** NLM_F_* flags. */
  readonly flags: number;
  /** Sequence number the request carried. */
  readonly seq: number;
  /** Port id of the sender (0: the kernel). */
  readonly pid: number;
  /** The bytes after the header, `nlmsg_len - 16` of them. */
  readonly payload: Uint8Array;
}

/** Encodes one message: header, payload, padding. */
export function encodeNetlinkMessage(
  message: Omit<NetlinkMessage, "payload"> & { readonly payload: Uint8Array },
): Uint8Array<ArrayBuffer> {
  const length = NLMSG_HEADER_SIZE + message.payload.length;
  const out = new Uint8Array(nlmsgAlign(length));
  const view = new DataView(out.buffer);
  view.setUint32(0, length, HOST_LE);
  view.setUint16(4, message.type, HOST_LE);
  view.setUint16(6, message.flags, HOST_LE);
  view.setUint32(8, message.seq, HOST_LE);
  view.setUint32(12, message.pid, HOST_LE);
  out.set(message.payload, NLMSG_HEADER_SIZE);
  return out;
}

/**
 * Splits a received buffer into messages (NLMSG_OK / NLMSG_NEXT).
 * @throws {RangeError} naming the offset of a header whose length is impossible.
 */
export function parseNetlinkMessages(bytes: Uint8Array): NetlinkMessage[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  const out: NetlinkMessage[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    if (bytes.length - offset < NLMSG_HEADER_SIZE) {
      throw new RangeError(
        `netlink message at offset ${offset}: ${bytes.length - offset} bytes left, header needs 16`,
      );
    }
    const length = view.getUint32(offset, HOST_LE);
    if (length < NLMSG_HEADER_SIZE || length > bytes.length - offset) {
      throw new RangeError(
        `netlink message at offset ${offset}: nlmsg_len ${length} outside 16..${
          bytes.length - offset
        }`,
      );
    }
    out.push({
      type: view.getUint16(offset + 4, HOST_LE),
      flags: view.getUint16(offset + 6, HOST_LE),
      seq: view.getUint32(offset + 8, HOST_LE),
      pid: view.getUint32(offset + 12, HOST_LE),
      payload: bytes.subarray(offset + NLMSG_HEADER_SIZE, offset + length),
    });
    offset += nlmsgAlign(length);
  }
  return out;
}

/** A decoded NLMSG_ERROR: `errno` 0 is a positive acknowledgement. */
export interface NetlinkAck {
  /** The positive errno (the kernel sends it negated); 0 for success. */
  readonly errno: number;
  /** Type of the request being answered. */
  readonly requestType: number;
  /** Sequence number of the request being answered. */
  readonly requestSeq: number;
  /** The kernel's extended-ack message, if it sent one. */
  readonly message: string | undefined;
}

/**
 * Decodes the payload of an NLMSG_ERROR message (`struct nlmsgerr`: i32 error,
 * then the request's header, then — unless NLM_F_CAPPED — the request's
 * payload, then — with NLM_F_ACK_TLVS — extended-ack attributes).
 * @throws {RangeError} if the payload is too short.
 */
export function decodeAck(message: NetlinkMessage): NetlinkAck {
  if (message.type !== NLMSG_ERROR) {
    throw new RangeError(`message type ${message.type} is not NLMSG_ERROR`);
  }
  const payload = message.payload;
  if (payload.length < 4 + NLMSG_HEADER_SIZE) {
    throw new RangeError(`NLMSG_ERROR payload of ${payload.length} bytes, expected at least 20`);
  }
  const view = new DataView(payload.buffer, payload.byteOffset, payload.length);
  const error = view.getInt32(0, HOST_LE);
  const requestLength = view.getUint32(4, HOST_LE);
  let text: string | undefined;
  if (message.flags & NLM_F_ACK_TLVS) {
    const tlvStart = 4 +
      ((message.flags & NLM_F_CAPPED)
        ? NLMSG_HEADER_SIZE
        : nlmsgAlign(Math.max(requestLength, NLMSG_HEADER_SIZE)));
    if (tlvStart <= payload.length) {
      const raw = parseAttributes(payload.subarray(tlvStart)).get(NLMSGERR_ATTR_MSG);
      if (raw !== undefined) {
        const end = raw.indexOf(0);
        text = new TextDecoder().decode(end < 0 ? raw : raw.subarray(0, end));
      }
    }
  }
  return {
    errno: error === 0 ? 0 : -error,
    requestType: view.getUint16(8, HOST_LE),
    requestSeq: view.getUint32(12, HOST_LE),
    message: text,
  };
}
