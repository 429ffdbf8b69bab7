/**
 * SOL_MAX_RT and INF_MAX_RT options (RFC 9915 §21.24, §21.25): processed from
 * any Advertise or Reply, even one otherwise ignored or carrying an error
 * status (§18.2.9, §18.2.10); values outside 60–86400 s are ignored.
 * @module
 */
import type { ClientServerMessage } from "../message.ts";
import { MAX_RT_OPTION_RANGE } from "../retransmit.ts";
import type { ClientCore } from "./state.ts";
import { findOption } from "./messages.ts";

/** Applies any SOL_MAX_RT / INF_MAX_RT option in `message`. */
export function processMaxRt(core: ClientCore, message: ClientServerMessage): void {
  const sol = findOption(message.options, "SOL_MAX_RT");
  if (sol) {
    if (inRange(sol.seconds)) {
      if (core.solMaxRt !== sol.seconds) {
        core.log("debug", `SOL_MAX_RT set to ${sol.seconds} s by the server`);
      }
      core.solMaxRt = sol.seconds;
      if (core.exchange?.kind === "solicit") {
        core.exchange.retransmission.setMrt(sol.seconds * 1000);
      }
    } else {
      core.log("debug", `ignoring SOL_MAX_RT ${sol.seconds}: outside 60–86400 s (RFC 9915 §21.24)`);
    }
  }
  const inf = findOption(message.options, "INF_MAX_RT");
  if (inf) {
    if (inRange(inf.seconds)) {
      if (core.infMaxRt !== inf.seconds) {
        core.log("debug", `INF_MAX_RT set to ${inf.seconds} s by the server`);
      }
      core.infMaxRt = inf.seconds;
      if (core.exchange?.kind === "information-request") {
        core.exchange.retransmission.setMrt(inf.seconds * 1000);
      }
    } else {
      core.log("debug", `ignoring INF_MAX_RT ${inf.seconds}: outside 60–86400 s (RFC 9915 §21.25)`);
    }
  }
}

function inRange(v: number): boolean {
  return v >= MAX_RT_OPTION_RANGE.min && v <= MAX_RT_OPTION_RANGE.max;
}
