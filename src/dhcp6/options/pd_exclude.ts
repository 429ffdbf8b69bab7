/**
 * OPTION_PD_EXCLUDE (RFC 6603 §4.2): the prefix inside a delegated prefix
 * that the client must not assign.
 * @module
 */
import { maxLength, minLength, type OptionCodec } from "./option_codec.ts";
import type { PdExcludeOption } from "./types.ts";

/**
 * OPTION_PD_EXCLUDE (RFC 6603 §4.2): 1 byte prefix length, then 1 to 16
 * bytes of subnet ID. The subnet ID's size depends on the enclosing
 * IAPREFIX, so it is kept as sent; {@link excludedPrefix} rebuilds the prefix.
 */
export const pdExcludeCodec: OptionCodec<PdExcludeOption> = {
  code: 67,
  name: "PD_EXCLUDE",
  decode(r) {
    minLength(r, 2);
    maxLength(r, 17);
    const at = r.pos;
    const prefixLength = r.u8("prefix length"); // 1 byte: excluded prefix length
    if (prefixLength === 0 || prefixLength > 128) {
      throw r.error(`excluded prefix length ${prefixLength} is not 1 to 128`, at);
    }
    return { name: "PD_EXCLUDE", code: 67, prefixLength, subnetId: r.rest() };
  },
  encode(o, w) {
    if (o.subnetId.length < 1 || o.subnetId.length > 16) {
      throw new RangeError(`PD_EXCLUDE subnet ID is 1 to 16 bytes, not ${o.subnetId.length}`);
    }
    w.u8(o.prefixLength);
    w.bytes(o.subnetId);
  },
};

/**
 * The excluded prefix's address (RFC 6603 §4.2): the delegated prefix with
 * the subnet ID bits placed after its first `delegatedLength` bits. Returns
 * undefined when the option does not fit the delegated prefix.
 */
export function excludedPrefix(
  delegated: Uint8Array,
  delegatedLength: number,
  option: Pick<PdExcludeOption, "prefixLength" | "subnetId">,
): Uint8Array | undefined {
  const bits = option.prefixLength - delegatedLength;
  if (bits <= 0 || option.prefixLength > 128) return undefined;
  if (option.subnetId.length !== Math.ceil(bits / 8)) return undefined;
  const out = new Uint8Array(16);
  for (let i = 0; i < delegatedLength; i++) {
    if (delegated[i >> 3]! & (0x80 >> (i & 7))) out[i >> 3]! |= 0x80 >> (i & 7);
  }
  for (let i = 0; i < bits; i++) {
    const set = option.subnetId[i >> 3]! & (0x80 >> (i & 7));
    const bit = delegatedLength + i;
    if (set) out[bit >> 3]! |= 0x80 >> (bit & 7);
  }
  return out;
}
