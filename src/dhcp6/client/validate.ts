/**
 * Validation of received messages (RFC 9915 §16): every reason to drop one is
 * named, counted and logged by the caller.
 * @module
 */
import { MessageType } from "../constants.ts";
import type { ClientServerMessage } from "../message.ts";
import type { ClientCore } from "./state.ts";
import { findOption, sameBytes } from "./messages.ts";
import { messageName, transactionIdHex } from "./exchange.ts";

/** Why a message is dropped: a counter key and a sentence. */
export interface DropReason {
  /** Counter key for the dropped-message counters, e.g. "transaction-id". */
  readonly reason: string;
  /** A sentence naming the message and what was wrong with it, for the log. */
  readonly detail: string;
}

/**
 * Checks an Advertise or Reply against the running exchange (§16.3, §16.10):
 * transaction id, Server ID present, Client ID present and ours; a Reply to
 * Renew only from the server asked. Null when valid.
 */
export function validateResponse(core: ClientCore, m: ClientServerMessage): DropReason | null {
  const name = messageName(m.type);
  const ex = core.exchange;
  if (!ex || ex.sendAt !== undefined && ex.retransmission.count === 0) {
    return { reason: "no-exchange", detail: `${name}: no exchange is waiting for it` };
  }
  if (m.transactionId !== ex.transactionId) {
    return {
      reason: "transaction-id",
      detail: `${name}: transaction id 0x${transactionIdHex(m.transactionId)} is not ours (0x${
        transactionIdHex(ex.transactionId)
      })`,
    };
  }
  if (m.type === MessageType.ADVERTISE && ex.kind !== "solicit") {
    return { reason: "unexpected-type", detail: `ADVERTISE while not soliciting (${ex.kind})` };
  }
  const sid = findOption(m.options, "SERVERID");
  if (!sid) {
    return { reason: "missing-server-id", detail: `${name}: no Server Identifier (RFC 9915 §16)` };
  }
  const cid = findOption(m.options, "CLIENTID");
  if (!cid) {
    return { reason: "missing-client-id", detail: `${name}: no Client Identifier (RFC 9915 §16)` };
  }
  if (!sameBytes(cid.duid, core.config.duid)) {
    return { reason: "client-id-mismatch", detail: `${name}: Client Identifier is not our DUID` };
  }
  if (
    m.type === MessageType.REPLY && ex.kind === "renew" && ex.serverDuid &&
    !sameBytes(sid.duid, ex.serverDuid)
  ) {
    return {
      reason: "wrong-server",
      detail: "REPLY to RENEW from a server other than the one asked",
    };
  }
  return null;
}
