/**
 * The subnet a downstream interface gets from a delegated prefix (RFC 7084
 * §4.3 L-2; dhcp6c's `prefix-interface` rule): the prefix, then `sla_len`
 * bits holding `sla_id`, the rest left to the interface identifier.
 * @module
 */
import { formatIPv6, maskPrefix, parseIPv6 } from "../dhcp6/ipv6.ts";
import type { DelegateConfig } from "./types.ts";

/** A downstream subnet, or why none can be formed. */
export type DelegateSubnet =
  | {
    readonly prefix: string;
    readonly length: number;
    /** Set when the configured sla_len had to shrink to keep a /64 (dhcp6c does the same). */
    readonly adjustedSlaLen?: number;
  }
  | { readonly error: string };

/**
 * Computes the subnet of `d` inside `prefix/length`. An absent sla_len makes
 * the subnet a /64; one that would pass /64 is shrunk to fit. With 0 bits
 * left, the sla_id has no effect and the subnet is the prefix itself.
 */
export function delegateSubnet(prefix: string, length: number, d: DelegateConfig): DelegateSubnet {
  if (length > 64) return { error: `a /${length} delegated prefix leaves no room for a /64` };
  const room = 64 - length;
  let slaLen = d.slaLen ?? room;
  let adjustedSlaLen: number | undefined;
  if (slaLen > room) {
    slaLen = room;
    adjustedSlaLen = room;
  }
  // With no bits there is no subnet number: the prefix as it is (dhcp6c ignores the sla-id).
  const slaId = slaLen === 0 ? 0 : d.slaId;
  if (BigInt(slaId) >= 1n << BigInt(slaLen)) {
    return { error: `sla_id ${d.slaId} does not fit in ${slaLen} bits of the /${length} prefix` };
  }
  const base = maskPrefix(parseIPv6(prefix), length);
  let value = 0n;
  for (const b of base) value = (value << 8n) | BigInt(b);
  value |= BigInt(slaId) << BigInt(128 - length - slaLen);
  const bytes = new Uint8Array(16);
  for (let i = 15; i >= 0; i--) {
    bytes[i] = Number(value & 0xffn);
    value >>= 8n;
  }
  const out = { prefix: formatIPv6(bytes), length: length + slaLen };
  return adjustedSlaLen === undefined ? out : { ...out, adjustedSlaLen };
}
