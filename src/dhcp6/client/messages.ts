/**
 * Building blocks of the messages a client sends (RFC 9915 §18.2.1–§18.2.8):
 * identifiers, Elapsed Time, the Option Request option, IA options.
 * @module
 */
import { OptionCode } from "../constants.ts";
import type { Option } from "../options/types.ts";
import type { PrefixHint } from "./types.ts";
import { type ClientCore, type IaBinding, iaHasLeases } from "./state.ts";

/** OPTION_CLIENTID with the client's DUID (§21.2). */
export function clientId(core: ClientCore): Option {
  return { name: "CLIENTID", code: 1, duid: core.config.duid };
}

/** OPTION_SERVERID naming a server (§21.3). */
export function serverId(duid: Uint8Array): Option {
  return { name: "SERVERID", code: 2, duid };
}

/** OPTION_ELAPSED_TIME in centiseconds (§21.9). */
export function elapsedTime(centiseconds: number): Option {
  return { name: "ELAPSED_TIME", code: 8, centiseconds };
}

/**
 * The ORO (§21.7): the configured codes plus what RFC 9915 makes mandatory.
 * SOL_MAX_RT in Solicit/Request/Renew/Rebind (§18.2.1, §18.2.2, §18.2.4);
 * INF_MAX_RT and INFORMATION_REFRESH_TIME in Information-request (§18.2.6),
 * where alone the refresh time may be asked for (§21.23). With an IA_PD
 * configured, PD_EXCLUDE too: a server sends it only when asked (RFC 6603
 * §4.1), and the client honours it (`PrefixLease.excluded`).
 */
export function oro(core: ClientCore, informationRequest: boolean): Option {
  const codes: number[] = [];
  const add = (c: number) => {
    if (!codes.includes(c)) codes.push(c);
  };
  for (const c of core.config.requestOptions) {
    if (!informationRequest && c === OptionCode.INFORMATION_REFRESH_TIME) continue;
    add(c);
  }
  if (informationRequest) {
    add(OptionCode.INF_MAX_RT);
    add(OptionCode.INFORMATION_REFRESH_TIME);
  } else {
    add(OptionCode.SOL_MAX_RT);
    if (core.config.iaPd.length > 0) add(OptionCode.PD_EXCLUDE);
  }
  return { name: "ORO", code: 6, codes };
}

/** The raw options configured to go out (dhcp6c `raw-option`) plus Reconfigure Accept. */
export function extraOptions(core: ClientCore): Option[] {
  const out: Option[] = [];
  if (core.config.reconfigureAccept) out.push({ name: "RECONF_ACCEPT", code: 20 });
  for (const raw of core.config.rawOptions) {
    out.push({ name: "UNKNOWN", code: raw.code, data: raw.data });
  }
  return out;
}

/**
 * Which leases an IA option carries: "leases", those held (Confirm,
 * Release); "hints", the configured hints (Solicit, §18.2.1); "assigned",
 * those held, or for an IA holding none only what §18.2.4 allows in Request,
 * Renew and Rebind: nothing the server did not assign, so an empty IA_NA and
 * an IA_PD with at most prefix-length hints (`::/len`).
 */
export type IaContent = "leases" | "hints" | "assigned";

/**
 * An IA_NA or IA_PD option for `ia`. Lifetimes and T1/T2 are sent as 0: the
 * server ignores them (§21.4, §21.6, §21.21, §21.22), except configured hints.
 */
export function iaOption(core: ClientCore, ia: IaBinding, content: IaContent): Option {
  const held = content !== "hints";
  const unbound = content === "assigned" && !iaHasLeases(ia);
  if (ia.type === "IA_NA") {
    // After NotOnLink the configured addresses are not hinted again (§18.2.10.1).
    const hinted = content === "hints" && !core.dropHints ? hintsOf(core.config.iaNa, ia.iaid) : [];
    const options = [
      ...(held ? ia.addresses : []).map((a) => iaAddress(a.address, {})),
      ...hinted.map((h) => iaAddress(h.address, h)),
    ];
    return { name: "IA_NA", code: 3, iaid: ia.iaid, t1: 0, t2: 0, options };
  }
  const configured = hintsOf(core.config.iaPd, ia.iaid);
  const options = [
    ...(held ? ia.prefixes : []).map((p) => iaPrefix(p.prefix, p.prefixLength, {})),
    ...(content === "hints" ? configured : []).map((h) => iaPrefix(h.prefix, h.prefixLength, h)),
    ...(unbound ? lengthHints(configured) : []).map((len) => iaPrefix("::", len, {})),
  ];
  return { name: "IA_PD", code: 25, iaid: ia.iaid, t1: 0, t2: 0, options };
}

/** The distinct non-zero prefix lengths of `hints`: what §18.2.4 lets an unbound IA_PD ask for. */
function lengthHints(hints: readonly PrefixHint[]): number[] {
  return [...new Set(hints.map((h) => h.prefixLength).filter((len) => len > 0))];
}

/** Lifetimes to suggest; absent ones are sent as 0, leaving them to the server. */
export interface SuggestedLifetimes {
  /** Preferred lifetime, seconds. */
  readonly preferredLifetime?: number;
  /** Valid lifetime, seconds. */
  readonly validLifetime?: number;
}

/** An IAADDR option for `address` (§21.6), with lifetimes to suggest. */
export function iaAddress(address: string, life: SuggestedLifetimes): Option {
  return {
    name: "IAADDR",
    code: 5,
    address,
    preferredLifetime: life.preferredLifetime ?? 0,
    validLifetime: life.validLifetime ?? 0,
    options: [],
  };
}

function iaPrefix(prefix: string, prefixLength: number, life: SuggestedLifetimes): Option {
  return {
    name: "IAPREFIX",
    code: 26,
    prefix,
    prefixLength,
    preferredLifetime: life.preferredLifetime ?? 0,
    validLifetime: life.validLifetime ?? 0,
    options: [],
  };
}

/** The configured hints of the IA with `iaid`. */
function hintsOf<H>(
  configured: readonly { iaid: number; hints: readonly H[] }[],
  iaid: number,
): readonly H[] {
  return configured.find((c) => c.iaid === iaid)?.hints ?? [];
}

/** First option of a given name in a list. */
export function findOption<N extends Option["name"]>(
  options: readonly Option[],
  name: N,
): Extract<Option, { name: N }> | undefined {
  return options.find((o) => o.name === name) as Extract<Option, { name: N }> | undefined;
}

/** Status code names (§21.13). */
const STATUS_NAMES = [
  "Success",
  "UnspecFail",
  "NoAddrsAvail",
  "NoBinding",
  "NotOnLink",
  "UseMulticast",
  "NoPrefixAvail",
];

/** The status of an option list: code, name and message; Success when absent (§7.5). */
export function statusOf(options: readonly Option[]): { code: number; name: string; text: string } {
  const s = findOption(options, "STATUS_CODE");
  if (!s) return { code: 0, name: "Success", text: "" };
  return { code: s.status, name: STATUS_NAMES[s.status] ?? `status ${s.status}`, text: s.message };
}

/** "NoPrefixAvail" or "NoPrefixAvail (“text”)" for logs. */
export function describeStatus(s: { name: string; text: string }): string {
  return s.text ? `${s.name} ("${s.text}")` : s.name;
}

/** Byte-wise equality. */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
