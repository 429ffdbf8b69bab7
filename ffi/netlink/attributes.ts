/**
 * Netlink attributes (`struct rtattr` / `struct nlattr`, rtnetlink(7)):
 * `u16 rta_len` (header + data, unpadded), `u16 rta_type`, data, padding to 4.
 * @module
 */
import { HOST_LE } from "../host_order.ts";

/** Size of the attribute header. */
export const RTA_HEADER_SIZE = 4;

/** RTA_ALIGN: round up to 4 bytes. */
export function rtaAlign(length: number): number {
  return (length + 3) & ~3;
}

/** Encodes one attribute with padding. */
export function encodeAttribute(type: number, data: Uint8Array): Uint8Array<ArrayBuffer> {
  const length = RTA_HEADER_SIZE + data.length;
  if (length > 0xffff) throw new RangeError(`attribute ${type}: ${data.length} bytes is too long`);
  const out = new Uint8Array(rtaAlign(length));
  const view = new DataView(out.buffer);
  view.setUint16(0, length, HOST_LE);
  view.setUint16(2, type, HOST_LE);
  out.set(data, RTA_HEADER_SIZE);
  return out;
}

/** Encodes a u32 attribute (host order). */
export function encodeU32Attribute(type: number, value: number): Uint8Array<ArrayBuffer> {
  const data = new Uint8Array(4);
  new DataView(data.buffer).setUint32(0, value, HOST_LE);
  return encodeAttribute(type, data);
}

/** Concatenates byte arrays (a fixed header and its attributes). */
export { concatBytes } from "../../src/dhcp6/bytes.ts";

/**
 * Parses a run of attributes into a map from type to data (the last wins for
 * a repeated type; the nested and byte-order flag bits are masked off).
 * @throws {RangeError} naming the offset of an attribute whose length is impossible.
 */
export function parseAttributes(bytes: Uint8Array): Map<number, Uint8Array> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  const out = new Map<number, Uint8Array>();
  let offset = 0;
  while (offset + RTA_HEADER_SIZE <= bytes.length) {
    const length = view.getUint16(offset, HOST_LE);
    if (length < RTA_HEADER_SIZE || length > bytes.length - offset) {
      throw new RangeError(
        `attribute at offset ${offset}: rta_len ${length} outside 4..${bytes.length - offset}`,
      );
    }
    const type = view.getUint16(offset + 2, HOST_LE) & 0x3fff;
    out.set(type, bytes.subarray(offset + RTA_HEADER_SIZE, offset + length));
    offset += rtaAlign(length);
  }
  return out;
}

/** Reads a u32 attribute value, checking its size. */
export function attributeU32(data: Uint8Array, what: string): number {
  if (data.length < 4) throw new RangeError(`${what}: expected 4 bytes, got ${data.length}`);
  return new DataView(data.buffer, data.byteOffset, data.length).getUint32(0, HOST_LE);
}

/** Reads a NUL-terminated string attribute. */
export function attributeString(data: Uint8Array): string {
  const end = data.indexOf(0);
  return new TextDecoder().decode(end < 0 ? data : data.subarray(0, end));
}
