/**
 * Validation of received messages (RFC 9915 §16): every reason to drop one is
 * named, counted and logged by the caller. Checking builds nothing: the
 * reason is a constant key, and the sentence for the log is made by
 * {@link describeInvalid} only when the log prints it.
 * @module
 */
import { MessageType } from "../constants.ts";
import type { ClientServerMessage } from "../message.ts";
import type { ClientCore } from "./state.ts";
import { findOption, sameBytes } from "./messages.ts";
import { messageName, transactionIdHex } from "./exchange.ts";

/** Why an Advertise or Reply is dropped: the key of the dropped-message counters. */
export type InvalidReason =
  | "no-exchange"
  | "transaction-id"
  | "unexpected-type"
  | "missing-server-id"
  | "missing-client-id"
  | "client-id-mismatch"
  | "wrong-server";

/**
 * Checks an Advertise or Reply against the running exchange (§16.3, §16.10):
 * transaction id, Server ID present, Client ID present and ours; a Reply to
 * Renew only from the server asked. Null when valid.
 */
export function validateResponse(core: ClientCore, m: ClientServerMessage): InvalidReason | null {
  const ex = core.exchange;
  if (!ex || ex.sendAt !== undefined && ex.retransmission.count === 0) return "no-exchange";
  if (m.transactionId !== ex.transactionId) return "transaction-id";
  if (m.type === MessageType.ADVERTISE && ex.kind !== "solicit") return "unexpected-type";
  const sid = findOption(m.options, "SERVERID");
  if (!sid) return "missing-server-id";
  const cid = findOption(m.options, "CLIENTID");
  if (!cid) return "missing-client-id";
  if (!sameBytes(cid.duid, core.config.duid)) return "client-id-mismatch";
  if (
    m.type === MessageType.REPLY && ex.kind === "renew" && ex.serverDuid &&
    !sameBytes(sid.duid, ex.serverDuid)
  ) {
    return "wrong-server";
  }
  return null;
}

/** A sentence naming the message and what was wrong with it, for the debug log. */
export function describeInvalid(
  core: ClientCore,
  m: ClientServerMessage,
  reason: InvalidReason,
): string {
  const name = messageName(m.type);
  switch (reason) {
    case "no-exchange":
      return `${name}: no exchange is waiting for it`;
    case "transaction-id":
      return `${name}: transaction id 0x${transactionIdHex(m.transactionId)} is not ours (0x${
        transactionIdHex(core.exchange?.transactionId ?? 0)
      })`;
    case "unexpected-type":
      return `ADVERTISE while not soliciting (${core.exchange?.kind})`;
    case "missing-server-id":
      return `${name}: no Server Identifier (RFC 9915 §16)`;
    case "missing-client-id":
      return `${name}: no Client Identifier (RFC 9915 §16)`;
    case "client-id-mismatch":
      return `${name}: Client Identifier is not our DUID`;
    case "wrong-server":
      return "REPLY to RENEW from a server other than the one asked";
  }
}
