/**
 * The shape of one option's decoder/encoder pair, and the length checks they
 * share (RFC 9915 §21.1: every option is code, length, then `length` bytes).
 * @module
 */
import type { Reader, Writer } from "../buffer.ts";
import type { Message } from "../message.ts";
import type { Option } from "./types.ts";

/** What an option decoder may call back into: nested options and messages. */
export interface DecodeContext {
  /** Decodes the options filling `r`'s window (IA_NA, IAADDR, IA_PD, …). */
  options(r: Reader): Option[];
  /** Decodes the message filling `r`'s window (RELAY_MSG, RFC 9915 §21.10). */
  message(r: Reader): Message;
}

/** What an option encoder may call back into. */
export interface EncodeContext {
  /** Appends options, each with its header. */
  options(w: Writer, options: readonly Option[]): void;
  /** Appends a whole message (RELAY_MSG). */
  message(w: Writer, m: Message): void;
}

/** Decoder and encoder of one option's body (the bytes after code and length, RFC 9915 §21.1). */
export interface OptionCodec<O extends Option> {
  /** The option code on the wire. */
  readonly code: O["code"];
  /** The option's name, the `name` of its {@link Option} variant. */
  readonly name: O["name"];
  /** Decodes the body filling `r`'s window; must consume it all or throw. */
  decode(r: Reader, ctx: DecodeContext): O;
  /** Appends the body; throws RangeError/SyntaxError for values that cannot be sent. */
  encode(o: O, w: Writer, ctx: EncodeContext): void;
}

/** Throws unless the body is exactly `n` bytes long. */
export function exactLength(r: Reader, n: number): void {
  if (r.remaining !== n) throw r.error(`length ${r.remaining} is not ${n}`, r.pos - 2);
}

/** Throws unless the body is at least `n` bytes long. */
export function minLength(r: Reader, n: number): void {
  if (r.remaining < n) throw r.error(`length ${r.remaining} is less than ${n}`, r.pos - 2);
}

/** Throws unless the body length is a multiple of `n`. */
export function multipleLength(r: Reader, n: number): void {
  if (r.remaining % n !== 0) {
    throw r.error(`length ${r.remaining} is not a multiple of ${n}`, r.pos - 2);
  }
}

/** Throws unless the body is at most `n` bytes long. */
export function maxLength(r: Reader, n: number): void {
  if (r.remaining > n) throw r.error(`length ${r.remaining} is more than ${n}`, r.pos - 2);
}

/** UTF-8 decoding that fails on invalid input and keeps a leading BOM. */
const strictUtf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
/** UTF-8 decoding that replaces invalid sequences and keeps a leading BOM. */
const lenientUtf8 = new TextDecoder("utf-8", { ignoreBOM: true });

/** Decodes UTF-8; `valid` says whether re-encoding the text gives `bytes` back. */
export function decodeUtf8(bytes: Uint8Array): { text: string; valid: boolean } {
  try {
    return { text: strictUtf8.decode(bytes), valid: true };
  } catch {
    return { text: lenientUtf8.decode(bytes), valid: false };
  }
}
