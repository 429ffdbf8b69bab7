/**
 * Reading one line of the control protocol (`control_protocol.ts`) from a
 * Unix stream connection, bounded in size and, on the agent's side, in time:
 * the peer is untrusted and may send too much, or too little and wait.
 * @module
 */

/** A line read, or why none could be. */
export type LineRead =
  | { readonly line: string }
  | { readonly error: string };

/** The bytes a stream connection offers. */
export interface LineSource {
  /** Reads into `buffer`; resolves to the byte count, or null at end of stream. */
  read(buffer: Uint8Array): Promise<number | null>;
}

/**
 * Reads up to the first newline, or to the end of the stream (a peer that
 * shut its side down after an unterminated line). More than `maxBytes`
 * before the newline is an error, and so is `interrupt` settling first (a
 * deadline, or the server needing the connection back): its value says why.
 * Bytes after the newline are ignored.
 */
export async function readControlLine(
  conn: LineSource,
  maxBytes: number,
  interrupt?: Promise<string>,
): Promise<LineRead> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  const buffer = new Uint8Array(4096);
  for (;;) {
    const reading = conn.read(buffer);
    let n: number | null;
    if (interrupt === undefined) {
      n = await reading;
    } else {
      // The read stays pending until the connection is closed; its outcome then is of no interest.
      reading.catch(() => {});
      const first = await Promise.race([
        reading.then((count) => ({ count })),
        interrupt.then((why) => ({ why })),
      ]);
      if ("why" in first) return { error: first.why };
      n = first.count;
    }
    if (n === null) break;
    const chunk = buffer.slice(0, n);
    const newline = chunk.indexOf(0x0a);
    const kept = newline < 0 ? chunk : chunk.subarray(0, newline);
    if (total + kept.length > maxBytes) {
      return { error: `control line longer than ${maxBytes} bytes` };
    }
    chunks.push(kept);
    total += kept.length;
    if (newline >= 0) break;
  }
  const all = new Uint8Array(total);
  let offset = 0;
  for (const c of chunks) {
    all.set(c, offset);
    offset += c.length;
  }
  return { line: new TextDecoder().decode(all) };
}
