/**
 * The one place that opens the C library through `Deno.dlopen`.
 *
 * The library is opened lazily, on the first call to {@link libc}, so that
 * importing `ffi/` costs nothing for commands that never touch the kernel
 * (`decode`, `check`, `convert`) and so that those commands run without
 * `--allow-ffi`. Every other module uses typed wrappers built on the symbols
 * declared here; none calls `Deno.dlopen` itself.
 *
 * Symbol layouts follow the Linux LP64 ABI (x86_64, aarch64): `size_t` and
 * `ssize_t` are 64-bit, `socklen_t` and `int` are 32-bit.
 * @module
 */

/** The libc symbols edge6 uses, in `Deno.dlopen` form. */
export const LIBC_SYMBOLS = {
  // Sockets (socket(2), bind(2), setsockopt(2), sendmsg(2), recvmsg(2), ...).
  socket: { parameters: ["i32", "i32", "i32"], result: "i32" },
  bind: { parameters: ["i32", "buffer", "u32"], result: "i32" },
  getsockname: { parameters: ["i32", "buffer", "buffer"], result: "i32" },
  setsockopt: { parameters: ["i32", "i32", "i32", "buffer", "u32"], result: "i32" },
  getsockopt: { parameters: ["i32", "i32", "i32", "buffer", "buffer"], result: "i32" },
  sendmsg: { parameters: ["i32", "buffer", "i32"], result: "isize" },
  recvmsg: { parameters: ["i32", "buffer", "i32"], result: "isize" },
  sendto: {
    parameters: ["i32", "buffer", "usize", "i32", "buffer", "u32"],
    result: "isize",
  },
  recvfrom: {
    parameters: ["i32", "buffer", "usize", "i32", "buffer", "buffer"],
    result: "isize",
  },
  // Descriptors.
  close: { parameters: ["i32"], result: "i32" },
  read: { parameters: ["i32", "buffer", "usize"], result: "isize" },
  write: { parameters: ["i32", "buffer", "usize"], result: "isize" },
  // fcntl(2) is variadic; every command edge6 uses takes one int argument.
  fcntl: { parameters: ["i32", "i32", "i32"], result: "i32" },
  pipe2: { parameters: ["buffer", "i32"], result: "i32" },
  eventfd: { parameters: ["u32", "i32"], result: "i32" },
  // poll(2) runs on a worker thread so that waiting never blocks the event loop.
  poll: { parameters: ["buffer", "u64", "i32"], result: "i32", nonblocking: true },
  // Interfaces.
  if_nametoindex: { parameters: ["buffer"], result: "u32" },
  if_indextoname: { parameters: ["u32", "buffer"], result: "pointer" },
  // Process and errors.
  getpid: { parameters: [], result: "i32" },
  // Daemon mode (ffi/process.ts): a new session and standard streams moved
  // elsewhere. open(2) is variadic; it is always called with its mode.
  setsid: { parameters: [], result: "i32" },
  open: { parameters: ["buffer", "i32", "u32"], result: "i32" },
  dup2: { parameters: ["i32", "i32"], result: "i32" },
  __errno_location: { parameters: [], result: "pointer" },
  strerror: { parameters: ["i32"], result: "pointer" },
  // syslog(3). syslog is variadic: it is always called as syslog(prio, "%s", msg).
  openlog: { parameters: ["buffer", "i32", "i32"], result: "void" },
  syslog: { parameters: ["i32", "buffer", "buffer"], result: "void" },
  closelog: { parameters: [], result: "void" },
} as const satisfies Deno.ForeignLibraryInterface;

/** The typed symbol table returned by {@link libc}. */
export type Libc = Deno.DynamicLibrary<typeof LIBC_SYMBOLS>["symbols"];

let library: Deno.DynamicLibrary<typeof LIBC_SYMBOLS> | undefined;

/**
 * The libc symbols, opening `libc.so.6` on first use.
 * Throws `Deno.errors.NotCapable` (or `PermissionDenied`) without `--allow-ffi`.
 */
export function libc(): Libc {
  library ??= Deno.dlopen("libc.so.6", LIBC_SYMBOLS);
  return library.symbols;
}

/**
 * The thread's current `errno`, read through `__errno_location()`.
 * Only meaningful right after a failed synchronous call on the JS thread:
 * a `nonblocking` call runs on another thread with its own `errno`.
 */
export function lastErrno(): number {
  const where = libc().__errno_location();
  if (where === null) return 0;
  return new Deno.UnsafePointerView(where).getInt32(0);
}

/** The C library's message for an errno value (`strerror(3)`). */
export function strerror(errno: number): string {
  const message = libc().strerror(errno);
  if (message === null) return `errno ${errno}`;
  return Deno.UnsafePointerView.getCString(message);
}

/** A NUL-terminated copy of `text` for passing to C (`char *`). */
export function cString(text: string): Uint8Array<ArrayBuffer> {
  const encoded = new TextEncoder().encode(text);
  const out = new Uint8Array(encoded.length + 1);
  out.set(encoded);
  return out;
}
