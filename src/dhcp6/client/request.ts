/**
 * The Request exchange (RFC 9915 §18.2.2): after an Advertise, after NoBinding
 * in a Reply to Renew/Rebind (§18.2.10.1), and after a Decline.
 * @module
 */
import { MessageType } from "../constants.ts";
import { limitsFor, nextRt } from "../retransmit.ts";
import type { Option } from "../options/types.ts";
import { type ClientCore, iaHasLeases, type ServerInfo } from "./state.ts";
import { startExchange } from "./exchange.ts";
import { clientId, elapsedTime, extraOptions, iaOption, oro, serverId } from "./messages.ts";
import { type Advertised, iaIn } from "./advertise.ts";
import { iaLabel, iaProblem, usableLeaseCount, withdrawIa } from "./ia.ts";
import { startSolicit } from "./solicit.ts";
import { emitLeaseChanged, emitLossHook, installedLeaseCount, resumeBound } from "./bound.ts";

/**
 * Sends a Request to `server` carrying every IA: with the leases the chosen
 * Advertise offered, else the leases held, else empty (an IA_PD with at most
 * prefix-length hints): a Request carries nothing the server did not assign
 * (§18.2.4, applied to Request as well). With `advertised`, the Request is a
 * step of server discovery and shares its back-off (see `startSolicit`).
 */
export function startRequest(
  core: ClientCore,
  now: number,
  server: ServerInfo,
  advertised?: Advertised,
): void {
  core.setState("requesting");
  startExchange(core, now, {
    kind: "request",
    limits: limitsFor("REQUEST"),
    delay: 0,
    serverDuid: server.duid,
    build: (ex, elapsed) => ({
      type: MessageType.REQUEST,
      transactionId: ex.transactionId,
      options: [
        clientId(core),
        serverId(server.duid),
        elapsedTime(elapsed),
        ...core.ias.map((ia): Option => {
          const offered = advertised ? iaIn(advertised.message, ia.type, ia.iaid) : undefined;
          if (offered && !iaProblem(offered) && usableLeaseCount(offered) > 0) {
            // Ask for what was offered; lifetimes 0 as the server ignores them (§21.6).
            return {
              ...offered,
              t1: 0,
              t2: 0,
              options: offered.options
                .filter((o) => o.name === "IAADDR" || o.name === "IAPREFIX")
                .map((o) => ({ ...o, preferredLifetime: 0, validLifetime: 0, options: [] })),
            } as Option;
          }
          return iaOption(core, ia, "assigned");
        }),
        oro(core, false),
        ...extraOptions(core),
      ],
    }),
    onSent: (ex, t) => {
      // The discovery back-off counts this Request as one more step of its RT (§15).
      const chain = core.discovery;
      if (advertised && chain && ex.retransmission.count === 1) {
        core.discovery = { rt: nextRt(chain.rt, core.solMaxRt * 1000, core.random), at: t };
      }
    },
    onFail: (c, t) => requestFailed(c, t),
  });
}

/**
 * No Reply after REQ_MAX_RC transmissions (§18.2.2). A Request for bindings
 * the client already uses (after NoBinding or a Decline) keeps them: only
 * the IAs the server said it had no binding for are given up (§18.2.8, a
 * SHOULD: a failure to obtain one binding is treated as not having it), and
 * the next Renew asks for them again; the hook runs with NOBINDING.
 * Otherwise discovery goes on, backing off as for any round that bound
 * nothing.
 */
function requestFailed(core: ClientCore, now: number): void {
  const why = "no Reply to REQUEST after REQ_MAX_RC transmissions (RFC 9915 §18.2.2)";
  if (!core.hasLeases) {
    startSolicit(core, now, why, true);
    return;
  }
  const installed = installedLeaseCount(core);
  const lost = core.ias.filter((ia) => ia.status === "NoBinding" && iaHasLeases(ia));
  for (const ia of lost) {
    withdrawIa(core, ia, "the server has no binding for it");
    ia.status = "NoBinding";
  }
  if (lost.length > 0) emitLeaseChanged(core, now);
  if (!core.hasLeases) {
    core.forgetServer();
    startSolicit(core, now, `${why}; no binding is left`);
  } else {
    const gone = lost.length > 0 ? `; gave up ${lost.map(iaLabel).join(", ")}` : "";
    resumeBound(core, `${why}; keeping the other bindings (RFC 9915 §18.2.8)${gone}`);
  }
  emitLossHook(core, now, "NOBINDING", installed);
}
