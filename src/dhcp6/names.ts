/**
 * Display names for message types (RFC 9915 §7.3), option codes (§21 and
 * the IANA registry) and status codes (§7.5), as `edge6 decode` and the
 * hooks show them.
 * @module
 */
import { optionNameOf } from "./options/registry.ts";

const MESSAGE_TYPE_NAMES: Readonly<Record<number, string>> = {
  1: "SOLICIT",
  2: "ADVERTISE",
  3: "REQUEST",
  4: "CONFIRM",
  5: "RENEW",
  6: "REBIND",
  7: "REPLY",
  8: "RELEASE",
  9: "DECLINE",
  10: "RECONFIGURE",
  11: "INFORMATION-REQUEST",
  12: "RELAY-FORW",
  13: "RELAY-REPL",
};

/** The RFC 9915 §7.3 name of a message type ("INFORMATION-REQUEST"), or "TYPE-n". */
export function messageTypeName(type: number): string {
  return MESSAGE_TYPE_NAMES[type] ?? `TYPE-${type}`;
}

/** The message type for an RFC 9915 §7.3 name, or undefined. */
export function messageTypeByName(name: string): number | undefined {
  const upper = name.toUpperCase().replaceAll("_", "-");
  const hit = Object.entries(MESSAGE_TYPE_NAMES).find(([, n]) => n === upper);
  return hit === undefined ? undefined : Number(hit[0]);
}

const STATUS_NAMES: Readonly<Record<number, string>> = {
  0: "Success",
  1: "UnspecFail",
  2: "NoAddrsAvail",
  3: "NoBinding",
  4: "NotOnLink",
  5: "UseMulticast",
  6: "NoPrefixAvail",
};

/** The RFC 9915 §21.13 name of a status code ("NoPrefixAvail"), or "Status-n". */
export function statusName(status: number): string {
  return STATUS_NAMES[status] ?? `Status-${status}`;
}

/** The name edge6 uses for an option code: the codec's name, or "UNKNOWN". */
export function optionName(code: number): string {
  return optionNameOf(code) ?? "UNKNOWN";
}
