/**
 * rtnetlink requests: reading links, IPv6 addresses and routes, and
 * installing or removing addresses (with their DHCPv6 lifetimes, RFC 9915
 * §21.6 / §21.22) and unreachable routes for delegated prefixes (RFC 7084 WPD-5).
 *
 * Each request carries its own sequence number and asks for an
 * acknowledgement; a refusal becomes an {@link ErrnoError} whose `code` is the
 * errno name (`"EEXIST"`, `"EADDRNOTAVAIL"`, `"ENODEV"`) and whose `detail`
 * is the kernel's extended-ack text. Requests on one {@link RtNetlink} are
 * served one at a time, in call order.
 * @module
 */
import { ERRNO, ErrnoError } from "./errno.ts";
import { strerror } from "./libc.ts";
import {
  type AddressInfo,
  type AddressRequest,
  type AddressSpec,
  decodeAddress,
  encodeDeleteAddress,
  encodeGetAddresses,
  encodeNewAddress,
} from "./netlink/address.ts";
import {
  NLM_F_ACK,
  NLM_F_CREATE,
  NLM_F_DUMP,
  NLM_F_DUMP_INTR,
  NLM_F_EXCL,
  NLM_F_REPLACE,
  NLM_F_REQUEST,
  NLMSG_DONE,
  NLMSG_ERROR,
  NLMSG_NOOP,
  NLMSG_OVERRUN,
  RTM_DELADDR,
  RTM_DELROUTE,
  RTM_GETADDR,
  RTM_GETLINK,
  RTM_GETROUTE,
  RTM_NEWADDR,
  RTM_NEWLINK,
  RTM_NEWROUTE,
} from "./netlink/constants.ts";
import { decodeLink, encodeGetLink, type LinkInfo } from "./netlink/link.ts";
import { decodeAck, encodeNetlinkMessage, type NetlinkMessage } from "./netlink/message.ts";
import {
  decodeRoute,
  encodeGetRoutes,
  encodeRoute,
  type RouteInfo,
  type RouteRequest,
} from "./netlink/route.ts";
import { openNetlinkSocket, receiveMessages, sendToKernel } from "./netlink_socket.ts";
import { waitReadable } from "./poll.ts";
import { close, setsockoptInt } from "./syscalls.ts";
import { NETLINK_CAP_ACK, NETLINK_EXT_ACK, SOL_NETLINK } from "./socket_constants.ts";

/** How long to wait for the kernel's answer before giving up (it normally answers at once). */
const REPLY_TIMEOUT_MS = 5000;
/** How often to redo a dump that a concurrent change interrupted. */
const DUMP_ATTEMPTS = 3;

/** rtnetlink request socket. Open once, reuse, close on shutdown. */
export class RtNetlink {
  /** The socket descriptor (close-on-exec). */
  readonly fd: number;
  #seq: number;
  #queue: Promise<unknown> = Promise.resolve();
  #closed = false;

  private constructor(fd: number) {
    this.fd = fd;
    // Start from a time-derived value so replies to a previous process's
    // requests can never be mistaken for ours.
    this.#seq = (Date.now() & 0x7fffffff) >>> 0;
  }

  /** Opens the socket; asks for capped acks with extended error messages. */
  static open(): RtNetlink {
    const fd = openNetlinkSocket(0);
    for (
      const [option, name] of [[NETLINK_EXT_ACK, "NETLINK_EXT_ACK"], [
        NETLINK_CAP_ACK,
        "NETLINK_CAP_ACK",
      ]] as const
    ) {
      try {
        setsockoptInt(fd, SOL_NETLINK, option, 1, name);
      } catch {
        // Older kernels lack these; errors are then reported without the kernel's text.
      }
    }
    return new RtNetlink(fd);
  }

