/**
 * The Request exchange (RFC 9915 §18.2.2): after an Advertise, after NoBinding
 * in a Reply to Renew/Rebind (§18.2.10.1), and after a Decline.
 * @module
 */
import { MessageType } from "../constants.ts";
import { limitsFor } from "../retransmit.ts";
import type { Option } from "../options/types.ts";
import type { ClientCore, ServerInfo } from "./state.ts";
import { startExchange } from "./exchange.ts";
import { clientId, elapsedTime, extraOptions, iaOption, oro, serverId } from "./messages.ts";
import { type Advertised, iaIn } from "./advertise.ts";
import { iaProblem, usableLeaseCount } from "./ia.ts";
import { startSolicit } from "./solicit.ts";

/**
 * Sends a Request to `server` carrying every IA: with the leases the chosen
 * Advertise offered, else the leases held, else the configured hints.
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
          return iaOption(core, ia, "leases-or-hints");
        }),
        oro(core, false),
        ...extraOptions(core),
      ],
    }),
    onFail: (c, t) =>
      startSolicit(c, t, "no Reply to REQUEST after REQ_MAX_RC transmissions (RFC 9915 §18.2.2)"),
  });
}
