/**
 * Log lines on standard error. Under systemd (JOURNAL_STREAM names our
 * stderr) each line starts with its `<N>` syslog severity (sd-daemon(3)), which
 * journald reads as the priority and strips; elsewhere a line carries a UTC
 * timestamp and the level name.
 * @module
 */
import { type Level, SEVERITY } from "./level.ts";
import type { LogSink } from "./sink.ts";

/** How {@link stderrSink} formats and where it writes. */
export interface StderrSinkOptions {
  /** Write `<N>` prefixes for journald instead of timestamps. */
  readonly journal: boolean;
  /** The clock for timestamps; default the system clock. */
  readonly now?: () => Date;
  /** Where a finished line goes; default standard error. */
  readonly write?: (line: string) => void;
}

const encoder = new TextEncoder();

function writeStderr(line: string): void {
  const bytes = encoder.encode(line);
  let done = 0;
  while (done < bytes.length) done += Deno.stderr.writeSync(bytes.subarray(done));
}

/** One formatted line, newline included; see the module doc. */
export function formatStderrLine(
  level: Level,
  message: string,
  journal: boolean,
  now: Date,
): string {
  return journal
    ? `<${SEVERITY[level]}>${message}\n`
    : `${now.toISOString()} ${level}: ${message}\n`;
}

/** A sink writing formatted lines to standard error. */
export function stderrSink(options: StderrSinkOptions): LogSink {
  const now = options.now ?? (() => new Date());
  const write = options.write ?? writeStderr;
  return {
    write(level, message) {
      write(formatStderrLine(level, message, options.journal, now()));
    },
  };
}

/**
 * True when `journalStream` (the JOURNAL_STREAM variable, `device:inode`)
 * names the stream whose device and inode are given: systemd sets it for the
 * service's own stderr, and a process whose stderr was redirected elsewhere
 * must not write `<N>` prefixes into a file or terminal.
 */
export function isJournalStream(
  journalStream: string | undefined,
  stderr: { dev: number; ino: number | null } | undefined,
): boolean {
  if (journalStream === undefined) return false;
  const m = /^(\d+):(\d+)$/.exec(journalStream);
  if (m === null) return false;
  if (stderr === undefined || stderr.ino === null) return true;
  return Number(m[1]) === stderr.dev && Number(m[2]) === stderr.ino;
}
