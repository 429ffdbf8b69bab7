/**
 * sendmsg(2) and recvmsg(2) for the IPv6 datagram sockets (the DHCPv6 UDP
 * sockets, the LAN's raw ICMPv6 socket): one datagram out of a chosen
 * interface from a chosen source (IPV6_PKTINFO, RFC 3542 §6), and one
 * received into a socket's reused buffers. Both never block (MSG_DONTWAIT).
 * @module
 */
import { buildControl } from "./cmsg.ts";
import { ERRNO, ErrnoError } from "./errno.ts";
import { lastErrno, libc, strerror } from "./libc.ts";
import { packIovec, packMsghdr } from "./msghdr.ts";
import { packPktinfo } from "./pktinfo.ts";
import type { ReceiveBuffers } from "./receive_buffers.ts";
import { IPPROTO_IPV6, IPV6_PKTINFO, MSG_DONTWAIT } from "./socket_constants.ts";
import { addressOf } from "./syscalls.ts";

/**
 * Sends `data` to the `sockaddr_in6` `name`, out of interface `ifindex` from
 * `source` ("::": the kernel chooses). `what` names the send in the error.
 * @throws {ErrnoError} with the errno of sendmsg(2).
 */
export function sendWithPktinfo(
  fd: number,
  name: Uint8Array<ArrayBuffer>,
  data: Uint8Array,
  source: string,
  ifindex: number,
  what: string,
): void {
  const payload = Uint8Array.from(data); // own, unshared memory for the kernel to read
  const iov = packIovec(addressOf(payload), payload.length);
  const control = buildControl([{
    level: IPPROTO_IPV6,
    type: IPV6_PKTINFO,
    data: packPktinfo({ address: source, ifindex }),
  }]);
  const header = packMsghdr({
    name: addressOf(name),
    nameLength: name.length,
    iov: addressOf(iov),
    iovLength: 1,
    control: addressOf(control),
    controlLength: control.length,
    flags: 0,
  });
  const sent = Number(libc().sendmsg(fd, header, MSG_DONTWAIT));
  if (sent < 0) {
    const errno = lastErrno();
    throw new ErrnoError(what, errno, strerror(errno));
  }
  // Keep the buffers alive until the call has returned.
  void [name, payload, iov, control];
}

/**
 * Receives one datagram into `rx`; its length, or undefined when none is
 * queued (EAGAIN). `what` names the socket in the error.
 * @throws {ErrnoError} for errors other than EAGAIN.
 */
export function receiveInto(fd: number, rx: ReceiveBuffers, what: string): number | undefined {
  const received = Number(libc().recvmsg(fd, rx.reset(), MSG_DONTWAIT));
  if (received >= 0) return received;
  const errno = lastErrno();
  if (errno === ERRNO.EAGAIN) return undefined;
  throw new ErrnoError(`recvmsg on ${what}`, errno, strerror(errno));
}
