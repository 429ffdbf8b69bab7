/**
 * Waiting on several descriptors without blocking the event loop.
 *
 * {@link Poller.wait} runs poll(2) as a `nonblocking` FFI call, i.e. on a
 * worker thread, so timers, signal handlers and promises keep running while
 * it waits. A close-on-exec eventfd is always in the set: {@link Poller.wake}
 * writes to it, so SIGTERM / SIGHUP handlers interrupt the wait at once.
 *
 * The caller passes the time until its next timer as the timeout; with no
 * timer it waits forever. Nothing wakes up periodically: an idle, bound
 * agent sleeps in one poll until its next renewal is due.
 * @module
 */
import { HOST_LE } from "./host_order.ts";
import { libc } from "./libc.ts";
import {
  EFD_CLOEXEC,
  EFD_NONBLOCK,
  POLLERR,
  POLLHUP,
  POLLIN,
  POLLNVAL,
} from "./socket_constants.ts";
import { close, throwErrno } from "./syscalls.ts";

/** Size of `struct pollfd`: `i32 fd, i16 events, i16 revents`. */
const POLLFD_SIZE = 8;
/** poll(2) takes an `int` of milliseconds. */
const MAX_TIMEOUT_MS = 0x7fffffff;

/** What one {@link Poller.wait} saw. */
export interface Readiness {
  /** Descriptors with data, an error or a hang-up: read them until EAGAIN. */
  readonly readable: ReadonlySet<number>;
  /** Descriptors poll reported as not open (POLLNVAL): a bookkeeping bug in the caller. */
  readonly invalid: ReadonlySet<number>;
  /** {@link Poller.wake} was called since the previous wait. */
  readonly woken: boolean;
  /** The timeout expired with nothing ready. */
  readonly timedOut: boolean;
}

/**
 * The poll(2) timeout in milliseconds for a deadline, given the current time
 * (both on the same millisecond clock). `undefined` (no timer) gives -1, wait
 * forever. Rounds up, so a wait never ends just before its deadline and spins.
 */
export function timeoutUntil(deadline: number | undefined, now: number): number {
  if (deadline === undefined) return -1;
  const remaining = Math.ceil(deadline - now);
  if (!(remaining > 0)) return 0;
  return Math.min(remaining, MAX_TIMEOUT_MS);
}

/** Packs `struct pollfd` entries asking for POLLIN on each descriptor. */
export function packPollfds(fds: readonly number[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(fds.length * POLLFD_SIZE);
  const view = new DataView(out.buffer);
  fds.forEach((fd, i) => {
    view.setInt32(i * POLLFD_SIZE, fd, HOST_LE);
    view.setInt16(i * POLLFD_SIZE + 4, POLLIN, HOST_LE);
  });
  return out;
}

/** Reads the `revents` of each entry packed by {@link packPollfds}. */
export function unpackRevents(bytes: Uint8Array): number[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  const out: number[] = [];
  for (let offset = 0; offset + POLLFD_SIZE <= bytes.length; offset += POLLFD_SIZE) {
    out.push(view.getUint16(offset + 6, HOST_LE));
  }
  return out;
}

/**
 * A poll(2) wait with a wake-up descriptor. One wait at a time.
 *
 * ```ts
 * const poller = Poller.open();
 * Deno.addSignalListener("SIGTERM", () => { stopping = true; poller.wake(); });
 * while (!stopping) {
 *   const ready = await poller.wait([udp.fd, monitor.fd], timeoutUntil(next, now()));
 *   if (ready.readable.has(udp.fd)) for (let d; (d = udp.receive()); ) handle(d);
 * }
 * poller.close();
 * ```
 */
export class Poller {
  /** The eventfd that {@link wake} writes to. */
  readonly wakeFd: number;
  #waiting: Promise<Readiness> | undefined;
  #closed = false;

  private constructor(wakeFd: number) {
    this.wakeFd = wakeFd;
  }

  /** Creates a poller with its own close-on-exec, non-blocking eventfd. */
  static open(): Poller {
    const fd = libc().eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    if (fd < 0) throwErrno("eventfd");
    return new Poller(fd);
  }

  /**
   * Interrupts the current (or the next) {@link wait}. Cheap and safe to call
   * from signal listeners, several times: wake-ups coalesce.
   */
  wake(): void {
    if (this.#closed) return;
    const one = new Uint8Array(8);
    new DataView(one.buffer).setBigUint64(0, 1n, HOST_LE);
    // EAGAIN means the counter is already non-zero: the wait is woken anyway.
    libc().write(this.wakeFd, one, 8n);
  }

  /**
   * Waits until one of `fds` is readable, {@link wake} is called, or
   * `timeoutMs` passes (-1: no limit; see {@link timeoutUntil}).
   * @throws {Error} if another wait is in progress or the poller is closed;
   * {RangeError} for a NaN timeout.
   */
  async wait(fds: readonly number[], timeoutMs: number): Promise<Readiness> {
    if (this.#closed) throw new Error("poller is closed");
    if (this.#waiting) throw new Error("a poll wait is already in progress");
    if (Number.isNaN(timeoutMs)) throw new RangeError("poll timeout is NaN");
    const timeout = timeoutMs < 0 ? -1 : Math.min(Math.ceil(timeoutMs), MAX_TIMEOUT_MS);
    const all = [this.wakeFd, ...fds];
    const pollfds = packPollfds(all);
    const pending = (async (): Promise<Readiness> => {
      const count = await libc().poll(pollfds, BigInt(all.length), timeout);
      const readable = new Set<number>();
      const invalid = new Set<number>();
      let woken = false;
      if (count > 0) {
        unpackRevents(pollfds).forEach((revents, i) => {
          const fd = all[i]!;
          if (revents & POLLNVAL) invalid.add(fd);
          else if (revents & (POLLIN | POLLERR | POLLHUP)) {
            if (i === 0) woken = true;
            else readable.add(fd);
          }
        });
      }
      if (woken) this.#drainWake();
      // count < 0 is EINTR in practice (errno is on the worker thread and cannot
      // be read here): reported as nothing ready, so the caller simply waits again.
      return { readable, invalid, woken, timedOut: count === 0 };
    })();
    this.#waiting = pending;
    try {
      return await pending;
    } finally {
      this.#waiting = undefined;
      if (this.#closed) close(this.wakeFd);
    }
  }

  /** Closes the wake-up descriptor, after interrupting a wait in progress. */
  close(): void {
    if (this.#closed) return;
    if (this.#waiting) {
      this.wake();
      this.#closed = true; // the wait's `finally` closes the descriptor
      return;
    }
    this.#closed = true;
    close(this.wakeFd);
  }

  #drainWake(): void {
    const counter = new Uint8Array(8);
    libc().read(this.wakeFd, counter, 8n);
  }
}

/**
 * Waits (off the event loop) until one descriptor is readable or `timeoutMs`
 * passes; true if readable. For short waits inside one operation, such as a
 * netlink reply that is not queued yet; the agent's main loop uses {@link Poller}.
 */
export async function waitReadable(fd: number, timeoutMs: number): Promise<boolean> {
  const pollfd = packPollfds([fd]);
  const count = await libc().poll(pollfd, 1n, Math.min(Math.ceil(timeoutMs), MAX_TIMEOUT_MS));
  return count > 0 && (unpackRevents(pollfd)[0]! & (POLLIN | POLLERR | POLLHUP)) !== 0;
}
