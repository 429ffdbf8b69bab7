/**
 * Marks a descriptor close-on-exec through fcntl(2), using the FFI binding of
 * libc (loaded only when asked for).
 * @module
 */

/** fcntl commands and the descriptor flag (fcntl.h). */
const F_GETFD = 1;
const F_SETFD = 2;
const FD_CLOEXEC = 1;

/** Sets FD_CLOEXEC on a descriptor; throws when fcntl fails. */
export type SetCloseOnExec = (fd: number) => void;

/** Loads libc through ffi/libc.ts and returns a {@link SetCloseOnExec}. */
export async function loadSetCloseOnExec(): Promise<SetCloseOnExec> {
  const { libc } = await import("../../ffi/libc.ts");
  return (fd: number) => {
    const flags = libc().fcntl(fd, F_GETFD, 0);
    if (flags < 0 || libc().fcntl(fd, F_SETFD, flags | FD_CLOEXEC) < 0) {
      throw new Error(`fcntl F_SETFD FD_CLOEXEC failed on descriptor ${fd}`);
    }
  };
}
