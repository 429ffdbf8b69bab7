/**
 * Bounds-checked byte reader and growable byte writer for the DHCPv6 wire
 * format (RFC 9915 §8, §9, §21.1: every field is in network byte order).
 * @module
 */
import { DecodeError } from "./decode_error.ts";

/**
 * Reads big-endian fields from a window of a byte array. Every read checks
 * the window first and throws {@link DecodeError} carrying the absolute
 * offset in the outermost message and the code of the option being read, so
 * no `RangeError` from a `DataView` can ever escape (RFC 9915 §16).
 */
export class Reader {
  /** The whole outermost message; offsets are absolute within it. */
  readonly bytes: Uint8Array;
  /** Absolute offset of the next byte to read. */
  pos: number;
  /** Absolute offset one past the last byte of this window. */
  readonly end: number;
  /** Describes the window in errors, e.g. "IA_NA option at offset 4". */
  readonly context: string;
  /** The option code being decoded, if any. */
  readonly optionCode: number | undefined;

  /** A reader over `bytes[start, end)`; `context` and `optionCode` label its errors. */
  constructor(
    bytes: Uint8Array,
    start = 0,
    end = bytes.length,
    context = "message",
    optionCode?: number,
  ) {
    this.bytes = bytes;
    this.pos = start;
    this.end = end;
    this.context = context;
    this.optionCode = optionCode;
  }

  /** Bytes left in the window. */
  get remaining(): number {
    return this.end - this.pos;
  }

  /** Builds a {@link DecodeError} for this window at `offset` (default: the current position). */
  error(detail: string, offset: number = this.pos): DecodeError {
    return new DecodeError(`${this.context}: ${detail}`, offset, this.optionCode);
  }

  /** Throws unless `n` more bytes are available; `what` names the field. */
  need(n: number, what: string): void {
    if (n > this.remaining) {
      throw this.error(
        `${what} needs ${n} byte${n === 1 ? "" : "s"} but only ${this.remaining} remain`,
      );
    }
  }

  /** Reads one byte. */
  u8(what = "byte"): number {
    this.need(1, what);
    return this.bytes[this.pos++]!;
  }

  /** Reads a 16-bit unsigned integer. */
  u16(what = "16-bit field"): number {
    this.need(2, what);
    const b = this.bytes;
    const v = (b[this.pos]! << 8) | b[this.pos + 1]!;
    this.pos += 2;
    return v;
  }

  /** Reads a 24-bit unsigned integer (the transaction id, RFC 9915 §8). */
  u24(what = "24-bit field"): number {
    this.need(3, what);
    const b = this.bytes;
    const v = (b[this.pos]! << 16) | (b[this.pos + 1]! << 8) | b[this.pos + 2]!;
    this.pos += 3;
    return v;
  }

  /** Reads a 32-bit unsigned integer. */
  u32(what = "32-bit field"): number {
    this.need(4, what);
    const b = this.bytes;
    const v = (b[this.pos]! * 0x1000000) +
      ((b[this.pos + 1]! << 16) | (b[this.pos + 2]! << 8) | b[this.pos + 3]!);
    this.pos += 4;
    return v;
  }

  /** Reads a 64-bit unsigned integer. */
  u64(what = "64-bit field"): bigint {
    this.need(8, what);
    const hi = this.u32(what);
    const lo = this.u32(what);
    return (BigInt(hi) << 32n) | BigInt(lo);
  }

  /** Reads `n` bytes as a copy. */
  bytesN(n: number, what = "data"): Uint8Array {
    this.need(n, what);
    const out = this.bytes.slice(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  /** Reads everything left in the window as a copy. */
  rest(): Uint8Array {
    return this.bytesN(this.remaining);
  }

  /**
   * Returns a reader over the next `n` bytes and skips past them. The new
   * window carries its own context for errors.
   */
  sub(n: number, what: string, context: string, optionCode?: number): Reader {
    this.need(n, what);
    const r = new Reader(this.bytes, this.pos, this.pos + n, context, optionCode);
    this.pos += n;
    return r;
  }

  /** Throws if any bytes are left: `what` says what the window should have held. */
  expectEnd(what: string): void {
    if (this.remaining !== 0) {
      throw this.error(
        `${this.remaining} trailing byte${this.remaining === 1 ? "" : "s"} after ${what}`,
      );
    }
  }
}

/** Appends big-endian fields to a growable buffer. */
export class Writer {
  #buf: Uint8Array;
  #len = 0;

  /** An empty writer; the buffer starts at `initialSize` bytes and doubles as needed. */
  constructor(initialSize = 256) {
    this.#buf = new Uint8Array(initialSize);
  }

  /** Bytes written so far. */
  get length(): number {
    return this.#len;
  }

  #reserve(n: number): void {
    if (this.#len + n <= this.#buf.length) return;
    let size = this.#buf.length * 2;
    while (size < this.#len + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.#buf.subarray(0, this.#len));
    this.#buf = next;
  }

  /** Appends one byte; throws RangeError if `v` is not 0…255. */
  u8(v: number): void {
    checkUint(v, 0xff, "8-bit");
    this.#reserve(1);
    this.#buf[this.#len++] = v;
  }

  /** Appends a 16-bit unsigned integer. */
  u16(v: number): void {
    checkUint(v, 0xffff, "16-bit");
    this.#reserve(2);
    this.#buf[this.#len++] = v >>> 8;
    this.#buf[this.#len++] = v & 0xff;
  }

  /** Appends a 24-bit unsigned integer. */
  u24(v: number): void {
    checkUint(v, 0xffffff, "24-bit");
    this.#reserve(3);
    this.#buf[this.#len++] = v >>> 16;
    this.#buf[this.#len++] = (v >>> 8) & 0xff;
    this.#buf[this.#len++] = v & 0xff;
  }

  /** Appends a 32-bit unsigned integer. */
  u32(v: number): void {
    checkUint(v, 0xffffffff, "32-bit");
    this.#reserve(4);
    this.#buf[this.#len++] = v >>> 24;
    this.#buf[this.#len++] = (v >>> 16) & 0xff;
    this.#buf[this.#len++] = (v >>> 8) & 0xff;
    this.#buf[this.#len++] = v & 0xff;
  }

  /** Appends a 64-bit unsigned integer. */
  u64(v: bigint): void {
    if (v < 0n || v > 0xffffffffffffffffn) {
      throw new RangeError(`${v} is not a 64-bit unsigned integer`);
    }
    this.u32(Number(v >> 32n));
    this.u32(Number(v & 0xffffffffn));
  }

  /** Appends raw bytes. */
  bytes(b: Uint8Array): void {
    this.#reserve(b.length);
    this.#buf.set(b, this.#len);
    this.#len += b.length;
  }

  /** Overwrites a 16-bit field already written at `at` (used to patch lengths). */
  patchU16(at: number, v: number): void {
    checkUint(v, 0xffff, "16-bit");
    if (at < 0 || at + 2 > this.#len) throw new RangeError(`patch offset ${at} out of range`);
    this.#buf[at] = v >>> 8;
    this.#buf[at + 1] = v & 0xff;
  }

  /** A copy of the bytes written. */
  finish(): Uint8Array {
    return this.#buf.slice(0, this.#len);
  }
}

function checkUint(v: number, max: number, what: string): void {
  if (!Number.isInteger(v) || v < 0 || v > max) {
    throw new RangeError(`${v} is not a ${what} unsigned integer`);
  }
}
