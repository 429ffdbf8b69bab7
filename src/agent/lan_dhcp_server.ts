/**
 * The stateless DHCPv6 server of one LAN interface at run time (RFC 9915
 * §18.3.6; RFC 7084 L-8, L-10): its UDP 547 socket, bound to the interface
 * and joined to ff02::1:2, and the pure server (`src/dhcp6/server/`) that
 * decides each answer. Every datagram is answered or dropped with a counted
 * reason; nothing from the wire reaches a log line above debug.
 * @module
 */
import { type ServerData, StatelessServer } from "../dhcp6/server/stateless_server.ts";
import { errorText } from "./errors.ts";
import type { Logger } from "./ports.ts";
import { MAX_MESSAGES_PER_WAKE } from "./lan_nd_io.ts";

/** The UDP socket on port 547 of one LAN interface (ffi/udp6_socket.ts). */
export interface ServerSocket {
  /** The descriptor to poll. */
  readonly fd: number;
  /** Sends `bytes` to `destination`:`port` out of the interface. */
  send(bytes: Uint8Array, destination: string, port: number): void;
  /** The next received datagram, or undefined. */
  receive(): { bytes: Uint8Array; source: string; port: number; destination?: string } | undefined;
  /** Closes it. */
  close(): void;
}

/** One LAN interface's stateless server: socket, answers, counters. */
export class LanDhcpServer {
  readonly #name: string;
  readonly #logger: Logger;
  readonly #server = new StatelessServer();
  #socket: ServerSocket | undefined;
  /** Why the server does not run, for `edge6 status`. */
  problem: string | undefined;

  /** A closed server for interface `name`. */
  constructor(name: string, logger: Logger) {
    this.#name = name;
    this.#logger = logger;
  }

  /** The socket's descriptor while it is open. */
  get fd(): number | undefined {
    return this.#socket?.fd;
  }

  /** Whether the socket is open. */
  get running(): boolean {
    return this.#socket !== undefined;
  }

  /** The pure server's counters (answers, drops by reason). */
  counters(): ReturnType<StatelessServer["counters"]> {
    return this.#server.counters();
  }

  /** Opens the socket with `open` unless it is open; a failure is logged and kept as the problem. */
  open(open: () => ServerSocket): void {
    if (this.#socket !== undefined) return;
    try {
      this.#socket = open();
      this.problem = undefined;
    } catch (error) {
      const text = errorText(error);
      this.problem = `no DHCPv6 server: ${text}`;
      this.#logger.log(
        "error",
        `${this.#name}: cannot serve DHCPv6 on port 547: ${text}` +
          (text.includes("EADDRINUSE")
            ? " (another DHCPv6 server, such as dnsmasq or odhcpd, holds the port)"
            : ""),
      );
    }
  }

  /** Closes the socket. */
  close(): void {
    this.#socket?.close();
    this.#socket = undefined;
  }

  /** Reads the queued datagrams, a bounded number a wake-up, and answers them from `data`. */
  read(data: ServerData, now: number): void {
    const socket = this.#socket;
    if (socket === undefined) return;
    const debug = this.#logger.enabled?.("debug") ?? true;
    for (let i = 0; i < MAX_MESSAGES_PER_WAKE; i++) {
      const d = socket.receive();
      if (d === undefined) return;
      const outcome = this.#server.handle(
        {
          bytes: d.bytes,
          source: d.source,
          ...(d.destination === undefined ? {} : { destination: d.destination }),
        },
        data,
        now,
      );
      if (outcome.type === "drop") {
        // No text for a line that is not printed: a flood of junk costs a counter.
        if (debug) {
          this.#logger.log(
            "debug",
            `${this.#name}: DHCPv6 message from ${d.source} dropped: ${outcome.reason}`,
          );
        }
        continue;
      }
      try {
        socket.send(outcome.bytes, d.source, d.port);
        this.#logger.log("debug", `${this.#name}: ${outcome.message} sent to ${d.source}`);
      } catch (error) {
        this.#logger.log(
          "warn",
          `${this.#name}: sending a DHCPv6 ${outcome.message} to ${d.source} failed: ${
            errorText(error)
          }`,
        );
      }
    }
  }
}
