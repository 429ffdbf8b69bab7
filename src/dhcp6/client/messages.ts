/**
 * Building blocks of the messages a client sends (RFC 9915 §18.2.1–§18.2.8):
 * identifiers, Elapsed Time, the Option Request option, IA options.
 * @module
 */
import { OptionCode } from "../constants.ts";
import type { Option } from "../options/types.ts";
import type { IaBinding } from "./state.ts";
import type { ClientCore } from "./state.ts";

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
 * where alone the refresh time may be asked for (§21.23).
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

/** Which leases an IA option carries. */
export type IaContent = "leases" | "hints" | "leases-or-hints";

/**
 * An IA_NA or IA_PD option for `ia`. Lifetimes and T1/T2 are sent as 0: the
 * server ignores them (§21.4, §21.6, §21.21, §21.22), except configured hints.
 */
export function iaOption(core: ClientCore, ia: IaBinding, content: IaContent): Option {
  const leases = content === "leases" || content === "leases-or-hints";
  const hasLeases = ia.addresses.length > 0 || ia.prefixes.length > 0;
  const hints = content === "hints" || (content === "leases-or-hints" && !hasLeases);
  const options: Option[] = [];
  if (ia.type === "IA_NA") {
    if (leases) {
      for (const a of ia.addresses) {
        options.push({
          name: "IAADDR",
          code: 5,
          address: a.address,
          preferredLifetime: 0,
          validLifetime: 0,
          options: [],
        });
      }
    }
    if (hints && !core.dropHints) {
      for (const h of core.config.iaNa.find((c) => c.iaid === ia.iaid)?.hints ?? []) {
        options.push({
          name: "IAADDR",
          code: 5,
          address: h.address,
          preferredLifetime: h.preferredLifetime ?? 0,
          validLifetime: h.validLifetime ?? 0,
          options: [],
        });
      }
    }
    return { name: "IA_NA", code: 3, iaid: ia.iaid, t1: 0, t2: 0, options };
  }
  if (leases) {
    for (const p of ia.prefixes) {
      options.push({
        name: "IAPREFIX",
        code: 26,
        prefix: p.prefix,
        prefixLength: p.prefixLength,
        preferredLifetime: 0,
        validLifetime: 0,
        options: [],
      });
    }
  }
  if (hints) {
    for (const h of core.config.iaPd.find((c) => c.iaid === ia.iaid)?.hints ?? []) {
      options.push({
        name: "IAPREFIX",
        code: 26,
        prefix: h.prefix,
        prefixLength: h.prefixLength,
        preferredLifetime: h.preferredLifetime ?? 0,
        validLifetime: h.validLifetime ?? 0,
        options: [],
      });
    }
  }
  return { name: "IA_PD", code: 25, iaid: ia.iaid, t1: 0, t2: 0, options };
}

/** First option of a given name in a list. */
export function findOption<N extends Option["name"]>(
  options: readonly Option[],
  name: N,
): Extract<Option, { name: N }> | undefined {
  return options.find((o) => o.name === name) as Extract<Option, { name: N }> | undefined;
}

/** Every option of a given name in a list. */
export function findOptions<N extends Option["name"]>(
  options: readonly Option[],
  name: N,
): Extract<Option, { name: N }>[] {
  return options.filter((o) => o.name === name) as Extract<Option, { name: N }>[];
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
