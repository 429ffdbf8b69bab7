/**
 * The agent's control socket: a Unix stream socket, mode 0600 (only root may
 * steer the agent), one request and one response per connection. Requests are
 * handed to the event loop through `handler`, which wakes the loop, so the
 * engines are only ever touched from the loop.
 *
 * Any local root process may connect, and a stuck or hostile one must not
 * cost the agent its descriptors or its operators their `edge6 status`:
 *
 * - at most `maxConnections` connections are open at once; one more evicts
 *   the oldest connection that has not finished sending its request, which
 *   is told so (an operator's `status` or `renew` gets through while idle
 *   connections pile up); when every open connection is waiting for its
 *   answer, the new one is refused with an error;
 * - a request must arrive whole within `requestTimeoutMs` of the connection,
 *   or it is answered with an error and closed (a half-written request, an
 *   idle connection);
 * - a request line longer than `maxRequestBytes` is answered with an error
 *   and closed;
 * - an answer the client does not read within `responseTimeoutMs` is
 *   abandoned and the connection closed.
 * @module
 */
import { readControlLine } from "./control_line.ts";
import {
  type ControlRequest,
  type ControlResponse,
  encodeLine,
  MAX_REQUEST_BYTES,
  parseRequest,
} from "./control_protocol.ts";
import { errorText } from "./errors.ts";

/** The control socket's limits; see the module doc. */
export interface ControlLimits {
  /** Connections open at once. */
  readonly maxConnections: number;
  /** Time from accepting a connection to a whole request line, ms. */
  readonly requestTimeoutMs: number;
  /** Time to write an answer, ms. */
  readonly responseTimeoutMs: number;
  /** Longest request line, bytes. */
  readonly maxRequestBytes: number;
}

/**
 * The limits of `edge6 run`: a request is a few dozen bytes sent at once by
 * `edge6 status | renew | …`, so these leave room for a busy operator's
 * scripts and none for a connection left open.
 */
export const DEFAULT_CONTROL_LIMITS: ControlLimits = {
  maxConnections: 16,
  requestTimeoutMs: 5_000,
  responseTimeoutMs: 5_000,
  maxRequestBytes: MAX_REQUEST_BYTES,
};

/** A listening control socket. */
export interface ControlServer {
  /** The socket file's path. */
  readonly path: string;
  /** Connections open now (each holds one descriptor). */
  readonly openConnections: number;
  /** Stops listening and removes the socket file. */
  close(): Promise<void>;
}

/** The control socket belongs to an agent that is running (it accepts connections). */
export class AgentRunningError extends Error {
  /** `path`: the socket file another agent listens on. */
  constructor(path: string) {
    super(`another edge6 agent is running and listening on ${path}`);
    this.name = "AgentRunningError";
  }
}

/** One open connection: still reading its request (evictable), or answering it. */
interface Connection {
  readonly conn: Deno.Conn;
  reading: boolean;
  /** Ends the request read early, with the error to answer. */
  interrupt(why: string): void;
}

/**
 * Listens on `path` (replacing a stale socket file left by a dead agent, but
 * refusing with AgentRunningError one a live agent listens on) and answers
 * each connection with `handler`'s response, within `limits`.
 */
