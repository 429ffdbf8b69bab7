/**
 * OPTION_ORO (RFC 9915 §21.7): the option codes a client requests.
 * @module
 */
import { multipleLength, type OptionCodec } from "./option_codec.ts";
import type { OroOption } from "./types.ts";

/** OPTION_ORO (RFC 9915 §21.7): a list of 2-byte option codes. */
export const oroCodec: OptionCodec<OroOption> = {
  code: 6,
  name: "ORO",
  decode(r) {
    multipleLength(r, 2);
    const codes: number[] = [];
    while (r.remaining > 0) codes.push(r.u16("requested option code"));
    return { name: "ORO", code: 6, codes };
  },
  encode(o, w) {
    for (const c of o.codes) w.u16(c);
  },
};
