/**
 * A netlink socket subscribed to kernel notifications: link changes
 * (RTMGRP_LINK: up/down, carrier, MAC) and IPv6 address changes
 * (RTMGRP_IPV6_IFADDR: new, deleted, DAD tentative / failed).
 *
 * Non-blocking and close-on-exec: put {@link NetlinkMonitor.fd} in the
 * {@link Poller} set and call {@link NetlinkMonitor.drain} when it is readable.
 * @module
 */
import { ERRNO, ErrnoError } from "./errno.ts";
import { RTMGRP_IPV6_IFADDR, RTMGRP_LINK } from "./netlink/constants.ts";
import { decodeEvent, type NetlinkEvent } from "./netlink/event.ts";
import { openNetlinkSocket, receiveMessages } from "./netlink_socket.ts";
import { SO_RCVBUF, SOL_SOCKET } from "./socket_constants.ts";
import { close, setsockoptInt } from "./syscalls.ts";

/** Most datagrams of notifications one {@link NetlinkMonitor.drain} reads. */
export const MAX_DATAGRAMS_PER_DRAIN = 256;

/** Receive buffer for bursts of notifications (an interface going down removes many addresses). */
const MONITOR_RCVBUF = 1024 * 1024;

/** Kernel notification listener. */
export class NetlinkMonitor {
  /** The socket descriptor (non-blocking, close-on-exec). */
  readonly fd: number;
  #closed = false;

  private constructor(fd: number) {
    this.fd = fd;
  }

  /**
   * Opens the socket and joins `groups` (default: RTMGRP_LINK | RTMGRP_IPV6_IFADDR).
   * Open it before the first `listLinks` / `listAddresses`, so no change falls between the two.
   */
  static open(groups: number = RTMGRP_LINK | RTMGRP_IPV6_IFADDR): NetlinkMonitor {
    const fd = openNetlinkSocket(groups);
    try {
      setsockoptInt(fd, SOL_SOCKET, SO_RCVBUF, MONITOR_RCVBUF, "SO_RCVBUF");
    } catch {
      // A smaller buffer only makes an overrun likelier; the overrun event covers it.
    }
    return new NetlinkMonitor(fd);
  }

  /**
   * Every notification queued now, in kernel order; never blocks. An
   * `{ kind: "overrun" }` event says some were lost (ENOBUFS): re-read the state.
   * A notification that does not decode is skipped (the kernel's own messages
   * are well formed; this guards against layouts newer than this code).
   */
  drain(): NetlinkEvent[] {
    const events: NetlinkEvent[] = [];
    // A bounded number of datagrams a call, so that a storm of kernel events
    // cannot hold the agent's loop; the rest stays queued and poll(2) reports it.
    for (let i = 0; i < MAX_DATAGRAMS_PER_DRAIN; i++) {
      let messages;
      try {
        messages = receiveMessages(this.fd);
      } catch (error) {
        if (error instanceof ErrnoError && error.errno === ERRNO.ENOBUFS) {
          events.push({ kind: "overrun" });
          continue;
        }
        throw error;
      }
      if (messages === undefined) return events;
      for (const message of messages) {
        try {
          const event = decodeEvent(message);
          if (event !== undefined) events.push(event);
        } catch (error) {
          if (!(error instanceof RangeError)) throw error;
        }
      }
    }
    return events;
  }

  /** Closes the socket; further calls do nothing. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    close(this.fd);
  }
}
