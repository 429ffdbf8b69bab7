/**
 * Typed wrappers over the raw libc symbols: each returns a plain value or
 * throws an {@link ErrnoError} naming the call and the errno. Everything
 * here is synchronous and returns at once (descriptors are non-blocking).
 * @module
 */
import { ErrnoError } from "./errno.ts";
import { cString, lastErrno, libc, strerror } from "./libc.ts";
import { HOST_LE } from "./host_order.ts";
import { F_GETFD, FD_CLOEXEC } from "./socket_constants.ts";

/** Throws the current errno as an {@link ErrnoError} for `operation`. */
export function throwErrno(operation: string): never {
  const errno = lastErrno();
  throw new ErrnoError(operation, errno, strerror(errno));
}

/** The address of a buffer for embedding in a C structure (0n for empty). */
export function addressOf(buffer: Uint8Array<ArrayBuffer>): bigint {
  const pointer = Deno.UnsafePointer.of(buffer);
  return pointer === null ? 0n : Deno.UnsafePointer.value(pointer);
}

/** socket(2). Always pass SOCK_CLOEXEC in `type`. */
export function socket(domain: number, type: number, protocol: number, what: string): number {
  const fd = libc().socket(domain, type, protocol);
  if (fd < 0) throwErrno(`socket ${what}`);
  return fd;
}

/** setsockopt(2) with a 32-bit int value. */
export function setsockoptInt(
  fd: number,
  level: number,
  name: number,
  value: number,
  what: string,
): void {
  const buffer = new Uint8Array(4);
  new DataView(buffer.buffer).setInt32(0, value, HOST_LE);
  setsockoptBytes(fd, level, name, buffer, what);
}

/** setsockopt(2) with a raw value. */
export function setsockoptBytes(
  fd: number,
  level: number,
  name: number,
  value: Uint8Array<ArrayBuffer>,
  what: string,
): void {
  if (libc().setsockopt(fd, level, name, value, value.length) < 0) {
    throwErrno(`setsockopt ${what}`);
  }
}

/** getsockopt(2) for a 32-bit int option. */
export function getsockoptInt(fd: number, level: number, name: number, what: string): number {
  const value = new Uint8Array(4);
  const length = new Uint8Array(4);
  new DataView(length.buffer).setUint32(0, 4, HOST_LE);
  if (libc().getsockopt(fd, level, name, value, length) < 0) throwErrno(`getsockopt ${what}`);
  return new DataView(value.buffer).getInt32(0, HOST_LE);
}

/** bind(2) to a packed socket address. */
export function bind(fd: number, address: Uint8Array<ArrayBuffer>, what: string): void {
  if (libc().bind(fd, address, address.length) < 0) throwErrno(`bind ${what}`);
}

/** getsockname(2): the packed local address (up to `capacity` bytes). */
export function getsockname(fd: number, capacity: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(capacity);
  const length = new Uint8Array(4);
  new DataView(length.buffer).setUint32(0, capacity, HOST_LE);
  if (libc().getsockname(fd, out, length) < 0) throwErrno("getsockname");
  return out.slice(0, new DataView(length.buffer).getUint32(0, HOST_LE));
}

/** close(2). Errors are reported: a failed close means a descriptor bookkeeping bug. */
export function close(fd: number): void {
  if (libc().close(fd) < 0) throwErrno(`close fd ${fd}`);
}

/** Whether `fd` has FD_CLOEXEC set (fcntl F_GETFD). */
export function isCloseOnExec(fd: number): boolean {
  const flags = libc().fcntl(fd, F_GETFD, 0);
  if (flags < 0) throwErrno(`fcntl F_GETFD fd ${fd}`);
  return (flags & FD_CLOEXEC) !== 0;
}

/** if_nametoindex(3): the index of an interface, or 0 when there is none by that name. */
export function interfaceIndex(name: string): number {
  return libc().if_nametoindex(cString(name));
}

/** if_indextoname(3): the name of an interface, or `undefined` when the index is unknown. */
export function interfaceName(index: number): string | undefined {
  const buffer = new Uint8Array(16); // IF_NAMESIZE
  const result = libc().if_indextoname(index, buffer);
  if (result === null) return undefined;
  const end = buffer.indexOf(0);
  return new TextDecoder().decode(buffer.subarray(0, end < 0 ? buffer.length : end));
}

/** getpid(2): used as the netlink port id of the first rtnetlink socket. */
export function getpid(): number {
  return libc().getpid();
}
