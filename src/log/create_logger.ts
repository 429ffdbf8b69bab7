/**
 * Builds the agent's logger from its configuration and command line.
 * @module
 */
import { type Level, levelForVerbosity, passes } from "./level.ts";
import { Logger } from "./logger.ts";
import type { LogSink } from "./sink.ts";
import { isJournalStream, stderrSink } from "./stderr_sink.ts";
import { fileSink } from "./file_sink.ts";
import { type FacilityName, loadSyslogApi, type SyslogApi, syslogSink } from "./syslog_sink.ts";

/** Where and how much to log. */
export interface LoggerOptions {
  /** The configured level (`log_level`); default `notice`. */
  readonly level?: Level;
  /** The count of `-d` (1) / `-D` (2) flags; it can only make the log more verbose. */
  readonly verbosity?: number;
  /** `stderr` (default), `syslog`, or the absolute path of a file to append to. */
  readonly target?: "stderr" | "syslog" | `/${string}`;
  /** Syslog facility; default `daemon`. */
  readonly facility?: FacilityName;
  /** Syslog identity; default `edge6`. */
  readonly ident?: string;
  /** Reads an environment variable; default `Deno.env.get`. */
  readonly env?: (name: string) => string | undefined;
  /** Replaces the sink entirely (tests). */
  readonly sink?: LogSink;
  /** Replaces the syslog binding (tests). */
  readonly syslogApi?: () => Promise<SyslogApi>;
}

/**
 * The configured level, or with `-d` / `-D` the more verbose of it and the
 * level the flags ask for.
 */
export function effectiveLevel(level: Level, verbosity: number): Level {
  if (verbosity <= 0) return level;
  const fromFlags = levelForVerbosity(verbosity);
  return passes(fromFlags, level) ? level : fromFlags;
}

/**
 * A logger per `options`: the syslog binding is loaded only for the syslog
 * target; on stderr, `<N>` prefixes are used when JOURNAL_STREAM names stderr;
 * a file target is opened at once (and throws if it cannot be).
 */
export async function createLogger(options: LoggerOptions = {}): Promise<Logger> {
  const level = effectiveLevel(options.level ?? "notice", options.verbosity ?? 0);
  if (options.sink) return new Logger(options.sink, level);
  if (options.target === "syslog") {
    const api = await (options.syslogApi ?? loadSyslogApi)();
    return new Logger(
      syslogSink(api, options.ident ?? "edge6", options.facility ?? "daemon"),
      level,
    );
  }
  if (options.target?.startsWith("/")) return new Logger(fileSink(options.target), level);
  const env = options.env ?? ((name: string) => Deno.env.get(name));
  let stat: { dev: number; ino: number | null } | undefined;
  try {
    // Follows the descriptor's magic link to the pipe, socket or file itself.
    stat = Deno.statSync("/proc/self/fd/2");
  } catch {
    stat = undefined;
  }
  return new Logger(stderrSink({ journal: isJournalStream(env("JOURNAL_STREAM"), stat) }), level);
}
