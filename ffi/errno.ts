/**
 * Linux errno values and the typed error that carries them.
 *
 * Both failed system calls and negative rtnetlink acknowledgements
 * (`NLMSG_ERROR` with a non-zero code, rtnetlink(7)) surface as an
 * {@link ErrnoError}, so callers branch on one `code` string such as `"EEXIST"`.
 * @module
 */

/** Linux errno numbers by name (asm-generic/errno-base.h, errno.h). */
export const ERRNO = {
  EPERM: 1,
  ENOENT: 2,
  ESRCH: 3,
  EINTR: 4,
  EIO: 5,
  ENXIO: 6,
  E2BIG: 7,
  EBADF: 9,
  EAGAIN: 11,
  ENOMEM: 12,
  EACCES: 13,
  EFAULT: 14,
  EBUSY: 16,
  EEXIST: 17,
  ENODEV: 19,
  EINVAL: 22,
  ENFILE: 23,
  EMFILE: 24,
  ENOSPC: 28,
  EPIPE: 32,
  ERANGE: 34,
  ENAMETOOLONG: 36,
  ENOSYS: 38,
  ENOMSG: 42,
  ENODATA: 61,
  EPROTO: 71,
  EBADMSG: 74,
  EOVERFLOW: 75,
  ENOTSOCK: 88,
  EDESTADDRREQ: 89,
  EMSGSIZE: 90,
  EPROTOTYPE: 91,
  ENOPROTOOPT: 92,
  EPROTONOSUPPORT: 93,
  EOPNOTSUPP: 95,
  EAFNOSUPPORT: 97,
  EADDRINUSE: 98,
  EADDRNOTAVAIL: 99,
  ENETDOWN: 100,
  ENETUNREACH: 101,
  ENETRESET: 102,
  ECONNABORTED: 103,
  ECONNRESET: 104,
  ENOBUFS: 105,
  EISCONN: 106,
  ENOTCONN: 107,
  ETIMEDOUT: 110,
  ECONNREFUSED: 111,
  EHOSTDOWN: 112,
  EHOSTUNREACH: 113,
  EALREADY: 114,
  EINPROGRESS: 115,
} as const;

/** A known errno name such as `"EEXIST"`. */
export type ErrnoName = keyof typeof ERRNO;

const NAMES: ReadonlyMap<number, string> = new Map(
  Object.entries(ERRNO).map(([name, value]) => [value, name]),
);

/** The symbolic name of an errno value, or `"E<n>"` for one not in {@link ERRNO}. */
export function errnoName(errno: number): string {
  return NAMES.get(errno) ?? `E${errno}`;
}

/**
 * A system call or rtnetlink request that the kernel refused.
 * `code` is the errno name (`"EEXIST"`, `"EADDRNOTAVAIL"`, ...), `errno` its
 * number, `operation` what was attempted (`"bind [::]:546"`, `"RTM_NEWADDR"`),
 * and `detail` the kernel's extended-ack text when it gave one.
 */
export class ErrnoError extends Error {
  /** The errno name, e.g. `"EEXIST"`. */
  readonly code: string;
  /** The errno number, e.g. 17. */
  readonly errno: number;
  /** What was being attempted. */
  readonly operation: string;
  /** The kernel's extended acknowledgement message (NLMSGERR_ATTR_MSG), if any. */
  readonly detail: string | undefined;

  /** Builds the error; `reason` is the human text for the errno (strerror). */
  constructor(operation: string, errno: number, reason?: string, detail?: string) {
    const code = errnoName(errno);
    const why = reason === undefined ? code : `${code}: ${reason}`;
    super(`${operation} failed (${why})${detail ? `: ${detail}` : ""}`);
    this.name = "ErrnoError";
    this.code = code;
    this.errno = errno;
    this.operation = operation;
    this.detail = detail;
  }
}
