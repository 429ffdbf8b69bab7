/**
 * `struct msghdr` and `struct iovec` layouts for sendmsg(2) / recvmsg(2) on
 * 64-bit Linux. Pure: pointers come in as `bigint` addresses, so the layout
 * is tested without calling the kernel.
 *
 * ```
 * msghdr (56 bytes)                      iovec (16 bytes)
 * 0  ptr msg_name                        0 ptr iov_base
 * 8  u32 msg_namelen (+4 padding)        8 u64 iov_len
 * 16 ptr msg_iov
 * 24 u64 msg_iovlen
 * 32 ptr msg_control
 * 40 u64 msg_controllen
 * 48 i32 msg_flags (+4 padding)
 * ```
 * @module
 */
import { HOST_LE } from "./host_order.ts";

/** Size of `struct msghdr`. */
export const MSGHDR_SIZE = 56;
/** Size of `struct iovec`. */
export const IOVEC_SIZE = 16;

/** The fields of a `msghdr`, with pointers as addresses (0n for NULL). */
export interface MsghdrFields {
  /** Address of the sockaddr buffer. */
  readonly name: bigint;
  /** Its length. */
  readonly nameLength: number;
  /** Address of the iovec array. */
  readonly iov: bigint;
  /** Number of iovecs. */
  readonly iovLength: number;
  /** Address of the control buffer. */
  readonly control: bigint;
  /** Its length. */
  readonly controlLength: number;
  /** Flags (output of recvmsg). */
  readonly flags: number;
}

/** Packs one `iovec`. */
export function packIovec(base: bigint, length: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(IOVEC_SIZE);
  const view = new DataView(out.buffer);
  view.setBigUint64(0, base, HOST_LE);
  view.setBigUint64(8, BigInt(length), HOST_LE);
  return out;
}

/** Packs a `msghdr`. */
export function packMsghdr(fields: MsghdrFields): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(MSGHDR_SIZE);
  const view = new DataView(out.buffer);
  view.setBigUint64(0, fields.name, HOST_LE);
  view.setUint32(8, fields.nameLength, HOST_LE);
  view.setBigUint64(16, fields.iov, HOST_LE);
  view.setBigUint64(24, BigInt(fields.iovLength), HOST_LE);
  view.setBigUint64(32, fields.control, HOST_LE);
  view.setBigUint64(40, BigInt(fields.controlLength), HOST_LE);
  view.setInt32(48, fields.flags, HOST_LE);
  return out;
}

/** Reads back a `msghdr` (recvmsg updates `msg_namelen`, `msg_controllen`, `msg_flags`). */
export function unpackMsghdr(bytes: Uint8Array): MsghdrFields {
  if (bytes.length < MSGHDR_SIZE) {
    throw new RangeError(`msghdr needs ${MSGHDR_SIZE} bytes, got ${bytes.length}`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  return {
    name: view.getBigUint64(0, HOST_LE),
    nameLength: view.getUint32(8, HOST_LE),
    iov: view.getBigUint64(16, HOST_LE),
    iovLength: Number(view.getBigUint64(24, HOST_LE)),
    control: view.getBigUint64(32, HOST_LE),
    controlLength: Number(view.getBigUint64(40, HOST_LE)),
    flags: view.getInt32(48, HOST_LE),
  };
}
