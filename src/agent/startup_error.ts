/**
 * One-line explanations of why `edge6 run` could not start: what failed, why
 * (in words, not as an OS error dump), and what the operator can do about it.
 * @module
 */

import { AgentRunningError } from "./control_server.ts";

/** The start-up steps that touch the system and can fail. */
export type StartupStep =
  | { readonly step: "duid"; readonly path: string }
  | { readonly step: "state-dir"; readonly path: string }
  | { readonly step: "dhcp-socket"; readonly port: number }
  | { readonly step: "control-socket"; readonly path: string }
  | { readonly step: "netlink" }
  | { readonly step: "pid-file"; readonly path: string }
  | { readonly step: "log-file"; readonly path: string };

/** Errno names found in FFI errors (`ErrnoError.code`) and what they mean. */
const ERRNO_WORDS: Readonly<Record<string, string>> = {
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  EADDRINUSE: "address already in use",
  ENOENT: "no such file or directory",
  EROFS: "read-only file system",
  EISDIR: "is a directory",
  ENOTDIR: "a path component is not a directory",
  ENOSPC: "no space left on device",
};

/** Deno's error classes and what they mean. */
function denoErrorWords(error: Error): string | undefined {
  if (error instanceof Deno.errors.NotFound) return "no such file or directory";
  if (error instanceof Deno.errors.PermissionDenied) return "permission denied";
  if (error instanceof Deno.errors.IsADirectory) return "is a directory";
  if (error instanceof Deno.errors.NotADirectory) return "a path component is not a directory";
  if (error instanceof Deno.errors.AddrInUse) return "address already in use";
  if (error instanceof Deno.errors.AlreadyExists) return "exists already";
  return undefined;
}

/** The errno name carried by an FFI `ErrnoError` or a Deno error's OS message. */
function errnoCode(error: unknown): string | undefined {
  if (error instanceof Error && "code" in error && typeof error.code === "string") {
    return error.code;
  }
  return undefined;
}

/**
 * The reason of an OS-level failure in plain words: Deno's " (os error N):
 * op 'path'" tail and FFI errno dumps are dropped, since the caller names the
 * path and the operation itself.
 */
export function osReason(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = errnoCode(error);
  if (code !== undefined && ERRNO_WORDS[code] !== undefined) return ERRNO_WORDS[code]!;
  const words = denoErrorWords(error);
  if (words !== undefined) return words;
  const trimmed = error.message.replace(/ \(os error \d+\).*$/s, "");
  return trimmed.charAt(0).toLowerCase() + trimmed.slice(1);
}

/** True when the failure is a missing privilege (not root, no capability). */
function isPrivilege(error: unknown): boolean {
  const code = errnoCode(error);
  return code === "EACCES" || code === "EPERM" || error instanceof Deno.errors.PermissionDenied;
}

/**
 * The one line `edge6 run` prints when start-up fails at `at` with `error`:
 * what failed, why, and what to do.
 */
export function describeStartupError(at: StartupStep, error: unknown): string {
  let why = osReason(error);
  if ("path" in at && why.startsWith(`${at.path}: `)) why = why.slice(at.path.length + 2);
  const asRoot = isPrivilege(error) && typeof Deno.uid === "function" && Deno.uid() !== 0
    ? "; edge6 run needs root (or CAP_NET_ADMIN and CAP_NET_BIND_SERVICE)"
    : "";
  switch (at.step) {
    case "duid":
      return `cannot use the DUID file ${at.path}: ${why}${
        asRoot ||
        "; fix or remove it (a new DUID is then created and the server sees a new client), or set global.duid_file"
      }`;
    case "state-dir":
      return `the state directory ${at.path} is not writable: ${why}; leases could not be saved${
        asRoot || "; make it writable or set global.state_dir"
      }`;
    case "dhcp-socket":
      if (errnoCode(error) === "EADDRINUSE") {
        return `UDP port ${at.port} is already in use: another DHCPv6 client (dhcp6c, dhclient, a second edge6) is running; stop it first`;
      }
      if (isPrivilege(error)) {
        return `cannot bind UDP port ${at.port}: ${why}; edge6 run needs root (or CAP_NET_BIND_SERVICE and CAP_NET_ADMIN)`;
      }
      return `cannot open the DHCPv6 socket on UDP port ${at.port}: ${why}`;
    case "control-socket":
      if (error instanceof AgentRunningError) {
        return `${error.message}: stop that agent first, or give this one another global.control_socket`;
      }
      return `cannot listen on the control socket ${at.path}: ${why}${
        asRoot || "; set global.control_socket to a writable place"
      }`;
    case "netlink":
      return `cannot open rtnetlink: ${why}${asRoot}`;
    case "pid-file":
      return `cannot write the pid file ${at.path}: ${why}${asRoot}`;
    case "log-file":
      return `cannot write the log file ${at.path}: ${why}${
        asRoot || "; create its directory or set global.log_target to another file or syslog"
      }`;
  }
}

/** Thrown by a start-up step: its message is the complete line for the operator. */
export class StartupError extends Error {
  /** Wraps `cause`, the failure at `at`, with its explanation. */
  constructor(at: StartupStep, cause: unknown) {
    super(describeStartupError(at, cause), { cause });
    this.name = "StartupError";
  }
}

/** Runs `work` and turns any failure into a StartupError for `at`. */
export async function startupStep<T>(at: StartupStep, work: () => T | Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof StartupError) throw error;
    throw new StartupError(at, error);
  }
}

/**
 * Fails when `dir` cannot be created or written: leases are saved there after
 * every change (RFC 9915 §18.2.12 resumes them), so better refuse at start
 * than lose them silently later.
 */
export function probeWritable(dir: string): Promise<void> {
  // Synchronous calls: nothing else runs yet, and each asynchronous file
  // operation would cost a round trip through Deno's thread pool before the
  // first Solicit.
  try {
    try {
      if (!Deno.statSync(dir).isDirectory) throw new Error("it is not a directory");
    } catch (error) {
      if (!(error instanceof Deno.errors.NotFound)) throw error;
    }
    Deno.mkdirSync(dir, { recursive: true });
    const probe = `${dir}/.edge6-write-test-${Deno.pid}`;
    Deno.writeTextFileSync(probe, "");
    Deno.removeSync(probe);
    return Promise.resolve();
  } catch (error) {
    return Promise.reject(error);
  }
}
