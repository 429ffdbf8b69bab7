/**
 * Options with an empty body: RAPID_COMMIT (RFC 9915 §21.14) and
 * RECONF_ACCEPT (RFC 9915 §21.20).
 * @module
 */
import { exactLength, type OptionCodec } from "./option_codec.ts";
import type { RapidCommitOption, ReconfAcceptOption } from "./types.ts";

/** OPTION_RAPID_COMMIT (RFC 9915 §21.14): length 0. */
export const rapidCommitCodec: OptionCodec<RapidCommitOption> = {
  code: 14,
  name: "RAPID_COMMIT",
  decode(r) {
    exactLength(r, 0);
    return { name: "RAPID_COMMIT", code: 14 };
  },
  encode() {},
};

/** OPTION_RECONF_ACCEPT (RFC 9915 §21.20): length 0. */
export const reconfAcceptCodec: OptionCodec<ReconfAcceptOption> = {
  code: 20,
  name: "RECONF_ACCEPT",
  decode(r) {
    exactLength(r, 0);
    return { name: "RECONF_ACCEPT", code: 20 };
  },
  encode() {},
};
