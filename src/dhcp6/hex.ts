/**
 * Hex text for opaque option bytes (how edge6 shows DUIDs and raw options,
 * and how raw options are written in configuration).
 * @module
 */

/** Lowercase hex of `bytes`, no separators. */
export function toHex(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += b.toString(16).padStart(2, "0");
  return s;
}

/**
 * Parses hex text. Whitespace and `:` / `-` separators between byte pairs
 * are ignored; anything else, or an odd number of digits, throws SyntaxError
 * naming the offending character's index in `text`.
 */
export function fromHex(text: string): Uint8Array {
  const digits: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === " " || c === "\t" || c === "\n" || c === "\r" || c === ":" || c === "-") {
      continue;
    }
    const v = parseInt(c, 16);
    if (Number.isNaN(v)) {
      throw new HexSyntaxError(`"${c}" at index ${i} is not a hex digit`, i);
    }
    digits.push(v);
  }
  if (digits.length % 2 !== 0) {
    throw new HexSyntaxError(`odd number of hex digits (${digits.length})`, text.length);
  }
  const out = new Uint8Array(digits.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = (digits[2 * i]! << 4) | digits[2 * i + 1]!;
  return out;
}

/** A hex parse failure with the index of the offending character. */
export class HexSyntaxError extends SyntaxError {
  /** Index in the text where the fault lies. */
  readonly index: number;
  /** Builds the error; `index` is the offending character's index in the text. */
  constructor(message: string, index: number) {
    super(message);
    this.name = "HexSyntaxError";
    this.index = index;
  }
}