export async function startControlServer(
  path: string,
  handler: (request: ControlRequest) => Promise<ControlResponse>,
  limits: ControlLimits = DEFAULT_CONTROL_LIMITS,
): Promise<ControlServer> {
  const dir = path.slice(0, Math.max(path.lastIndexOf("/"), 1));
  await Deno.mkdir(dir, { recursive: true });
  try {
    const info = await Deno.lstat(path);
    if (!info.isSocket) throw new Error(`${path} exists and is not a socket; not replacing it`);
    if (await answers(path)) {
      throw new AgentRunningError(path);
    }
    await Deno.remove(path);
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
  const listener = Deno.listen({ transport: "unix", path });
  await Deno.chmod(path, 0o600);
  // In accept order: the first reading one is the oldest.
  const connections: Connection[] = [];
  let closed = false;
  const serving = (async () => {
    while (!closed) {
      let conn: Deno.Conn;
      try {
        conn = await listener.accept();
      } catch (error) {
        if (closed || error instanceof Deno.errors.BadResource) return;
        // Out of descriptors (EMFILE) or a transient error: keep listening.
        await new Promise((resolve) => setTimeout(resolve, 100));
        continue;
      }
      if (connections.length >= limits.maxConnections) {
        const oldest = connections.find((c) => c.reading);
        if (oldest === undefined) {
          const busy = `busy: ${connections.length} control connections are waiting for answers`;
          void answerAndClose(conn, { ok: false, error: busy }, limits.responseTimeoutMs);
          continue;
        }
        oldest.interrupt(
          `closed: more than ${limits.maxConnections} control connections were open`,
        );
        oldest.reading = false; // evicted once
      }
      const entry = serveOne(conn, handler, limits);
      connections.push(entry);
      void entry.done.finally(() => {
        const at = connections.indexOf(entry);
        if (at >= 0) connections.splice(at, 1);
      });
    }
  })();
  return {
    path,
    get openConnections() {
      return connections.length;
    },
    async close() {
      closed = true;
      listener.close();
      for (const { conn } of connections) closeQuietly(conn);
      await serving;
      await Deno.remove(path).catch(() => {});
    },
  };
}

/** Whether a process accepts connections on the socket file `path` (a live agent). */
async function answers(path: string): Promise<boolean> {
  try {
    const conn = await Deno.connect({ transport: "unix", path });
    conn.close();
    return true;
  } catch {
    return false;
  }
}

/** Reads one request within the limits, answers it, and closes the connection. */
function serveOne(
  conn: Deno.Conn,
  handler: (request: ControlRequest) => Promise<ControlResponse>,
  limits: ControlLimits,
): Connection & { done: Promise<void> } {
  let interrupt: (why: string) => void = () => {};
  const interrupted = new Promise<string>((resolve) => (interrupt = resolve));
  const timer = setTimeout(
    () => interrupt(`no complete control request within ${limits.requestTimeoutMs} ms`),
    limits.requestTimeoutMs,
  );
  const entry = {
    conn,
    reading: true,
    interrupt: (why: string) => interrupt(why),
    done: Promise.resolve(),
  };
  entry.done = (async () => {
    let response: ControlResponse;
    try {
      const read = await readControlLine(conn, limits.maxRequestBytes, interrupted);
      clearTimeout(timer);
      entry.reading = false;
      if ("error" in read) {
        response = { ok: false, error: read.error };
      } else {
        try {
          response = await handler(parseRequest(read.line));
        } catch (error) {
          response = { ok: false, error: errorText(error) };
        }
      }
    } catch {
      // The client went away, or the server is closing: nothing to answer.
      clearTimeout(timer);
      closeQuietly(conn);
      return;
    }
    await answerAndClose(conn, response, limits.responseTimeoutMs);
  })();
  return entry;
}

/** Writes `response` (giving up after `timeoutMs`) and closes the connection. */
async function answerAndClose(
  conn: Deno.Conn,
  response: ControlResponse,
  timeoutMs: number,
): Promise<void> {
  const bytes = encodeLine(response);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const writing = (async () => {
    let written = 0;
    while (written < bytes.length) written += await conn.write(bytes.subarray(written));
  })();
  try {
    await Promise.race([
      writing,
      new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs))),
    ]);
  } catch {
    // The client went away before its answer: nothing more to do.
  } finally {
    clearTimeout(timer);
    closeQuietly(conn);
    // A write cut short by the close fails; that is expected.
    writing.catch(() => {});
  }
}

function closeQuietly(conn: Deno.Conn): void {
  try {
    conn.close();
  } catch {
    // already closed
  }
}
