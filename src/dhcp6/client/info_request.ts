/**
 * Stateless configuration: Information-request (RFC 9915 §18.2.6), its Reply
 * (§18.2.10.4) and the information refresh time (§21.23).
 * @module
 */
import { INFINITY, MessageType } from "../constants.ts";
import { IRT_DEFAULT, IRT_MINIMUM, limitsFor, TRANSMISSION_PARAMETERS } from "../retransmit.ts";
import type { ClientServerMessage } from "../message.ts";
import type { ClientCore } from "./state.ts";
import { endExchange, ignoreErrorReply, startExchange } from "./exchange.ts";
import {
  clientId,
  describeStatus,
  elapsedTime,
  extraOptions,
  findOption,
  oro,
  serverId,
  statusOf,
} from "./messages.ts";
import { configurationOptions, emitHook, resumeBound } from "./bound.ts";
import { renewAt } from "./ia.ts";
import { takeReconfigureKey } from "./reconfigure.ts";

/** What started an Information-request. */
export interface InformationRequestOptions {
  /** Why the exchange starts, written to the log. */
  readonly why: string;
  /** Answering a Reconfigure from this server: its Server ID is included (§18.2.6). */
  readonly serverDuid?: Uint8Array;
}

/** Starts an Information-request after 0–INF_MAX_DELAY (a MUST, §18.2.6, §21.23). */
export function startInformationRequest(
  core: ClientCore,
  now: number,
  opts: InformationRequestOptions,
): void {
  core.log("info", `requesting information: ${opts.why}`);
  if (core.stateless) core.setState("information-requesting");
  const sid = opts.serverDuid;
  // A bound client must not let an unanswered Information-request hold off its
  // Renew: it gives up at T1 and resumes as if the Reconfigure had not come (§18.2.11).
  const t1 = core.stateless ? Infinity : renewAt(core);
  startExchange(core, now, {
    kind: "information-request",
    limits: limitsFor("INFORMATION_REQUEST", {
      mrt: core.infMaxRt * 1000,
      ...(Number.isFinite(t1) ? { deadline: Math.max(t1, now) } : {}),
    }),
    delay: core.randomDelay(TRANSMISSION_PARAMETERS.INFORMATION_REQUEST.maxDelay * 1000),
    build: (ex, elapsed) => ({
      type: MessageType.INFORMATION_REQUEST,
      transactionId: ex.transactionId,
      options: [
        clientId(core),
        ...(sid ? [serverId(sid)] : []),
        elapsedTime(elapsed),
        oro(core, true),
        ...extraOptions(core),
      ],
    }),
    // MRC and MRD are 0 (§18.2.6): only a bound client's T1 deadline ends it.
    onFail: (c) => resumeBound(c, "no Reply to INFORMATION-REQUEST by T1"),
  });
}

/** A Reply to Information-request: take the options, schedule the refresh (§21.23). */
export function handleInformationReply(
  core: ClientCore,
  now: number,
  from: string,
  m: ClientServerMessage,
): void {
  const s = statusOf(m.options);
  if (s.code !== 0) {
    ignoreErrorReply(core, "information-request", from, describeStatus(s));
    return;
  }
  endExchange(core);
  core.options = configurationOptions(m.options);
  const serverDuid = findOption(m.options, "SERVERID")!.duid;
  takeReconfigureKey(core, m, serverDuid);
  if (core.stateless) {
    core.server = { duid: serverDuid, address: from };
    const irt = findOption(m.options, "INFORMATION_REFRESH_TIME")?.seconds;
    let refresh: number;
    if (irt === undefined) refresh = IRT_DEFAULT;
    else if (irt === INFINITY) refresh = Infinity;
    else refresh = Math.max(IRT_MINIMUM, irt);
    core.refreshAt = Number.isFinite(refresh) ? now + refresh * 1000 : undefined;
    core.log(
      "info",
      `configured by ${from}; ${
        Number.isFinite(refresh)
          ? `refreshing in ${refresh} s`
          : "no refresh (infinite refresh time)"
      }${irt !== undefined && irt < IRT_MINIMUM ? ` (raised from ${irt} s to IRT_MINIMUM)` : ""}`,
    );
    core.setState("informed");
  } else {
    core.log("info", `configuration options updated by ${from}`);
    core.setState("bound");
  }
  emitHook(core, now, "INFOREQ");
}
