/**
 * Sending an engine's datagram out of its interface (RFC 9915 §13.1: from the
 * link-local address, to ff02::1:2), and telling an expected failure, just
 * after the link came up, from a real one.
 * @module
 */
import type { Transmit } from "../dhcp6/client/types.ts";
import { errorText, isAddressNotReady } from "./errors.ts";
import type { LinkInfo, Logger, Transport } from "./ports.ts";

/**
 * How long after a link comes up a send may still fail because IPv6 on it is
 * not ready (the agent waits for a finished link-local address, but the
 * kernel's routes to ff02::1:2 may trail it, and addresses may be unreadable).
 */
export const LINK_SETTLE_MS = 10_000;

/** What a send needs. */
export interface SendPorts {
  /** The DHCPv6 client socket. */
  readonly transport: Pick<Transport, "send">;
  /** Interfaces by name, as last reported. */
  readonly links: { get(name: string): LinkInfo | undefined };
  /** Where failures are logged. */
  readonly logger: Logger;
}

/**
 * Sends `t`; a failure is logged, never thrown: the engine's retransmission
 * (RFC 9915 §15) tries again. `sinceLinkUp` is how long (ms) the link has
 * been usable: a send refused for want of a ready link-local address in its
 * first seconds is expected and logged at debug only.
 */
export function sendTransmit(ports: SendPorts, t: Transmit, sinceLinkUp: number): void {
  const link = ports.links.get(t.interfaceName);
  if (link === undefined) {
    ports.logger.log("warn", `${t.interfaceName}: cannot send: interface not present`);
    return;
  }
  try {
    ports.transport.send(link.index, t.destination, t.bytes);
  } catch (error) {
    if (isAddressNotReady(error) && sinceLinkUp < LINK_SETTLE_MS) {
      // Just after the link comes up it has no link-local address yet, or
      // one still tentative (RFC 4862 §5.4); the engine's retransmission
      // goes out once it is ready, so this is expected, not a fault.
      ports.logger.log(
        "debug",
        `${t.interfaceName}: link-local address not ready yet (duplicate address detection); ${t.destination} is tried again at the next retransmission`,
      );
      return;
    }
    const hint = isAddressNotReady(error)
      ? ` (no usable link-local address: is IPv6 enabled on ${t.interfaceName}?)`
      : "";
    ports.logger.log(
      "warn",
      `${t.interfaceName}: sending to ${t.destination} failed: ${errorText(error)}${hint}`,
    );
  }
}
