/**
 * Decoding and encoding of whole DHCPv6 messages: client/server messages
 * (RFC 9915 §8), relay messages (§9) and the options inside them (§21).
 * Decoding is bounds-checked throughout and raises only {@link DecodeError};
 * encoding a decoded message gives back the same bytes, option order and
 * unknown options included.
 * @module
 */
import { Reader, Writer } from "./buffer.ts";
import { HOP_COUNT_LIMIT } from "./constants.ts";
import { DecodeError } from "./decode_error.ts";
import { formatIPv6, parseIPv6 } from "./ipv6.ts";
import { type ClientServerType, isRelayMessage, type Message } from "./message.ts";
import { messageTypeName } from "./names.ts";
import type { DecodeContext, EncodeContext, OptionCodec } from "./options/option_codec.ts";
import { codecsByCode, codecsByName } from "./options/registry.ts";
import type { Option } from "./options/types.ts";

/**
 * How deep options may nest inside one message (IA_PD → IAPREFIX →
 * PD_EXCLUDE is 3). Bounds recursion on hostile input.
 */
export const MAX_OPTION_DEPTH = 8;

/** The size of the client/server message header (RFC 9915 §8). */
export const CLIENT_SERVER_HEADER_LENGTH = 4;
/** The size of the relay message header (RFC 9915 §9). */
export const RELAY_HEADER_LENGTH = 34;

/** How forgiving decoding is. The default is strict: any fault throws. */
export interface DecodeOptions {
  /**
   * Top-level options of a client/server message (RFC 9915 §8) whose code
   * this returns true for are kept as MALFORMED options, with the error,
   * when their body fails its check, instead of failing the whole message.
   * A length that runs past the message, and anything inside another
   * option or a relay message, still throws: the framing cannot be trusted.
   */
  readonly tolerate?: (code: number) => boolean;
}

/**
 * Decodes one DHCPv6 message filling `bytes` (RFC 9915 §8, §9). Throws
 * {@link DecodeError}, with the offset and option code of the fault, for
 * anything malformed (except the options `opts.tolerate` accepts). More
 * than HOP_COUNT_LIMIT (§7.6) relay messages around a message are rejected.
 */
export function decodeMessage(bytes: Uint8Array, opts: DecodeOptions = {}): Message {
  return readMessage(new Reader(bytes, 0, bytes.length, "message"), 0, opts.tolerate);
}

/**
 * Decodes the options filling `bytes[start, end)` (RFC 9915 §21.1). Offsets
 * in errors are relative to `bytes`. `opts.tolerate` applies to the options
 * of the window itself, as to the top-level options of a message.
 */
export function decodeOptions(
  bytes: Uint8Array,
  start = 0,
  end: number = bytes.length,
  opts: DecodeOptions = {},
): Option[] {
  if (start < 0 || end > bytes.length || start > end) {
    throw new RangeError(`window ${start}…${end} is outside ${bytes.length} bytes`);
  }
  return readOptions(new Reader(bytes, start, end, "options"), 1, 0, opts.tolerate);
}

/** Encodes a message (RFC 9915 §8, §9). Throws RangeError/SyntaxError on values that cannot be sent. */
export function encodeMessage(m: Message): Uint8Array {
  const w = new Writer();
  writeMessage(w, m);
  return w.finish();
}

/** Encodes one option with its code and length (RFC 9915 §21.1). */
export function encodeOption(o: Option): Uint8Array {
  const w = new Writer(64);
  writeOption(w, o);
  return w.finish();
}

/** Encodes options back to back (RFC 9915 §21.1). */
export function encodeOptions(options: readonly Option[]): Uint8Array {
  const w = new Writer();
  writeOptions(w, options);
  return w.finish();
}

function readMessage(
  outer: Reader,
  nesting: number,
  tolerate?: (code: number) => boolean,
): Message {
  const start = outer.pos;
  if (outer.remaining < CLIENT_SERVER_HEADER_LENGTH) {
    throw outer.error(
      `a message needs at least ${CLIENT_SERVER_HEADER_LENGTH} bytes, got ${outer.remaining}`,
      start,
    );
  }
  const type = outer.bytes[start]!;
  if (type < 1 || type > 13) {
    throw outer.error(`message type ${type} is not a DHCPv6 client, server or relay type`, start);
  }
  const where = nesting === 0 ? "" : ` at offset ${start}`;
  const r = new Reader(outer.bytes, start, outer.end, `${messageTypeName(type)} message${where}`);
  outer.pos = outer.end;
  r.u8("message type"); // 1 byte: msg-type
  if (type === 12 || type === 13) {
    if (r.remaining < RELAY_HEADER_LENGTH - 1) {
      throw r.error(
        `a relay message needs at least ${RELAY_HEADER_LENGTH} bytes, got ${r.remaining + 1}`,
        start,
      );
    }
    const hopCount = r.u8("hop count"); // 1 byte: hop-count
    const linkAddress = formatIPv6(r.bytesN(16, "link address")); // 16 bytes: link-address
    const peerAddress = formatIPv6(r.bytesN(16, "peer address")); // 16 bytes: peer-address
    const options = readOptions(r, 1, nesting);
    return { type, hopCount, linkAddress, peerAddress, options };
  }
  const transactionId = r.u24("transaction id"); // 3 bytes: transaction-id
  const options = readOptions(r, 1, nesting, nesting === 0 ? tolerate : undefined);
  return { type: type as ClientServerType, transactionId, options };
}

