/**
 * Decoding what a client receives (RFC 9915 §16): a malformed option the
 * client's decisions do not depend on (DNS servers, domain list, NTP, FQDN,
 * AFTR name, captive portal, anything only passed on to the hook) is kept
 * aside as MALFORMED and the rest of the message is used; a malformed option
 * the exchange depends on still discards the whole message.
 * @module
 */
import { decodeMessage, decodeOptions } from "../codec.ts";
import { OptionCode } from "../constants.ts";
import type { Message } from "../message.ts";
import type { Option } from "../options/types.ts";

/**
 * The options a client's protocol decisions rest on (RFC 9915 §16, §18.2.9,
 * §18.2.10, §18.2.11, §20.4): identifiers, the IAs and all they hold, status
 * codes, Preference, Rapid Commit, Reconfigure Message and Authentication. A
 * malformed one of these discards the message; any other is dropped alone.
 */
export const ESSENTIAL_OPTION_CODES: ReadonlySet<number> = new Set([
  OptionCode.CLIENTID,
  OptionCode.SERVERID,
  OptionCode.IA_NA,
  OptionCode.IAADDR,
  OptionCode.PREFERENCE,
  OptionCode.AUTH,
  OptionCode.STATUS_CODE,
  OptionCode.RAPID_COMMIT,
  OptionCode.RECONF_MSG,
  OptionCode.IA_PD,
  OptionCode.IAPREFIX,
]);

/** True for option codes a client may drop alone when malformed. */
export function isTolerated(code: number): boolean {
  return !ESSENTIAL_OPTION_CODES.has(code);
}

/**
 * Decodes a received datagram; throws `DecodeError` as `decodeMessage` does,
 * except that a malformed top-level option outside
 * {@link ESSENTIAL_OPTION_CODES} comes back as a MALFORMED option.
 */
export function decodeReceived(bytes: Uint8Array): Message {
  return decodeMessage(bytes, { tolerate: isTolerated });
}

/** Decodes persisted option bytes with the same tolerance as {@link decodeReceived}. */
export function decodeReceivedOptions(bytes: Uint8Array): Option[] {
  return decodeOptions(bytes, 0, bytes.length, { tolerate: isTolerated });
}
