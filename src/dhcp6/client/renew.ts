/**
 * Extending leases: Renew at T1 (RFC 9915 §18.2.4) and Rebind at T2
 * (§18.2.5), and the Rebind that checks delegated prefixes after a link
 * change, timed as a Confirm (§18.2.12).
 * @module
 */
import type { ClientServerMessage } from "../message.ts";
import { limitsFor, TRANSMISSION_PARAMETERS } from "../retransmit.ts";
import type { ClientCore } from "./state.ts";
import { type Exchange, startExchange } from "./exchange.ts";
import { clientId, elapsedTime, extraOptions, iaOption, oro, serverId } from "./messages.ts";
import { expireLeases, lastExpiry, rebindAt } from "./ia.ts";
import {
  afterLeaseLoss,
  emitLeaseChanged,
  emitLossHook,
  installedLeaseCount,
  resumeBound,
} from "./bound.ts";

/** What started a Renew or Rebind. */
export interface RenewOptions {
  /** Why the exchange starts, written to the log. */
  readonly why: string;
}

/**
 * Starts a Renew to the server of the bindings, carrying every IA (leases
 * held, or empty to retry it, §18.2.4); it runs until the earliest T2.
 */
export function startRenew(core: ClientCore, now: number, opts: RenewOptions): void {
  const server = core.server;
  const t2 = rebindAt(core);
  if (!server || t2 <= now) {
    startRebind(core, now, { ...opts, why: `${opts.why}; T2 already reached` });
    return;
  }
  core.log("info", `renewing: ${opts.why}`);
  core.setState("renewing");
  startExchange(core, now, {
    kind: "renew",
    limits: limitsFor("RENEW", Number.isFinite(t2) ? { deadline: t2 } : {}),
    delay: 0,
    serverDuid: server.duid,
    build: (ex, elapsed) => extendingMessage(core, ex, elapsed, server.duid),
    onFail: (c, t) => startRebind(c, t, { why: "no Reply to RENEW by T2 (RFC 9915 §18.2.4)" }),
  });
}

/** What started a Rebind. */
export interface RebindOptions extends RenewOptions {
  /** After a link change: Confirm's timing, and no answer keeps the leases (§18.2.12). */
  readonly confirmTiming?: boolean;
}

/**
 * Starts a Rebind to any server, carrying every IA; it runs until the last
 * valid lifetime ends (§18.2.5), or for CNF_MAX_RD after a link change.
 */
export function startRebind(core: ClientCore, now: number, opts: RebindOptions): void {
  core.log("info", `rebinding: ${opts.why}`);
  core.setState("rebinding");
  const confirmTiming = opts.confirmTiming ?? false;
  const end = lastExpiry(core);
  const limits = confirmTiming
    ? limitsFor("CONFIRM")
    : limitsFor("REBIND", Number.isFinite(end) ? { deadline: end } : {});
  startExchange(core, now, {
    kind: "rebind",
    limits,
    delay: confirmTiming ? core.randomDelay(TRANSMISSION_PARAMETERS.CONFIRM.maxDelay * 1000) : 0,
    confirmTiming,
    build: (ex, elapsed) => extendingMessage(core, ex, elapsed),
    onFail: (c, t) => {
      if (confirmTiming) {
        resumeBound(
          c,
          "no Reply to REBIND within CNF_MAX_RD after the link change (RFC 9915 §18.2.12)",
        );
        return;
      }
      // The deadline was the last valid lifetime when the Rebind began (§18.2.5). A Reply
      // that extended some IAs but lacked others may have left leases past it: those go
      // back to their own T1/T2 timers instead of waiting, unrenewed, for their expiry.
      const installed = installedLeaseCount(c);
      expireLeases(c, t);
      if (c.hasLeases) {
        resumeBound(c, "REBIND deadline passed with leases a Reply extended");
        emitLeaseChanged(c, t);
        emitLossHook(c, t, "EXPIRE", installed);
        return;
      }
      afterLeaseLoss(c, t, "EXPIRE", installed);
    },
  });
}

/**
 * The Renew (naming `serverDuid`) or Rebind (to any server) of `ex`: every
 * IA with its leases, or, for one the server has not bound, empty but for
 * prefix-length hints: §18.2.4 forbids addresses and prefixes the client did
 * not obtain from the server (§18.2.5 builds the Rebind the same way).
 */
function extendingMessage(
  core: ClientCore,
  ex: Exchange,
  elapsed: number,
  serverDuid?: Uint8Array,
): ClientServerMessage {
  return {
    type: ex.type,
    transactionId: ex.transactionId,
    options: [
      clientId(core),
      ...(serverDuid ? [serverId(serverDuid)] : []),
      elapsedTime(elapsed),
      ...core.ias.map((ia) => iaOption(core, ia, "assigned")),
      oro(core, false),
      ...extraOptions(core),
    ],
  };
}
