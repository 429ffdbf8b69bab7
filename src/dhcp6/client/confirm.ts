/**
 * Confirm (RFC 9915 §18.2.3, §18.2.10.3): after a possible link change a
 * client holding only addresses asks whether they still fit the link.
 * @module
 */
import { MessageType, StatusCode } from "../constants.ts";
import { limitsFor, TRANSMISSION_PARAMETERS } from "../retransmit.ts";
import type { ClientServerMessage } from "../message.ts";
import type { ClientCore } from "./state.ts";
import { endExchange, type Exchange, onExchangeTimeout, startExchange } from "./exchange.ts";
import { clientId, describeStatus, elapsedTime, iaOption, statusOf } from "./messages.ts";
import { withdrawAll } from "./ia.ts";
import { emitLeaseChanged, emitLossHook, installedLeaseCount, resumeBound } from "./bound.ts";
import { startSolicit } from "./solicit.ts";

/** Starts a Confirm after 0–CNF_MAX_DELAY, carrying every IA_NA with its addresses. */
export function startConfirm(core: ClientCore, now: number, why: string): void {
  core.log("info", `confirming addresses: ${why}`);
  core.setState("confirming");
  startExchange(core, now, {
    kind: "confirm",
    limits: limitsFor("CONFIRM"),
    delay: core.randomDelay(TRANSMISSION_PARAMETERS.CONFIRM.maxDelay * 1000),
    build: (ex, elapsed) => ({
      type: MessageType.CONFIRM,
      transactionId: ex.transactionId,
      options: [
        clientId(core),
        elapsedTime(elapsed),
        // T1, T2 and lifetimes 0: the server ignores them (§18.2.3).
        ...core.ias.filter((ia) => ia.addresses.length > 0).map((ia) =>
          iaOption(core, ia, "leases")
        ),
      ],
    }),
    onFail: (c) => resumeBound(c, "no Reply to CONFIRM within CNF_MAX_RD (RFC 9915 §18.2.3)"),
  });
}

/**
 * Success keeps the addresses, even after another server said NotOnLink.
 * NotOnLink ends the retransmissions but not the listening: only when the RT
 * then running ends without a Success are the addresses dropped (§18.2.10.3).
 */
export function handleConfirmReply(
  core: ClientCore,
  from: string,
  m: ClientServerMessage,
): void {
  const s = statusOf(m.options);
  if (s.code === StatusCode.Success) {
    endExchange(core);
    resumeBound(core, `REPLY to CONFIRM from ${from}: addresses still on link`);
    return;
  }
  const ex = core.exchange!;
  if (s.code === StatusCode.NotOnLink) {
    if (ex.notOnLinkFrom === undefined) {
      ex.notOnLinkFrom = from;
      core.log(
        "debug",
        `REPLY to CONFIRM from ${from} says NotOnLink: no more retransmissions; waiting for the RT to end in case another server answers Success`,
      );
    }
    return;
  }
  core.drop("reply-status", () => `REPLY to CONFIRM from ${from}: status ${describeStatus(s)}`);
}

/**
 * The Confirm timer: after a NotOnLink with no Success since, the addresses
 * are withdrawn, discovery starts again, and the hook runs with NOTONLINK.
 */
export function onConfirmTimeout(core: ClientCore, ex: Exchange, now: number): void {
  if (ex.notOnLinkFrom === undefined) {
    onExchangeTimeout(core, ex, now);
    return;
  }
  endExchange(core);
  const installed = installedLeaseCount(core);
  withdrawAll(core, `REPLY to CONFIRM from ${ex.notOnLinkFrom} said NotOnLink`);
  core.forgetServer();
  emitLeaseChanged(core, now);
  startSolicit(core, now, "addresses not on link (RFC 9915 §18.2.10.3)");
  emitLossHook(core, now, "NOTONLINK", installed);
}
