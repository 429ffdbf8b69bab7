/**
 * Where a key of a configuration sits in its source text.
 * @module
 */

/** A 1-based line and column, and the file when it differs from the main one (includes). */
export interface SourcePosition {
  /** 1-based line. */
  readonly line: number;
  /** 1-based column. */
  readonly col: number;
  /** The included file the key comes from; absent for the main file. */
  readonly file?: string;
}

/** Positions by key path text (see `formatPath`). */
export type PositionMap = ReadonlyMap<string, SourcePosition>;
