/**
 * Reads a child's output stream as lines, so that each line of a hook's
 * stdout or stderr becomes one log message.
 * @module
 */

/** Longest line passed on; longer lines are passed on in pieces of this size. */
export const MAX_LINE = 4096;

/** A running line reader: `done` settles at end of stream or after `cancel()`. */
export interface LineReader {
  /** Settles when the stream has ended or the reader was cancelled. */
  readonly done: Promise<void>;
  /** Stops reading, passes on a pending partial line, and waits for `done`. */
  cancel(): Promise<void>;
}

/**
 * Calls `onLine` for every line of `stream` (UTF-8, invalid bytes replaced by
 * U+FFFD; `\n` or `\r\n` ends a line; a last line without newline counts).
 */
export function readLines(
  stream: ReadableStream<Uint8Array>,
  onLine: (line: string) => void,
): LineReader {
  const reader = stream.pipeThrough(new TextDecoderStream()).getReader();
  let pending = "";
  const emit = (line: string) => {
    const text = line.endsWith("\r") ? line.slice(0, -1) : line;
    for (let i = 0; i < text.length || i === 0; i += MAX_LINE) onLine(text.slice(i, i + MAX_LINE));
  };
  const done = (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        pending += value;
        let nl: number;
        while ((nl = pending.indexOf("\n")) >= 0) {
          emit(pending.slice(0, nl));
          pending = pending.slice(nl + 1);
        }
        while (pending.length > MAX_LINE) {
          onLine(pending.slice(0, MAX_LINE));
          pending = pending.slice(MAX_LINE);
        }
      }
    } catch {
      // Cancelled or the pipe broke: what was read has been passed on.
    }
    if (pending.length > 0) emit(pending);
    pending = "";
  })();
  return {
    done,
    cancel: async () => {
      await reader.cancel().catch(() => {});
      await done;
    },
  };
}