  /** All links (interfaces), with index, name, MAC, flags and MTU. */
  listLinks(): Promise<LinkInfo[]> {
    return this.#dump(
      RTM_GETLINK,
      encodeGetLink(),
      "RTM_GETLINK",
      (m) => m.type === RTM_NEWLINK ? decodeLink(m.payload) : undefined,
    );
  }

  /** One link by index, or `undefined` if there is none (ENODEV). */
  getLink(index: number): Promise<LinkInfo | undefined> {
    return this.#serial(async () => {
      const seq = this.#nextSeq();
      const request = encodeNetlinkMessage({
        type: RTM_GETLINK,
        flags: NLM_F_REQUEST,
        seq,
        pid: 0,
        payload: encodeGetLink(index),
      });
      sendToKernel(this.fd, request, "RTM_GETLINK");
      for (;;) {
        for (const message of await this.#receive(seq, "RTM_GETLINK")) {
          if (message.type === RTM_NEWLINK) return decodeLink(message.payload);
          if (message.type === NLMSG_ERROR) {
            const ack = decodeAck(message);
            if (ack.errno === ERRNO.ENODEV) return undefined;
            throw this.#error(`RTM_GETLINK index ${index}`, ack.errno, ack.message);
          }
        }
      }
    });
  }

  /** All IPv6 addresses, or those of one interface. */
  async listAddresses(ifindex?: number): Promise<AddressInfo[]> {
    const all = await this.#dump(
      RTM_GETADDR,
      encodeGetAddresses(),
      "RTM_GETADDR",
      (m) => m.type === RTM_NEWADDR ? decodeAddress(m.payload) : undefined,
    );
    return ifindex === undefined ? all : all.filter((a) => a.ifindex === ifindex);
  }

  /**
   * Adds an address, or updates its lifetimes and flags if it is already
   * there (NLM_F_CREATE | NLM_F_REPLACE): the same call serves Reply and Renew.
   */
  replaceAddress(request: AddressRequest): Promise<void> {
    return this.#ack(
      RTM_NEWADDR,
      NLM_F_CREATE | NLM_F_REPLACE,
      encodeNewAddress(request),
      `RTM_NEWADDR ${request.address}/${request.prefixLength} dev ${request.ifindex}`,
    );
  }

  /** Adds an address; fails with `EEXIST` if it is already there (NLM_F_EXCL). */
  addAddress(request: AddressRequest): Promise<void> {
    return this.#ack(
      RTM_NEWADDR,
      NLM_F_CREATE | NLM_F_EXCL,
      encodeNewAddress(request),
      `RTM_NEWADDR ${request.address}/${request.prefixLength} dev ${request.ifindex}`,
    );
  }

  /** Removes an address; fails with `EADDRNOTAVAIL` if it is not there. */
  deleteAddress(spec: AddressSpec): Promise<void> {
    return this.#ack(
      RTM_DELADDR,
      0,
      encodeDeleteAddress(spec),
      `RTM_DELADDR ${spec.address}/${spec.prefixLength} dev ${spec.ifindex}`,
    );
  }

  /** All IPv6 routes (every table). */
  listRoutes(): Promise<RouteInfo[]> {
    return this.#dump(
      RTM_GETROUTE,
      encodeGetRoutes(),
      "RTM_GETROUTE",
      (m) => m.type === RTM_NEWROUTE ? decodeRoute(m.payload) : undefined,
    );
  }

  /**
   * Adds or updates a route (default: unreachable, main table, proto dhcp),
   * NLM_F_CREATE | NLM_F_REPLACE.
   */
  replaceRoute(request: RouteRequest): Promise<void> {
    return this.#ack(
      RTM_NEWROUTE,
      NLM_F_CREATE | NLM_F_REPLACE,
      encodeRoute(request),
      `RTM_NEWROUTE ${request.destination}/${request.prefixLength}`,
    );
  }

  /** Adds a route; fails with `EEXIST` if an equal one exists. */
  addRoute(request: RouteRequest): Promise<void> {
    return this.#ack(
      RTM_NEWROUTE,
      NLM_F_CREATE | NLM_F_EXCL,
      encodeRoute(request),
      `RTM_NEWROUTE ${request.destination}/${request.prefixLength}`,
    );
  }

  /** Removes a route; fails with `ESRCH` if there is none. */
  deleteRoute(request: RouteRequest): Promise<void> {
    return this.#ack(
      RTM_DELROUTE,
      0,
      encodeRoute(request),
      `RTM_DELROUTE ${request.destination}/${request.prefixLength}`,
    );
  }

  /** Closes the socket after the requests already queued. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#queue.catch(() => {});
    close(this.fd);
  }

  #nextSeq(): number {
    this.#seq = (this.#seq + 1) >>> 0;
    return this.#seq;
  }

  /** Runs `task` after every earlier request has finished. */
  #serial<T>(task: () => Promise<T>): Promise<T> {
    if (this.#closed) return Promise.reject(new Error("rtnetlink socket is closed"));
    const run = this.#queue.then(task, task);
    this.#queue = run.catch(() => {});
    return run;
  }

  #error(operation: string, errno: number, detail: string | undefined): ErrnoError {
    return new ErrnoError(operation, errno, strerror(errno), detail);
  }

  /** Messages of one reply datagram that answer `seq`, waiting for it if needed. */
  async #receive(seq: number, what: string): Promise<NetlinkMessage[]> {
    for (;;) {
      const messages = receiveMessages(this.fd);
      if (messages === undefined) {
        if (!(await waitReadable(this.fd, REPLY_TIMEOUT_MS))) {
          throw new ErrnoError(`${what} (no reply from the kernel)`, ERRNO.ETIMEDOUT);
        }
        continue;
      }
      const ours = messages.filter((m) => m.seq === seq && m.type !== NLMSG_NOOP);
      if (ours.length > 0) return ours;
    }
  }

  #ack(type: number, flags: number, payload: Uint8Array, what: string): Promise<void> {
    return this.#serial(async () => {
      const seq = this.#nextSeq();
      sendToKernel(
        this.fd,
        encodeNetlinkMessage({
          type,
          flags: NLM_F_REQUEST | NLM_F_ACK | flags,
          seq,
          pid: 0,
          payload,
        }),
        what,
      );
      for (;;) {
        for (const message of await this.#receive(seq, what)) {
          if (message.type !== NLMSG_ERROR) continue;
          const ack = decodeAck(message);
          if (ack.errno !== 0) throw this.#error(what, ack.errno, ack.message);
          return;
        }
      }
    });
  }

  #dump<T>(
    type: number,
    payload: Uint8Array,
    what: string,
    decode: (message: NetlinkMessage) => T | undefined,
  ): Promise<T[]> {
    return this.#serial(async () => {
      for (let attempt = 1;; attempt++) {
        const seq = this.#nextSeq();
        sendToKernel(
          this.fd,
          encodeNetlinkMessage({ type, flags: NLM_F_REQUEST | NLM_F_DUMP, seq, pid: 0, payload }),
          what,
        );
        const results: T[] = [];
        let interrupted = false;
        let done = false;
        while (!done) {
          for (const message of await this.#receive(seq, what)) {
            if (message.flags & NLM_F_DUMP_INTR) interrupted = true;
            if (message.type === NLMSG_DONE) {
              done = true;
              break;
            }
            if (message.type === NLMSG_ERROR) {
              const ack = decodeAck(message);
              throw this.#error(what, ack.errno, ack.message);
            }
            if (message.type === NLMSG_OVERRUN) {
              throw new ErrnoError(`${what} (dump overrun)`, ERRNO.ENOBUFS);
            }
            const value = decode(message);
            if (value !== undefined) results.push(value);
          }
        }
        if (!interrupted || attempt >= DUMP_ATTEMPTS) return results;
      }
    });
  }
}
