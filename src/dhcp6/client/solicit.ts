/**
 * Server discovery: the Solicit exchange (RFC 9915 §18.2.1) and the receipt
 * of Advertise messages (§18.2.9).
 * @module
 */
import { MessageType } from "../constants.ts";
import type { ClientServerMessage } from "../message.ts";
import { limitsFor, nextRt, TRANSMISSION_PARAMETERS } from "../retransmit.ts";
import { type ClientCore, increment } from "./state.ts";
import { endExchange, type Exchange, onExchangeTimeout, startExchange } from "./exchange.ts";
import { clientId, elapsedTime, extraOptions, iaOption, oro } from "./messages.ts";
import { type Advertised, bestAdvertise, evaluateAdvertise } from "./advertise.ts";
import { startRequest } from "./request.ts";
import { withdrawAll } from "./ia.ts";
import { emitLeaseChanged } from "./bound.ts";

/**
 * Starts server discovery. The first Solicit on the interface is delayed by
 * 0–SOL_MAX_DELAY when configured (a SHOULD in §18.2.1).
 *
 * With `backoff`, discovery goes on after a round that bound nothing (a
 * Reply without a usable lease, NotOnLink, a failed Request): that round
 * counts as unanswered (§15, §18.2.1). The next Solicit goes out when the
 * RT of the round's last Solicit or Request ends, its RT doubles from there
 * up to SOL_MAX_RT, and it acts on the first valid Advertise at once, as a
 * Solicit does after its first RT. A server that cannot deliver thus sees
 * the Solicit schedule of a server that does not answer, not a storm.
 */
export function startSolicit(core: ClientCore, now: number, why: string, backoff = false): void {
  const chain = backoff ? core.discovery : undefined;
  if (!chain) {
    core.discovery = undefined;
    core.advertisedMaxRt.clear();
  }
  const delay = chain
    ? Math.max(0, chain.at + chain.rt - now)
    : core.config.initialDelay && !core.solicitedOnce
    ? core.randomDelay(TRANSMISSION_PARAMETERS.SOLICIT.maxDelay * 1000)
    : 0;
  const mrt = core.solMaxRt * 1000;
  const firstRt = chain ? nextRt(chain.rt, mrt, core.random) : undefined;
  core.solicitedOnce = true;
  const after = chain
    ? `; backing off: next SOLICIT in ${Math.round(delay / 1000)} s (RFC 9915 §15, §18.2.1)`
    : "";
  core.log("info", `soliciting: ${why}${after}`);
  if (core.hasLeases) {
    // A client restarting discovery stops using its bindings (RFC 9915 §18.2, §18.2.13).
    withdrawAll(core, "restarting server discovery (RFC 9915 §18.2.13)");
    core.forgetServer();
    emitLeaseChanged(core, now);
  }
  core.setState(delay > 0 && !chain ? "init-delay" : "soliciting");
  startExchange(core, now, {
    kind: "solicit",
    limits: limitsFor("SOLICIT", { mrt, ...(firstRt !== undefined ? { firstRt } : {}) }),
    delay,
    build: (ex, elapsed) => buildSolicit(core, ex, elapsed),
    onSent: (ex, t) => {
      core.discovery = { rt: ex.retransmission.rt, at: t };
    },
    onFail: () => {}, // MRC and MRD are 0: a Solicit never fails (§18.2.1).
  });
}

/** True when `ex` continues the back-off of an earlier discovery round (see startSolicit). */
function continuesBackoff(ex: Exchange): boolean {
  return ex.retransmission.limits.firstRt !== undefined;
}

function buildSolicit(core: ClientCore, ex: Exchange, elapsed: number): ClientServerMessage {
  if (core.state === "init-delay") core.setState("soliciting");
  return {
    type: MessageType.SOLICIT,
    transactionId: ex.transactionId,
    options: [
      clientId(core),
      elapsedTime(elapsed),
      ...core.ias.map((ia) => iaOption(core, ia, "hints")),
      oro(core, false),
      ...(core.config.rapidCommit ? [{ name: "RAPID_COMMIT", code: 14 } as const] : []),
      ...extraOptions(core),
    ],
  };
}

/**
 * A valid Advertise arrived while soliciting. Ignored ones do not touch the
 * Solicit timer (§18.2.9); preference 255, or any Advertise after the first
 * RT, starts the Request at once; otherwise it is kept until the first RT ends.
 */
export function handleAdvertise(
  core: ClientCore,
  now: number,
  from: string,
  m: ClientServerMessage,
): void {
  const ex = core.exchange!;
  const judged = evaluateAdvertise(core, from, m, ex.advertised.length);
  if (typeof judged === "string") {
    core.log("debug", `ignoring ADVERTISE from ${from}: ${judged}`);
    increment(core.dropped, "advertise-unusable");
    return;
  }
  // Past the first RT: a retransmission went out, or one is held back by the rate limit,
  // or this Solicit continues the back-off of a round that bound nothing.
  const pastFirstRt = ex.retransmission.count > 1 || ex.sendAt !== undefined ||
    continuesBackoff(ex);
  if (judged.preference === 255 || pastFirstRt) {
    const why = judged.preference === 255
      ? "has preference 255"
      : continuesBackoff(ex)
      ? "while discovery backs off"
      : "after the first RT";
    core.log("debug", `ADVERTISE from ${from} ${why}: requesting at once (RFC 9915 §18.2.1)`);
    requestFrom(core, now, judged);
    return;
  }
  ex.advertised.push(judged);
  core.log(
    "debug",
    `keeping ADVERTISE from ${from} (preference ${judged.preference}, ${judged.served} IAs) until the first RT ends`,
  );
}

/** The Solicit timer: at the end of the first RT pick the best Advertise, else retransmit. */
export function onSolicitTimeout(core: ClientCore, ex: Exchange, now: number): void {
  if (ex.sendAt === undefined && ex.retransmission.count === 1 && ex.advertised.length > 0) {
    const best = bestAdvertise(ex.advertised)!;
    core.log(
      "debug",
      `first RT over with ${ex.advertised.length} ADVERTISE(s): choosing ${best.from} (preference ${best.preference}, ${best.served} IAs)`,
    );
    requestFrom(core, now, best);
    return;
  }
  onExchangeTimeout(core, ex, now);
}

/** Ends the Solicit and sends a Request to the server of `chosen` (§18.2.2). */
function requestFrom(core: ClientCore, now: number, chosen: Advertised): void {
  endExchange(core);
  startRequest(core, now, { duid: chosen.serverDuid, address: chosen.from }, chosen);
}
