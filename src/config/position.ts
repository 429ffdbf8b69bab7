/**
 * Where a key of a configuration sits in its source text.
 * @module
 */

/** A 1-based line and column, and the file when it differs from the main one (includes). */
export interface SourcePosition {
  readonly line: number;
  readonly col: number;
  readonly file?: string;
}

/** Positions by key path text (see `formatPath`). */
export type PositionMap = ReadonlyMap<string, SourcePosition>;
