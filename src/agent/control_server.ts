/**
 * The agent's control socket: a Unix stream socket, mode 0600 (only root may
 * steer the agent), one request and one response per connection. Requests are
 * handed to the event loop through `handler`, which wakes the loop, so the
 * engines are only ever touched from the loop.
 * @module
 */
import {
  type ControlRequest,
  type ControlResponse,
  encodeLine,
  MAX_REQUEST_BYTES,
  parseRequest,
} from "./control_protocol.ts";

/** A listening control socket. */
export interface ControlServer {
  /** The socket file's path. */
  readonly path: string;
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

/**
 * Listens on `path` (replacing a stale socket file left by a dead agent, but
 * refusing with AgentRunningError one a live agent listens on) and answers each connection with `handler`'s response.
 */
export async function startControlServer(
  path: string,
  handler: (request: ControlRequest) => Promise<ControlResponse>,
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
  const connections = new Set<Deno.Conn>();
  const serving = (async () => {
    for await (const conn of listener) {
      connections.add(conn);
      serveOne(conn, handler).finally(() => connections.delete(conn));
    }
  })().catch(() => {});
  return {
    path,
    async close() {
      listener.close();
      for (const conn of connections) {
        try {
          conn.close();
        } catch {
          // already closed
        }
      }
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

async function serveOne(
  conn: Deno.Conn,
  handler: (request: ControlRequest) => Promise<ControlResponse>,
): Promise<void> {
  try {
    const line = await readLine(conn);
    let response: ControlResponse;
    try {
      response = await handler(parseRequest(line));
    } catch (error) {
      response = { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
    const bytes = encodeLine(response);
    let written = 0;
    while (written < bytes.length) written += await conn.write(bytes.subarray(written));
  } catch {
    // The client went away; nothing to answer.
  } finally {
    try {
      conn.close();
    } catch {
      // already closed
    }
  }
}

/** Reads up to the first newline (or end of stream), at most MAX_REQUEST_BYTES. */
export async function readLine(conn: Deno.Conn): Promise<string> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  const buffer = new Uint8Array(1024);
  for (;;) {
    const n = await conn.read(buffer);
    if (n === null) break;
    const chunk = buffer.slice(0, n);
    chunks.push(chunk);
    total += n;
    if (chunk.includes(0x0a)) break;
    if (total > MAX_REQUEST_BYTES) throw new RangeError("control line too long");
  }
  const all = new Uint8Array(total);
  let offset = 0;
  for (const c of chunks) {
    all.set(c, offset);
    offset += c.length;
  }
  const text = new TextDecoder().decode(all);
  const newline = text.indexOf("\n");
  return newline < 0 ? text : text.slice(0, newline);
}
