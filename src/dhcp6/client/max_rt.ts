/**
 * SOL_MAX_RT and INF_MAX_RT options (RFC 9915 §21.24, §21.25): processed from
 * any Advertise or Reply, even one otherwise ignored or carrying an error
 * status (§18.2.9, §18.2.10); values outside 60–86400 s are ignored. Values
 * from Advertises are taken only while every Advertise of the discovery that
 * carried the option agrees (§18.2.9), so that one rogue server cannot set a
 * day-long retry when another says otherwise.
 * @module
 */
import { MessageType } from "../constants.ts";
import type { ClientServerMessage } from "../message.ts";
import { MAX_RT_OPTION_RANGE, TRANSMISSION_PARAMETERS } from "../retransmit.ts";
import type { ClientCore } from "./state.ts";
import { findOption } from "./messages.ts";

/** Each option, the setting it overrides, its default and the exchange whose MRT it governs. */
const MAX_RT_OPTIONS = [
  {
    option: "SOL_MAX_RT",
    setting: "solMaxRt",
    defaultSeconds: TRANSMISSION_PARAMETERS.SOLICIT.mrt,
    exchange: "solicit",
    section: "§21.24",
  },
  {
    option: "INF_MAX_RT",
    setting: "infMaxRt",
    defaultSeconds: TRANSMISSION_PARAMETERS.INFORMATION_REQUEST.mrt,
    exchange: "information-request",
    section: "§21.25",
  },
] as const;

/** Applies any SOL_MAX_RT / INF_MAX_RT option in `message`, an Advertise or a Reply. */
export function processMaxRt(core: ClientCore, message: ClientServerMessage): void {
  for (const { option, setting, defaultSeconds, exchange, section } of MAX_RT_OPTIONS) {
    const seconds = findOption(message.options, option)?.seconds;
    if (seconds === undefined) continue;
    if (!inRange(seconds)) {
      core.log("debug", `ignoring ${option} ${seconds}: outside 60–86400 s (RFC 9915 ${section})`);
      continue;
    }
    let value: number = seconds;
    const seen = message.type === MessageType.ADVERTISE
      ? advertisedValues(core, option)
      : undefined;
    if (seen) {
      seen.add(seconds);
      if (seen.size > 1) {
        value = defaultSeconds;
        if (core[setting] !== value) {
          core.log(
            "warn",
            `Advertises disagree on ${option} (${
              [...seen].join(" s, ")
            } s): using the default ${value} s (RFC 9915 §18.2.9)`,
          );
        }
      }
    }
    if (core[setting] !== value) core.log("debug", `${option} set to ${value} s by the server`);
    core[setting] = value;
    if (core.exchange?.kind === exchange) core.exchange.retransmission.setMrt(value * 1000);
  }
}

/**
 * The values of `option` the Advertises of this discovery carried (§18.2.9);
 * undefined when no Solicit runs.
 */
function advertisedValues(core: ClientCore, option: string): Set<number> | undefined {
  if (core.exchange?.kind !== "solicit") return undefined;
  let seen = core.advertisedMaxRt.get(option);
  if (!seen) {
    seen = new Set();
    core.advertisedMaxRt.set(option, seen);
  }
  return seen;
}

function inRange(v: number): boolean {
  return v >= MAX_RT_OPTION_RANGE.min && v <= MAX_RT_OPTION_RANGE.max;
}
