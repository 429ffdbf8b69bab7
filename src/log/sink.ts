/**
 * The interface between the logger and where its lines go.
 * @module
 */
import type { Level } from "./level.ts";

/**
 * Receives each message that passed the threshold, already escaped to one
 * line. Sinks must not throw: a log that cannot be written is dropped.
 */
export interface LogSink {
  /** Writes one message at `level`; never throws. */
  write(level: Level, message: string): void;
  /** Releases what the sink holds (e.g. closes the system log). */
  close?(): void;
}

/** A sink that keeps every line in memory, for tests. */
export class MemorySink implements LogSink {
  /** The lines written so far, oldest first. */
  readonly lines: { level: Level; message: string }[] = [];
  /** Records one line. */
  write(level: Level, message: string): void {
    this.lines.push({ level, message });
  }
}
