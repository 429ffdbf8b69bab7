/**
 * The error a malformed capture file raises.
 * @module
 */

/** A capture file could not be read; carries the file offset of the fault. */
export class PcapError extends SyntaxError {
  /** Byte offset in the file where the fault lies. */
  readonly offset: number;
  /** Builds the error; `offset` is where in the file the fault lies. */
  constructor(message: string, offset: number) {
    super(message);
    this.name = "PcapError";
    this.offset = offset;
  }
}
