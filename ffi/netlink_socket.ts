/**
 * A raw rtnetlink socket (AF_NETLINK, NETLINK_ROUTE), non-blocking and
 * close-on-exec, shared by {@link RtNetlink} (requests) and
 * {@link NetlinkMonitor} (notifications).
 * @module
 */
import { ERRNO, ErrnoError } from "./errno.ts";
import { HOST_LE } from "./host_order.ts";
import { lastErrno, libc, strerror } from "./libc.ts";
import { type NetlinkMessage, parseNetlinkMessages } from "./netlink/message.ts";
import {
  AF_NETLINK,
  MSG_DONTWAIT,
  MSG_TRUNC,
  NETLINK_ROUTE,
  SOCK_CLOEXEC,
  SOCK_NONBLOCK,
  SOCK_RAW,
} from "./socket_constants.ts";
import { bind, close, socket } from "./syscalls.ts";

/** Size of the receive buffer: larger than any rtnetlink dump chunk (NLMSG_GOODSIZE). */
const RECEIVE_SIZE = 64 * 1024;

/** The receive buffer every netlink socket reads into (one at a time: calls are synchronous). */
const receiveBuffer = new Uint8Array(RECEIVE_SIZE);

/** `struct sockaddr_nl`: u16 family, u16 pad, u32 port id, u32 groups (12 bytes). */
export function packSockaddrNl(portId: number, groups: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(12);
  const view = new DataView(out.buffer);
  view.setUint16(0, AF_NETLINK, HOST_LE);
  view.setUint32(4, portId, HOST_LE);
  view.setUint32(8, groups, HOST_LE);
  return out;
}

/** Opens a bound rtnetlink socket, joined to `groups` (RTMGRP_* bitmask, 0 for none). */
export function openNetlinkSocket(groups: number): number {
  const fd = socket(
    AF_NETLINK,
    SOCK_RAW | SOCK_CLOEXEC | SOCK_NONBLOCK,
    NETLINK_ROUTE,
    "netlink route",
  );
  try {
    // Port id 0: the kernel assigns a unique one, so several sockets never collide.
    bind(fd, packSockaddrNl(0, groups), `netlink groups 0x${groups.toString(16)}`);
    return fd;
  } catch (error) {
    close(fd);
    throw error;
  }
}

/** Sends one encoded message to the kernel. */
export function sendToKernel(fd: number, bytes: Uint8Array<ArrayBuffer>, what: string): void {
  const kernel = packSockaddrNl(0, 0);
  const sent = Number(libc().sendto(fd, bytes, BigInt(bytes.length), 0, kernel, kernel.length));
  if (sent < 0) {
    const errno = lastErrno();
    throw new ErrnoError(`netlink send ${what}`, errno, strerror(errno));
  }
  if (sent !== bytes.length) {
    throw new ErrnoError(`netlink send ${what} (short write ${sent}/${bytes.length})`, ERRNO.EIO);
  }
}

/**
 * Reads one datagram of messages, or `undefined` when nothing is queued (EAGAIN).
 * @throws {ErrnoError} ENOBUFS when notifications were lost; other errnos as they come.
 */
export function receiveMessages(fd: number): NetlinkMessage[] | undefined {
  const buffer = receiveBuffer;
  const received = Number(
    libc().recvfrom(fd, buffer, BigInt(buffer.length), MSG_DONTWAIT | MSG_TRUNC, null, null),
  );
  if (received < 0) {
    const errno = lastErrno();
    if (errno === ERRNO.EAGAIN) return undefined;
    throw new ErrnoError("netlink receive", errno, strerror(errno));
  }
  if (received > buffer.length) {
    throw new ErrnoError(`netlink receive (${received}-byte message truncated)`, ERRNO.EMSGSIZE);
  }
  // The messages are views into their datagram, kept by callers: a copy of
  // what arrived, not the 64 KiB buffer (made once, not per call).
  return parseNetlinkMessages(buffer.slice(0, received));
}
