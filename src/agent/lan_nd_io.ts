/**
 * Router Advertisements out and Router Solicitations and Advertisements in,
 * on one LAN interface's raw ICMPv6 socket (RFC 4861 §6.2.4, §6.1.1, §6.2.7):
 * the RA engine decides, these carry its messages.
 * @module
 */
import { decodeNdMessage } from "../ra/nd_codec.ts";
import type { RaEngine } from "../ra/engine.ts";
import { errorText } from "./errors.ts";
import type { LinkReadiness } from "./link_readiness.ts";
import type { Logger } from "./ports.ts";

/**
 * Most messages read from one socket in one wake-up: a flood on a LAN link
 * cannot hold the loop away from timers, signals and the other sockets (the
 * rest stays queued, and poll(2) reports the socket again).
 */
export const MAX_MESSAGES_PER_WAKE = 1000;

/** The raw ICMPv6 socket of one LAN interface (ffi/icmp6_socket.ts). */
export interface RaSocket {
  /** The descriptor to poll. */
  readonly fd: number;
  /** Sends one ICMPv6 message from `source`. */
  send(bytes: Uint8Array, destination: string, source: string): void;
  /** The next received message, or undefined. */
  receive(): { data: Uint8Array; source: string; hopLimit: number | undefined } | undefined;
  /** Closes it. */
  close(): void;
}

/** Where send failures are told, once per distinct error until a send works again. */
export interface SendReport {
  /** The LAN interface, for log lines. */
  readonly name: string;
  /** Where the warning goes. */
  readonly logger: Logger;
  /** Errors already logged, by text; cleared by a send that works. */
  readonly errors: Set<string>;
}

/**
 * Sends every RA the engine has due at `now` from `source` (the interface's
 * link-local address, RFC 4861 §6.1.2); without a socket or a usable source
 * the RAs are dropped (the engine sends again on its schedule). True when a
 * send failed.
 */
export function sendAdvertisements(
  engine: RaEngine,
  socket: RaSocket | undefined,
  source: string | undefined,
  now: number,
  report: SendReport,
): boolean {
  let failed = false;
  for (let t = engine.pollTransmit(now); t; t = engine.pollTransmit(now)) {
    if (socket === undefined || source === undefined) continue;
    for (const bytes of t.messages) {
      try {
        socket.send(bytes, t.destination, source);
        report.errors.clear();
      } catch (error) {
        failed = true;
        const text = errorText(error);
        if (report.errors.has(text)) continue;
        report.errors.add(text);
        report.logger.log("warn", `${report.name}: sending a Router Advertisement failed: ${text}`);
      }
    }
  }
  return failed;
}

/**
 * Reads the queued RSs and RAs, at most {@link MAX_MESSAGES_PER_WAKE} a
 * wake-up: each is checked as RFC 4861 §6.1 says, then
 * handed to `engine` (undefined: read and discarded, as after stop). RAs sent
 * from one of this interface's own link-local addresses are ours, looped back.
 */
export function readNeighborDiscovery(
  socket: RaSocket,
  engine: RaEngine | undefined,
  link: LinkReadiness,
  now: number,
): void {
  for (let i = 0; i < MAX_MESSAGES_PER_WAKE; i++) {
    const m = socket.receive();
    if (m === undefined) return;
    if (engine === undefined) continue;
    const decoded = decodeNdMessage(m.data, m.source, m.hopLimit);
    if (!decoded.ok) {
      engine.countDrop(decoded.reason);
      continue;
    }
    if (decoded.message.type === "rs") engine.handleSolicit(now, m.source);
    else if (!(link.linkLocals ?? []).includes(m.source)) {
      engine.handleAdvertisement(now, m.source, decoded.message.advertisement);
    }
  }
}
