/**
 * A small leveled logger: messages below the threshold cost one comparison,
 * everything written is escaped to a single line first.
 * @module
 */
import { escapeForLog } from "./escape.ts";
import { type Level, passes } from "./level.ts";
import type { LogSink } from "./sink.ts";

/** A leveled logger writing to one sink. */
export class Logger {
  #sink: LogSink;
  // Shared with child loggers, so that one change of threshold reaches all.
  #shared: { threshold: Level };
  #prefix: string;

  /** A logger writing messages at `threshold` or more severe to `sink`. */
  constructor(sink: LogSink, threshold: Level, prefix = "") {
    this.#sink = sink;
    this.#shared = { threshold };
    this.#prefix = prefix;
  }

  /** The current threshold. */
  get threshold(): Level {
    return this.#shared.threshold;
  }

  /**
   * Changes the threshold (for example on SIGHUP with a new configuration),
   * for this logger, its parent and all its children.
   */
  set threshold(level: Level) {
    this.#shared.threshold = level;
  }

  /** True when a message at `level` would be written: guard costly messages with it. */
  enabled(level: Level): boolean {
    return passes(level, this.#shared.threshold);
  }

  /** Writes `message` at `level` if it passes the threshold. */
  log(level: Level, message: string): void {
    if (!passes(level, this.#shared.threshold)) return;
    try {
      this.#sink.write(level, escapeForLog(this.#prefix + message));
    } catch {
      // A log that cannot be written must not stop the agent.
    }
  }

  /** Logs at error level. */
  error(message: string): void {
    this.log("error", message);
  }
  /** Logs at warning level. */
  warn(message: string): void {
    this.log("warn", message);
  }
  /** Logs at notice level. */
  notice(message: string): void {
    this.log("notice", message);
  }
  /** Logs at informational level. */
  info(message: string): void {
    this.log("info", message);
  }
  /** Logs at debug level. */
  debug(message: string): void {
    this.log("debug", message);
  }

  /**
   * A logger sharing this one's sink and threshold whose messages start with
   * `prefix` (e.g. `"eth0: "`).
   */
  child(prefix: string): Logger {
    const c = new Logger(this.#sink, this.#shared.threshold, this.#prefix + prefix);
    c.#shared = this.#shared;
    return c;
  }

  /** Closes the sink. */
  close(): void {
    this.#sink.close?.();
  }
}
