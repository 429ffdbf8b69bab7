/**
 * The client side of the control socket, used by `edge6 status | renew |
 * rebind | release | reload`.
 * @module
 */
import {
  type ControlRequest,
  type ControlResponse,
  encodeLine,
  parseResponse,
} from "./control_protocol.ts";
import { readControlLine } from "./control_line.ts";

/**
 * Longest answer accepted: `status` grows with interfaces, leases and
 * options, far past a request's size; this only guards against a runaway peer.
 */
export const MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

/** Sends one request to the agent at `path` and returns its response. */
export async function sendControlRequest(
  path: string,
  request: ControlRequest,
): Promise<ControlResponse> {
  let conn: Deno.UnixConn;
  try {
    conn = await Deno.connect({ transport: "unix", path });
  } catch (error) {
    const why = error instanceof Deno.errors.NotFound
      ? "no such socket (is the agent running?)"
      : error instanceof Deno.errors.ConnectionRefused
      ? "nothing listens on it (the agent is not running; the socket file is stale)"
      : error instanceof Error
      ? error.message
      : String(error);
    throw new Error(`cannot reach the agent at ${path}: ${why}`);
  }
  try {
    const bytes = encodeLine(request);
    let written = 0;
    while (written < bytes.length) written += await conn.write(bytes.subarray(written));
    const read = await readControlLine(conn, MAX_RESPONSE_BYTES);
    if ("error" in read) throw new Error(`the agent at ${path} answered badly: ${read.error}`);
    return parseResponse(read.line);
  } finally {
    conn.close();
  }
}
