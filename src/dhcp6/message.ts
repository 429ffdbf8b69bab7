/**
 * The typed model of a DHCPv6 message (RFC 9915 §8 and §9).
 * @module
 */
import type { Option } from "./options/types.ts";

/** Client/server message types (every type but RELAY-FORW/RELAY-REPL). */
export type ClientServerType = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11;

/** A client/server message (RFC 9915 §8): type, 24-bit transaction id, options. */
export interface ClientServerMessage {
  readonly type: ClientServerType;
  /** The transaction id, 0 … 0xffffff. */
  readonly transactionId: number;
  readonly options: readonly Option[];
}

/** A relay agent/server message (RFC 9915 §9). */
export interface RelayMessage {
  readonly type: 12 | 13;
  readonly hopCount: number;
  readonly linkAddress: string;
  readonly peerAddress: string;
  readonly options: readonly Option[];
}

/** Any DHCPv6 message. */
export type Message = ClientServerMessage | RelayMessage;

/** True for RELAY-FORW and RELAY-REPL. */
export function isRelayMessage(m: Message): m is RelayMessage {
  return m.type === 12 || m.type === 13;
}
