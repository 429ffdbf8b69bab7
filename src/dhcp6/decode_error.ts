/**
 * The one error type the codec raises for malformed input (RFC 9915 §16: a
 * malformed message is discarded).
 * @module
 */

/**
 * A message or option could not be decoded (RFC 9915 §16: the message is
 * discarded); carries where and in which option.
 */
export class DecodeError extends Error {
  /** Byte offset from the start of the outermost message where the fault lies. */
  readonly offset: number;
  /** The option code being decoded, if the fault lies inside an option. */
  readonly optionCode: number | undefined;

  /** An error with `message`, at byte `offset`, inside option `optionCode` if given. */
  constructor(message: string, offset: number, optionCode?: number) {
    super(message);
    this.name = "DecodeError";
    this.offset = offset;
    this.optionCode = optionCode;
  }
}
