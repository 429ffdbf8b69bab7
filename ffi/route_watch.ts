/**
 * A netlink socket that only says "the IPv6 routes changed"
 * (RTMGRP_IPV6_ROUTE): the LAN side re-reads whether there is a default
 * route when it does, so that losing it reaches the hosts at once (RFC 7084
 * G-5). What changed is read with a route dump, not from the notification.
 * @module
 */
import { ERRNO, ErrnoError } from "./errno.ts";
import { RTMGRP_IPV6_ROUTE } from "./netlink/constants.ts";
import { openNetlinkSocket, receiveMessages } from "./netlink_socket.ts";
import { close } from "./syscalls.ts";

/** Route change notifications, counted, not decoded. */
export class RouteWatch {
  /** The descriptor to poll (non-blocking, close-on-exec). */
  readonly fd: number;
  #closed = false;

  private constructor(fd: number) {
    this.fd = fd;
  }

  /** Opens the socket joined to RTMGRP_IPV6_ROUTE. */
  static open(): RouteWatch {
    return new RouteWatch(openNetlinkSocket(RTMGRP_IPV6_ROUTE));
  }

  /**
   * Reads every queued notification; true when there was any (or some were
   * lost, ENOBUFS): the routes may have changed.
   */
  drain(): boolean {
    let any = false;
    for (;;) {
      let messages;
      try {
        messages = receiveMessages(this.fd);
      } catch (error) {
        if (error instanceof ErrnoError && error.errno === ERRNO.ENOBUFS) {
          any = true;
          continue;
        }
        throw error;
      }
      if (messages === undefined) return any;
      if (messages.length > 0) any = true;
    }
  }

  /** Closes the socket; further calls do nothing. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    close(this.fd);
  }
}
