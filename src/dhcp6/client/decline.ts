/**
 * Decline (RFC 9915 §18.2.8): an address that failed duplicate address
 * detection is removed, declined to its server, and a new one requested.
 * @module
 */
import { MessageType } from "../constants.ts";
import type { Option } from "../options/types.ts";
import { limitsFor } from "../retransmit.ts";
import type { ClientCore } from "./state.ts";
import { endExchange, startExchange } from "./exchange.ts";
import { clientId, elapsedTime, iaAddress, serverId } from "./messages.ts";
import { iaLabel } from "./ia.ts";
import { afterLeaseLoss, emitLeaseChanged, emitLossHook, installedLeaseCount } from "./bound.ts";
import { startRequest } from "./request.ts";
import { startSolicit } from "./solicit.ts";

/**
 * The kernel found `address` in use on the link: it is removed, the hook
 * runs with DECLINE and the state without it, and it is declined.
 */
export function handleDadFailed(core: ClientCore, now: number, address: string): void {
  const ia = core.ias.find((i) => i.addresses.some((a) => a.address === address));
  if (!ia) {
    core.log("debug", `ignoring DAD failure of ${address}: not a leased address`);
    return;
  }
  if (core.state === "releasing" || core.state === "stopped") {
    core.log("debug", `ignoring DAD failure of ${address}: ${core.state}`);
    return;
  }
  if (ia.unconfirmed) {
    core.log("debug", `ignoring DAD failure of ${address}: a lease of unknown age, not installed`);
    return;
  }
  const installed = installedLeaseCount(core);
  const lease = ia.addresses.find((a) => a.address === address)!;
  ia.addresses.splice(ia.addresses.indexOf(lease), 1);
  core.log(
    "warn",
    `${
      iaLabel(ia)
    }: ${address} is in use on the link (DAD failed): declining it (RFC 9915 §18.2.8)`,
  );
  core.act({ type: "address-remove", lease });
  core.declining.push(lease);
  const server = core.server;
  if (!server) {
    afterLeaseLoss(core, now, "DECLINE", installed);
    return;
  }
  emitLeaseChanged(core, now);
  endExchange(core);
  core.setState("declining");
  // The hook hears of the lost address before the Decline goes out, as for a Release.
  emitLossHook(core, now, "DECLINE", installed);
  const declined = [...core.declining];
  startExchange(core, now, {
    kind: "decline",
    limits: limitsFor("DECLINE"),
    delay: 0,
    serverDuid: server.duid,
    build: (ex, elapsed) => ({
      type: MessageType.DECLINE,
      transactionId: ex.transactionId,
      options: [
        clientId(core),
        serverId(server.duid),
        elapsedTime(elapsed),
        ...declineIas(declined),
      ],
    }),
    onFail: (c, t) => finishDecline(c, t, "no Reply after DEC_MAX_RC transmissions"),
  });
}

/** IA_NA options holding only the declined addresses (never IA_PD, §18.2.8). */
function declineIas(declined: readonly { iaid: number; address: string }[]): Option[] {
  const iaids = [...new Set(declined.map((d) => d.iaid))];
  return iaids.map((iaid): Option => ({
    name: "IA_NA",
    code: 3,
    iaid,
    t1: 0,
    t2: 0,
    options: declined.filter((d) => d.iaid === iaid).map((d) => iaAddress(d.address, {})),
  }));
}

/** A Reply to Decline completes it whatever its status (§18.2.10.2). */
export function handleDeclineReply(
  core: ClientCore,
  now: number,
  from: string,
  status: string,
): void {
  finishDecline(core, now, `REPLY from ${from} (status ${status})`);
}

/** Decline over: ask the same server for a new address in a Request with every IA. */
function finishDecline(core: ClientCore, now: number, why: string): void {
  endExchange(core);
  core.declining = [];
  const server = core.server;
  core.log("debug", `decline done (${why}): requesting a new address`);
  if (!server) {
    startSolicit(core, now, "decline done without a server");
    return;
  }
  startRequest(core, now, server);
}
