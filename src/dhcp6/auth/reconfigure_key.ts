/**
 * The Reconfigure Key Authentication Protocol, client side (RFC 9915 §20.4):
 * taking the key from a Reply and checking the HMAC-MD5 of a Reconfigure.
 * @module
 */
import type { AuthOption } from "../options/types.ts";
import { equalBytes, hmacMd5 } from "./hmac_md5.ts";

/** Authentication option field values for RKAP (RFC 9915 §20.4.1). */
export const RKAP = {
  protocol: 3,
  algorithm: 1,
  rdm: 0,
  /** Type 1: the Value is the reconfigure key (in a Reply). */
  typeKey: 1,
  /** Type 2: the Value is the HMAC-MD5 of the message (in a Reconfigure). */
  typeHmac: 2,
} as const;

const AUTH_CODE = 11;
// 1 protocol + 1 algorithm + 1 RDM + 8 replay detection, then RKAP's 1 type + 16 value.
const AUTH_FIXED = 11;
const RKAP_INFO = 17;

/**
 * The 16-byte reconfigure key carried by a Reply's Authentication option, or
 * a reason it is not one (RFC 9915 §20.4.1, §20.4.3).
 */
export function reconfigureKeyOf(auth: AuthOption): Uint8Array | string {
  if (auth.protocol !== RKAP.protocol) return `protocol ${auth.protocol}, expected 3 (RKAP)`;
  if (auth.algorithm !== RKAP.algorithm) return `algorithm ${auth.algorithm}, expected 1`;
  if (auth.rdm !== RKAP.rdm) return `RDM ${auth.rdm}, expected 0`;
  if (auth.authInfo.length !== RKAP_INFO) {
    return `authentication information of ${auth.authInfo.length} bytes, expected 17`;
  }
  if (auth.authInfo[0] !== RKAP.typeKey) return `RKAP type ${auth.authInfo[0]}, expected 1 (key)`;
  return auth.authInfo.slice(1);
}

/**
 * Checks the HMAC-MD5 of a raw Reconfigure message under `key`: the MAC is
 * computed over the whole message with the HMAC field zeroed (RFC 9915
 * §20.4.3). Returns null when it matches, else the reason it does not.
 * Never throws, whatever the bytes.
 */
export function verifyReconfigureHmac(message: Uint8Array, key: Uint8Array): string | null {
  // Header: msg-type (1) + transaction-id (3); then code (2), length (2), data.
  let at = 4;
  let macAt = -1;
  while (at + 4 <= message.length) {
    const code = (message[at]! << 8) | message[at + 1]!;
    const len = (message[at + 2]! << 8) | message[at + 3]!;
    const end = at + 4 + len;
    if (end > message.length) return `option ${code} at offset ${at} overruns the message`;
    if (code === AUTH_CODE) {
      if (macAt >= 0) return "more than one Authentication option (RFC 9915 §20.2)";
      if (len !== AUTH_FIXED + RKAP_INFO) {
        return `Authentication option of ${len} bytes at offset ${at}, expected 28`;
      }
      const d = at + 4;
      if (message[d] !== RKAP.protocol || message[d + 1] !== RKAP.algorithm) {
        return `Authentication protocol ${message[d]}/algorithm ${message[d + 1]}, expected 3/1`;
      }
      if (message[d + 2] !== RKAP.rdm) return `RDM ${message[d + 2]}, expected 0`;
      if (message[d + AUTH_FIXED] !== RKAP.typeHmac) {
        return `RKAP type ${message[d + AUTH_FIXED]}, expected 2 (HMAC-MD5)`;
      }
      macAt = d + AUTH_FIXED + 1;
    }
    at = end;
  }
  if (at !== message.length) return `${message.length - at} trailing bytes after the options`;
  if (macAt < 0) return "no Authentication option";
  const received = message.slice(macAt, macAt + 16);
  const zeroed = message.slice();
  zeroed.fill(0, macAt, macAt + 16);
  return equalBytes(hmacMd5(key, zeroed), received) ? null : "HMAC-MD5 does not match";
}

/**
 * Replay detection with RDM 0 (RFC 9915 §20.3): per server, accept only a
 * value greater than the last one accepted; the first one is recorded
 * without a check.
 */
export class ReplayDetector {
  readonly #last = new Map<string, bigint>();

  /** True (and the value recorded) when `value` from `server` is acceptable. */
  accept(server: string, value: bigint): boolean {
    const last = this.#last.get(server);
    if (last !== undefined && value <= last) return false;
    this.#last.set(server, value);
    return true;
  }

  /** Records a value without checking (a Reply that carried the key). */
  record(server: string, value: bigint): void {
    const last = this.#last.get(server);
    if (last === undefined || value > last) this.#last.set(server, value);
  }
}
