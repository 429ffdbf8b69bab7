/**
 * The typed model of a DHCPv6 message (RFC 9915 §8 and §9).
 * @module
 */
import type { Option } from "./options/types.ts";

/** Client/server message types (RFC 9915 §7.3; every type but RELAY-FORW/RELAY-REPL). */
export type ClientServerType = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11;

/** A client/server message (RFC 9915 §8): type, 24-bit transaction id, options. */
export interface ClientServerMessage {
  /** The message type (RFC 9915 §7.3). */
  readonly type: ClientServerType;
  /** The transaction id, 0 … 0xffffff. */
  readonly transactionId: number;
  /** The message's options, in the order sent. */
  readonly options: readonly Option[];
}

/** A relay agent/server message (RFC 9915 §9). */
export interface RelayMessage {
  /** RELAY-FORW (12) or RELAY-REPL (13). */
  readonly type: 12 | 13;
  /** How many relays have relayed the message. */
  readonly hopCount: number;
  /** The address a relay uses to identify the client's link (RFC 5952 text; :: when unset). */
  readonly linkAddress: string;
  /** The address of the client or relay the message came from or goes to (RFC 5952 text). */
  readonly peerAddress: string;
  /** The relay message's options (RELAY_MSG among them), in the order sent. */
  readonly options: readonly Option[];
}

/** Any DHCPv6 message (RFC 9915 §8, §9). */
export type Message = ClientServerMessage | RelayMessage;

/** True for RELAY-FORW and RELAY-REPL (RFC 9915 §9). */
export function isRelayMessage(m: Message): m is RelayMessage {
  return m.type === 12 || m.type === 13;
}
