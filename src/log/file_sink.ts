/**
 * Log lines appended to a file (`log_target = "/var/log/edge6.log"`), in the
 * format of standard error outside systemd: a UTC timestamp, the level, the
 * message. A file moved away by a log rotator is noticed at the next line
 * and a new one is created in its place, so no "copytruncate" is needed.
 * @module
 */
import type { Level } from "./level.ts";
import type { LogSink } from "./sink.ts";
import { formatStderrLine } from "./stderr_sink.ts";

/** How {@link fileSink} stamps its lines. */
export interface FileSinkOptions {
  /** The clock for timestamps; default the system clock. */
  readonly now?: () => Date;
}

const encoder = new TextEncoder();

/** Opens `path` for appending (mode 0640), creating it if needed. */
function open(path: string): Deno.FsFile {
  return Deno.openSync(path, { append: true, create: true, mode: 0o640 });
}

/**
 * A sink appending to `path`. The file is opened at once, so that a file
 * that cannot be written is an error at start rather than a silent log.
 */
export function fileSink(path: string, options: FileSinkOptions = {}): LogSink {
  const now = options.now ?? (() => new Date());
  let file = open(path);
  let inode = file.statSync().ino;
  /** Reopens the file when the path no longer names the one held open. */
  const current = (): Deno.FsFile => {
    let ino: number | null | undefined;
    try {
      ino = Deno.statSync(path).ino;
    } catch {
      ino = undefined;
    }
    if (ino !== inode) {
      const next = open(path);
      file.close();
      file = next;
      inode = file.statSync().ino;
    }
    return file;
  };
  return {
    write(level: Level, message: string) {
      try {
        const target = current();
        const bytes = encoder.encode(formatStderrLine(level, message, false, now()));
        let done = 0;
        while (done < bytes.length) done += target.writeSync(bytes.subarray(done));
      } catch {
        // A full disk or a vanished directory: the line is lost, the agent goes on.
      }
    },
    close() {
      file.close();
    },
  };
}