function readOptions(
  r: Reader,
  depth: number,
  nesting: number,
  tolerate?: (code: number) => boolean,
): Option[] {
  if (depth > MAX_OPTION_DEPTH && r.remaining > 0) {
    throw r.error(`options nest more than ${MAX_OPTION_DEPTH} deep`);
  }
  const ctx: DecodeContext = {
    options: (sub) => readOptions(sub, depth + 1, nesting),
    message: (sub) => {
      if (nesting + 1 > HOP_COUNT_LIMIT) {
        throw sub.error(`relayed messages nest more than ${HOP_COUNT_LIMIT} deep`);
      }
      return readMessage(sub, nesting + 1);
    },
  };
  const out: Option[] = [];
  while (r.remaining > 0) {
    const at = r.pos;
    if (r.remaining < 4) {
      throw r.error(
        r.remaining === 1
          ? `1 trailing byte at offset ${at} is too short for an option header`
          : `${r.remaining} trailing bytes at offset ${at} are too short for an option header`,
        at,
      );
    }
    const code = r.u16("option code"); // 2 bytes: option-code
    const len = r.u16("option length"); // 2 bytes: option-len
    const codec = codecsByCode.get(code);
    const label = `${codec?.name ?? `option ${code}`}${codec ? " option" : ""} at offset ${at}`;
    if (len > r.remaining) {
      throw new DecodeError(
        `${label}: length ${len} runs past the end of the ${r.context} (${r.remaining} bytes left)`,
        at + 2,
        code,
      );
    }
    const body = r.sub(len, "option data", label, code);
    if (codec === undefined) {
      out.push({ name: "UNKNOWN", code, data: body.rest() });
      continue;
    }
    const bodyStart = body.pos;
    let option: Option;
    try {
      option = codec.decode(body, ctx);
      body.expectEnd(`the ${codec.name} fields`);
    } catch (e) {
      if (!(e instanceof DecodeError) || !tolerate?.(code)) throw e;
      // The length was within bounds, so the next option still starts where it says.
      option = {
        name: "MALFORMED",
        code,
        data: r.bytes.slice(bodyStart, body.end),
        error: e.message,
      };
    }
    out.push(option);
  }
  return out;
}

const encodeContext: EncodeContext = {
  options: (w, options) => writeOptions(w, options),
  message: (w, m) => writeMessage(w, m),
};

function writeMessage(w: Writer, m: Message): void {
  if (isRelayMessage(m)) {
    w.u8(m.type);
    w.u8(m.hopCount);
    w.bytes(parseIPv6(m.linkAddress));
    w.bytes(parseIPv6(m.peerAddress));
  } else {
    if (!Number.isInteger(m.type) || m.type < 1 || m.type > 11) {
      throw new RangeError(`message type ${m.type} is not a client/server type`);
    }
    w.u8(m.type);
    w.u24(m.transactionId);
  }
  writeOptions(w, m.options);
}

function writeOptions(w: Writer, options: readonly Option[]): void {
  for (const o of options) writeOption(w, o);
}

function writeOption(w: Writer, o: Option): void {
  w.u16(o.code);
  const lengthAt = w.length;
  w.u16(0);
  if (o.name === "UNKNOWN" || o.name === "MALFORMED") {
    w.bytes(o.data);
  } else {
    const codec = codecsByName[o.name] as unknown as OptionCodec<Option> | undefined;
    if (codec === undefined) throw new TypeError(`no encoder for option "${o.name}"`);
    codec.encode(o, w, encodeContext);
  }
  const len = w.length - lengthAt - 2;
  if (len > 0xffff) {
    throw new RangeError(`${o.name} option body is ${len} bytes; at most 65535 fit`);
  }
  w.patchU16(lengthAt, len);
}
