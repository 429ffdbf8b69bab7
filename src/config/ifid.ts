/**
 * The fixed interface identifier of a downstream address (dhcp6c's
 * `prefix-interface { ifid N; }`): the low 64 bits of the address (RFC 4291
 * §2.5.1), so any value 0–2^64−1. TOML integers past 2^53−1 lose precision as
 * JavaScript numbers, so the value is kept as a bigint throughout; besides an
 * integer the TOML file may give it as a string, in hex ("0x0200_0000_0000_0001")
 * or as the low four groups of an IPv6 address ("::200:0:0:1"), the way
 * interface identifiers are usually written.
 * @module
 */
import { parseIPv6 } from "../dhcp6/ipv6.ts";

/** The largest interface identifier: 2^64 − 1 (RFC 4291 §2.5.1: 64 bits). */
export const IFID_MAX: bigint = (1n << 64n) - 1n;

/** The largest integer every TOML reader keeps exactly (TOML 1.0 "Integer": 64-bit signed). */
const TOML_INT_MAX = (1n << 63n) - 1n;

/** What the ifid string forms look like, for "expected …" messages. */
export const IFID_STRING_FORMS = 'a hex string such as "0x0200_0000_0000_0001" or "::200:0:0:1"';

/** The result of reading an ifid string: the value, or why it is not one. */
export type IfidTextResult =
  | { readonly ok: true; readonly value: bigint }
  | { readonly ok: false; readonly error: string };

/**
 * Reads the string forms of a fixed interface identifier (RFC 4291 §2.5.1):
 * `0x` and hex digits (underscores allowed between digits), decimal digits,
 * or IPv6 text whose upper 64 bits are zero (`::2:0:0:1`). An error says what
 * is wrong, to follow `found "TEXT": `.
 */
export function parseIfidText(text: string): IfidTextResult {
  const hex = /^0[xX]([0-9a-fA-F]+(?:_[0-9a-fA-F]+)*)$/.exec(text);
  if (hex !== null) {
    const value = BigInt(`0x${hex[1]!.replaceAll("_", "")}`);
    if (value > IFID_MAX) return { ok: false, error: "more than 64 bits" };
    return { ok: true, value };
  }
  if (/^[0-9]+$/.test(text)) {
    const value = BigInt(text);
    if (value > IFID_MAX) return { ok: false, error: `more than ${IFID_MAX}` };
    return { ok: true, value };
  }
  if (text.includes(":")) {
    let bytes: Uint8Array;
    try {
      bytes = parseIPv6(text);
    } catch (e) {
      return { ok: false, error: (e as Error).message };
    }
    if (bytes.subarray(0, 8).some((b) => b !== 0)) {
      return {
        ok: false,
        error:
          'bits set above the low 64 (an interface ID is the last four groups, as "::200:0:0:1")',
      };
    }
    return { ok: true, value: new DataView(bytes.buffer, bytes.byteOffset).getBigUint64(8) };
  }
  return { ok: false, error: "not an interface ID" };
}

/**
 * The TOML text for a fixed interface identifier: a decimal integer while
 * every TOML reader can hold it (up to 2^63−1), else a hex string that
 * {@link parseIfidText} reads back to the same value.
 */
export function formatIfidToml(value: bigint): string {
  if (value < 0n || value > IFID_MAX) {
    throw new RangeError(`ifid ${value} is outside 0–${IFID_MAX}`);
  }
  if (value <= TOML_INT_MAX) return value.toString();
  const digits = value.toString(16).padStart(16, "0");
  return `"0x${digits.match(/.{4}/g)!.join("_")}"`;
}
