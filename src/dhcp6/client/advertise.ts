/**
 * Judging and ranking Advertise messages (RFC 9915 §18.2.9): an Advertise
 * that serves none of the requested IAs is ignored; the others are ranked by
 * preference, then by how many requested IAs they serve.
 * @module
 */
import type { ClientServerMessage } from "../message.ts";
import type { IaNaOption, IaPdOption } from "../options/types.ts";
import type { ClientCore } from "./state.ts";
import { describeStatus, findOption, statusOf } from "./messages.ts";
import { iaProblem, usableLeaseCount } from "./ia.ts";

/** A valid Advertise kept while soliciting. */
export interface Advertised {
  /** The advertising server's DUID (its Server Identifier); a Request names it (§18.2.2). */
  readonly serverDuid: Uint8Array;
  /** Source address of the Advertise, kept for the lease record and logs. */
  readonly from: string;
  /** The Preference option value; 0 when absent (§21.8). */
  readonly preference: number;
  /** How many of the requested IAs it offers leases for. */
  readonly served: number;
  /** The whole Advertise: its IAs and options seed the Request that follows (§18.2.2). */
  readonly message: ClientServerMessage;
  /** Arrival order, to break ties. */
  readonly order: number;
}

/** The IA option of `m` for a requested IA, if present. */
export function iaIn(
  m: ClientServerMessage,
  type: "IA_NA" | "IA_PD",
  iaid: number,
): IaNaOption | IaPdOption | undefined {
  return m.options.find((o): o is IaNaOption | IaPdOption => o.name === type && o.iaid === iaid);
}

/**
 * Judges an Advertise: the candidate it makes, or why it is ignored (a
 * message-level error status, or no requested IA with a usable lease).
 */
export function evaluateAdvertise(
  core: ClientCore,
  from: string,
  m: ClientServerMessage,
  order: number,
): Advertised | string {
  const top = statusOf(m.options);
  if (top.code !== 0) return `status ${describeStatus(top)}`;
  const problems: string[] = [];
  let served = 0;
  for (const ia of core.ias) {
    const opt = iaIn(m, ia.type, ia.iaid);
    if (!opt) {
      problems.push(`${ia.type} ${ia.iaid} is missing`);
      continue;
    }
    const problem = iaProblem(opt);
    if (problem) problems.push(problem);
    else if (usableLeaseCount(opt) === 0) {
      problems.push(`${ia.type} ${ia.iaid} holds no usable lease`);
    } else served++;
  }
  if (served === 0) return problems.join("; ") || "no IA requested";
  if (problems.length > 0) {
    core.log(
      "debug",
      `ADVERTISE from ${from} serves ${served} of ${core.ias.length} IAs (${
        problems.join("; ")
      }); requesting those`,
    );
  }
  return {
    serverDuid: findOption(m.options, "SERVERID")!.duid,
    from,
    preference: findOption(m.options, "PREFERENCE")?.value ?? 0,
    served,
    message: m,
    order,
  };
}

/** The best candidate: highest preference, then most IAs served, then earliest (§18.2.9). */
export function bestAdvertise(list: readonly Advertised[]): Advertised | undefined {
  return [...list].sort((a, b) =>
    b.preference - a.preference || b.served - a.served || a.order - b.order
  )[0];
}
