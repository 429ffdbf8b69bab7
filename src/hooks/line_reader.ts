/**
 * Reads a child's output stream as lines, so that each line of a hook's
 * stdout or stderr becomes one log message, with the cost bounded whatever
 * the hook writes: a line is kept up to `MAX_LINE` bytes (the rest of it only
 * counted), and once the run's line budget is spent the output is read in
 * fixed buffers and only its size counted, without looking for lines. A hook
 * that writes gigabytes then costs the agent reads into one reused buffer,
 * no memory, and no work per line.
 * @module
 */

/** Longest line passed on, in bytes; the rest of a longer line is counted, not kept. */
export const MAX_LINE = 4096;

/** How many lines one hook run may log, shared by its stdout and stderr. */
export class LineBudget {
  #left: number;
  /** Output bytes read but not logged because the budget was spent. */
  droppedBytes = 0;

  /** A budget of `lines` lines. */
  constructor(lines: number) {
    this.#left = lines;
  }

  /** Takes one line from the budget; false when it is spent. */
  take(): boolean {
    if (this.#left <= 0) return false;
    this.#left--;
    return true;
  }
}

/** A running line reader: `done` settles at end of stream or after `cancel()`. */
export interface LineReader {
  /** Settles when the stream has ended or the reader was cancelled. */
  readonly done: Promise<void>;
  /** Stops reading, passes on a pending partial line, and waits for `done`. */
  cancel(): Promise<void>;
}

/** Size of the buffer each stream is read into. */
const READ_SIZE = 64 * 1024;

/**
 * Calls `onLine` for every line of `stream` while `budget` lasts (UTF-8,
 * invalid bytes replaced by U+FFFD; `\n` or `\r\n` ends a line; a last line
 * without newline counts). `cut` is the number of bytes of that line beyond
 * `MAX_LINE` that were not kept. Output after the budget is spent is counted
 * in `budget.droppedBytes`.
 */
export function readLines(
  stream: ReadableStream<Uint8Array>,
  onLine: (line: string, cut: number) => void,
  budget: LineBudget = new LineBudget(Infinity),
): LineReader {
  const line = new Uint8Array(MAX_LINE + 1); // +1: room for a '\r' before the newline
  let length = 0;
  let cut = 0;
  /** Whether the current line is kept (a budget line taken), dropped, or not started. */
  let current: "keep" | "drop" | undefined;
  const decoder = new TextDecoder();

  const finishLine = () => {
    if (current === "keep") {
      let end = length;
      if (end > 0 && line[end - 1] === 0x0d && cut === 0) end--;
      else if (end > MAX_LINE) {
        cut += end - MAX_LINE;
        end = MAX_LINE;
      }
      if (cut > 0) {
        const kept = completeUtf8(line, end);
        cut += end - kept;
        end = kept;
      }
      onLine(decoder.decode(line.subarray(0, end)), cut);
    }
    length = 0;
    cut = 0;
    current = undefined;
  };

  const consume = (chunk: Uint8Array) => {
    let start = 0;
    while (start < chunk.length) {
      current ??= budget.take() ? "keep" : "drop";
      if (current === "drop") {
        // The budget is spent: from here on only the size of the output is counted.
        budget.droppedBytes += chunk.length - start;
        return;
      }
      const newline = chunk.indexOf(0x0a, start);
      const end = newline < 0 ? chunk.length : newline;
      const room = line.length - length;
      const kept = Math.min(room, end - start);
      line.set(chunk.subarray(start, start + kept), length);
      length += kept;
      cut += end - start - kept;
      if (newline < 0) return;
      finishLine();
      start = newline + 1;
    }
  };

  const chunks = chunkReader(stream);
  const done = (async () => {
    try {
      for (let chunk = await chunks.next(); chunk !== null; chunk = await chunks.next()) {
        consume(chunk);
      }
    } catch {
      // Cancelled or the pipe broke: what was read has been passed on.
    }
    if (current === "keep" && (length > 0 || cut > 0)) finishLine();
  })();
  return {
    done,
    cancel: async () => {
      await chunks.cancel();
      await done;
    },
  };
}

/**
 * Where the bytes before `end` stop being whole UTF-8: a line cut at the
 * length limit should not end in half a character.
 */
function completeUtf8(bytes: Uint8Array, end: number): number {
  let lead = end;
  // At most three continuation bytes (10xxxxxx) follow a lead byte.
  while (lead > 0 && end - lead < 4 && (bytes[lead - 1]! & 0xc0) === 0x80) lead--;
  if (lead === 0) return end;
  const first = bytes[lead - 1]!;
  const needed = first >= 0xf0 ? 4 : first >= 0xe0 ? 3 : first >= 0xc0 ? 2 : 1;
  return end - (lead - 1) < needed ? lead - 1 : end;
}

/**
 * Reads `stream` into one reused buffer when it is a byte stream (a child's
 * pipe is), so that reading allocates nothing per chunk; other streams are
 * read as they come. `next` resolves to null at the end.
 */
function chunkReader(stream: ReadableStream<Uint8Array>): {
  next(): Promise<Uint8Array | null>;
  cancel(): Promise<void>;
} {
  let byob: ReadableStreamBYOBReader | undefined;
  try {
    byob = stream.getReader({ mode: "byob" });
  } catch {
    // Not a byte stream.
  }
  if (byob !== undefined) {
    const reader = byob;
    let buffer = new Uint8Array(READ_SIZE);
    return {
      async next() {
        const { value, done } = await reader.read(buffer);
        if (done || value === undefined) return null;
        // The buffer was transferred into `value`; it is read into again next time.
        buffer = new Uint8Array(value.buffer, 0, READ_SIZE);
        return value;
      },
      cancel: () => reader.cancel().catch(() => {}),
    };
  }
  const reader = stream.getReader();
  return {
    async next() {
      const { value, done } = await reader.read();
      return done ? null : value;
    },
    cancel: () => reader.cancel().catch(() => {}),
  };
}
