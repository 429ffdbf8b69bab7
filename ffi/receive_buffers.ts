/**
 * The buffers of recvmsg(2) for one socket, made once and reused by every
 * receive: a 64 KiB payload buffer allocated per datagram is garbage that
 * V8 collects late (its backing store lives outside the heap), so a flood of
 * junk from the WAN would grow the agent's memory by tens of megabytes
 * before the next collection. Only the datagram itself is copied out.
 * @module
 */
import { HOST_LE } from "./host_order.ts";
import { MSGHDR_SIZE, packIovec, packMsghdr } from "./msghdr.ts";
import { SOCKADDR_IN6_SIZE } from "./sockaddr_in6.ts";
import { addressOf } from "./syscalls.ts";

/** One socket's recvmsg buffers; the header is reset before each call. */
export class ReceiveBuffers {
  /** The sender's `sockaddr_in6`. */
  readonly name: Uint8Array<ArrayBuffer> = new Uint8Array(SOCKADDR_IN6_SIZE);
  /** The payload, as large as the largest datagram the socket can receive. */
  readonly payload: Uint8Array<ArrayBuffer>;
  /** The ancillary data (control messages). */
  readonly control: Uint8Array<ArrayBuffer>;
  /** The `msghdr` to pass to recvmsg(2), pointing at the buffers above. */
  readonly header: Uint8Array<ArrayBuffer>;
  readonly #iov: Uint8Array<ArrayBuffer>;
  readonly #view: DataView;

  /** Buffers for payloads up to `payloadSize` bytes and `controlSize` bytes of control data. */
  constructor(payloadSize: number, controlSize: number) {
    this.payload = new Uint8Array(payloadSize);
    this.control = new Uint8Array(controlSize);
    this.#iov = packIovec(addressOf(this.payload), payloadSize);
    this.header = packMsghdr({
      name: addressOf(this.name),
      nameLength: this.name.length,
      iov: addressOf(this.#iov),
      iovLength: 1,
      control: addressOf(this.control),
      controlLength: this.control.length,
      flags: 0,
    });
    this.#view = new DataView(this.header.buffer, 0, MSGHDR_SIZE);
  }

  /** Restores the lengths and flags that the previous recvmsg(2) overwrote. */
  reset(): Uint8Array<ArrayBuffer> {
    this.#view.setUint32(8, this.name.length, HOST_LE);
    this.#view.setBigUint64(40, BigInt(this.control.length), HOST_LE);
    this.#view.setInt32(48, 0, HOST_LE);
    return this.header;
  }

  /** `msg_namelen` as the last recvmsg(2) left it. */
  get nameLength(): number {
    return this.#view.getUint32(8, HOST_LE);
  }

  /** `msg_controllen` as the last recvmsg(2) left it. */
  get controlLength(): number {
    return Number(this.#view.getBigUint64(40, HOST_LE));
  }

  /** `msg_flags` as the last recvmsg(2) left it (MSG_TRUNC…). */
  get flags(): number {
    return this.#view.getInt32(48, HOST_LE);
  }
}
