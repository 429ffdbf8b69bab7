/**
 * OPTION_AUTH (RFC 9915 §21.11): protocol, algorithm, replay detection and
 * the protocol's authentication information.
 * @module
 */
import { minLength, type OptionCodec } from "./option_codec.ts";
import type { AuthOption } from "./types.ts";

/** OPTION_AUTH (RFC 9915 §21.11). */
export const authCodec: OptionCodec<AuthOption> = {
  code: 11,
  name: "AUTH",
  decode(r) {
    minLength(r, 11);
    const protocol = r.u8("protocol"); // 1 byte
    const algorithm = r.u8("algorithm"); // 1 byte
    const rdm = r.u8("RDM"); // 1 byte: replay detection method
    const replayDetection = r.u64("replay detection"); // 8 bytes
    const authInfo = r.rest(); // the rest: authentication information
    return { name: "AUTH", code: 11, protocol, algorithm, rdm, replayDetection, authInfo };
  },
  encode(o, w) {
    w.u8(o.protocol);
    w.u8(o.algorithm);
    w.u8(o.rdm);
    w.u64(o.replayDetection);
    w.bytes(o.authInfo);
  },
};
