/**
 * What a daemon does to itself that Deno has no API for: leave the session it
 * was started in (setsid(2)), and put its standard streams on another file
 * (open(2), dup2(2)), as daemon(3) does after its fork. edge6's detached agent
 * is a fresh process started by `Deno.Command` (Deno has no fork), so these
 * calls are made in that child: setsid first thing in `edge6 run`, before the
 * agent opens any socket or file; the streams once it is ready.
 * @module
 */
import { cString, libc } from "./libc.ts";
import { throwErrno } from "./syscalls.ts";
import { FD_CLOEXEC } from "./socket_constants.ts";

/** open(2) flags (asm-generic/fcntl.h, the same on x86_64 and aarch64). */
const O_RDONLY = 0;
const O_WRONLY = 0o1;
const O_CREAT = 0o100;
const O_NOCTTY = 0o400;
const O_APPEND = 0o2000;
const O_CLOEXEC = 0o2000000;
/** fcntl(2) command that sets the descriptor flags. */
const F_SETFD = 2;

/**
 * setsid(2): makes the calling process the leader of a new session and
 * process group, with no controlling terminal, so that a terminal hang-up or
 * a Ctrl-C in the shell that started it never reaches it. Returns the new
 * session id (the process id). Fails with EPERM in a process group leader,
 * which a child started by `Deno.Command` never is.
 */
export function newSession(): number {
  const sid = libc().setsid();
  if (sid < 0) throwErrno("setsid");
  return sid;
}

/** A descriptor's open file as `device:inode`, or undefined when it is not open. */
function identity(fd: number): string | undefined {
  try {
    const stat = Deno.statSync(`/proc/self/fd/${fd}`);
    return `${stat.dev}:${stat.ino}`;
  } catch {
    return undefined;
  }
}

/** The descriptors above 2 open on the file `id` names. */
function duplicatesOf(id: string | undefined): number[] {
  if (id === undefined) return [];
  const fds: number[] = [];
  for (const entry of Deno.readDirSync("/proc/self/fd")) {
    const fd = Number(entry.name);
    if (fd > 2 && identity(fd) === id) fds.push(fd);
  }
  return fds;
}

/**
 * Opens `path` (`/dev/null`, or a log file created with mode 0640 and
 * appended to) and makes it standard output and error, with standard input
 * on /dev/null. Deno's runtime keeps duplicates of descriptors 0–2 of its
 * own; they are moved too, or the pipes to the parent would stay open and
 * the parent would never see them end. Descriptors 0–2 stay open so that
 * nothing else is ever given those numbers; O_NOCTTY keeps a terminal named
 * by mistake from becoming the controlling terminal.
 */
export function redirectStandardStreams(path: string): void {
  const input = identity(0);
  const outputs = new Set([identity(1), identity(2)].filter((id) => id !== input));
  const outputFds = [1, 2, ...[...outputs].flatMap(duplicatesOf)];
  const inputFds = [0, ...duplicatesOf(input)];
  moveOnto(path, O_WRONLY | O_APPEND | O_CREAT, outputFds);
  moveOnto("/dev/null", O_RDONLY, inputFds);
}

/** Opens `path` with `flags` and makes each of `targets` a copy of it. */
function moveOnto(path: string, flags: number, targets: readonly number[]): void {
  const fd = libc().open(cString(path), flags | O_NOCTTY | O_CLOEXEC, 0o640);
  if (fd < 0) throwErrno(`open ${path}`);
  try {
    // dup2 clears close-on-exec on 0–2, as they must be; Deno's own copies
    // had it set and keep it (dup2 gives the copy no FD_CLOEXEC, so set it back).
    for (const target of targets) {
      if (target === fd) continue;
      if (libc().dup2(fd, target) < 0) throwErrno(`dup2 ${path} to descriptor ${target}`);
      if (target > 2 && libc().fcntl(target, F_SETFD, FD_CLOEXEC) < 0) {
        throwErrno(`fcntl F_SETFD descriptor ${target}`);
      }
    }
  } finally {
    // An fd of 0–2 (one of them was closed) is now where it must stay.
    if (fd > 2 && !targets.includes(fd)) libc().close(fd);
  }
}
