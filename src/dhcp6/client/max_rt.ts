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

/** Each option, the setting it overrides and the exchange whose MRT it governs. */
const MAX_RT_OPTIONS = [
  { option: "SOL_MAX_RT", setting: "solMaxRt", exchange: "solicit", section: "§21.24" },
  {
    option: "INF_MAX_RT",
    setting: "infMaxRt",
    exchange: "information-request",
    section: "§21.25",
  },
] as const;

/** Applies any SOL_MAX_RT / INF_MAX_RT option in `message`. */
export function processMaxRt(core: ClientCore, message: ClientServerMessage): void {
  for (const { option, setting, exchange, section } of MAX_RT_OPTIONS) {
    const seconds = findOption(message.options, option)?.seconds;
    if (seconds === undefined) continue;
    if (!inRange(seconds)) {
      core.log("debug", `ignoring ${option} ${seconds}: outside 60–86400 s (RFC 9915 ${section})`);
      continue;
    }
    if (core[setting] !== seconds) core.log("debug", `${option} set to ${seconds} s by the server`);
    core[setting] = seconds;
    if (core.exchange?.kind === exchange) core.exchange.retransmission.setMrt(seconds * 1000);
  }
}

function inRange(v: number): boolean {
  return v >= MAX_RT_OPTION_RANGE.min && v <= MAX_RT_OPTION_RANGE.max;
}
