/**
 * The control socket's protocol: one JSON request line from `edge6 status |
 * renew | rebind | release | reload`, one JSON response line from the agent.
 * Renew and rebind start the exchanges of RFC 9915 §18.2.4 and §18.2.5 at
 * once; release is §18.2.7. Requests are untrusted input (any local process
 * that can open the 0600 socket, i.e. root) and are checked field by field.
 * @module
 */

/** What a client may ask. */
export type ControlCommand = "status" | "renew" | "rebind" | "release" | "reload";

/** A request: a command, optionally limited to one upstream interface. */
export interface ControlRequest {
  /** The operation to run. */
  readonly command: ControlCommand;
  /** Only this upstream interface; absent means every running one. */
  readonly interface?: string;
}

/** The agent's answer. */
export type ControlResponse =
  | { readonly ok: true; readonly message?: string; readonly status?: unknown }
  | { readonly ok: false; readonly error: string };

const COMMANDS: readonly ControlCommand[] = ["status", "renew", "rebind", "release", "reload"];

/** Longest request line accepted (a request is a few dozen bytes). */
export const MAX_REQUEST_BYTES = 4096;

/** Encodes a request or response as one line of JSON. */
export function encodeLine(value: ControlRequest | ControlResponse): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(value) + "\n");
}

/** Parses a request line; throws a `SyntaxError` saying what is wrong. */
export function parseRequest(line: string): ControlRequest {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    throw new SyntaxError("control request is not JSON");
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    throw new SyntaxError("control request: expected a JSON object");
  }
  const { command, interface: name, ...rest } = json as Record<string, unknown>;
  const extra = Object.keys(rest);
  if (extra.length > 0) throw new SyntaxError(`control request: unknown field "${extra[0]}"`);
  if (typeof command !== "string" || !COMMANDS.includes(command as ControlCommand)) {
    throw new SyntaxError(`control request: command must be one of ${COMMANDS.join(", ")}`);
  }
  if (name !== undefined && (typeof name !== "string" || !/^[^\s/]{1,15}$/.test(name))) {
    throw new SyntaxError("control request: interface must be an interface name");
  }
  return name === undefined
    ? { command: command as ControlCommand }
    : { command: command as ControlCommand, interface: name };
}

/** Parses a response line; throws a `SyntaxError` when it is not one. */
export function parseResponse(line: string): ControlResponse {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    throw new SyntaxError("control response is not JSON");
  }
  if (
    typeof json !== "object" || json === null || typeof (json as { ok?: unknown }).ok !== "boolean"
  ) {
    throw new SyntaxError('control response: expected an object with "ok"');
  }
  const r = json as Record<string, unknown>;
  if (r.ok === false) {
    return { ok: false, error: typeof r.error === "string" ? r.error : "unknown error" };
  }
  return {
    ok: true,
    ...(typeof r.message === "string" ? { message: r.message } : {}),
    ...(r.status === undefined ? {} : { status: r.status }),
  };
}
