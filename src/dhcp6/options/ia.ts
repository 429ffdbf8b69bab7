/**
 * The identity associations: OPTION_IA_NA (RFC 9915 §21.4), OPTION_IA_TA
 * (§21.5, obsolete but decoded) and OPTION_IA_PD (§21.21).
 * @module
 */
import { minLength, type OptionCodec } from "./option_codec.ts";
import type { IaNaOption, IaPdOption, IaTaOption } from "./types.ts";

/**
 * The codec of an IA with timers, IA_NA (RFC 9915 §21.4) or IA_PD (§21.21):
 * the two share one layout, IAID, T1, T2, then options.
 */
function iaWithTimersCodec<O extends IaNaOption | IaPdOption>(
  name: O["name"],
  code: O["code"],
): OptionCodec<O> {
  return {
    code,
    name,
    decode(r, ctx) {
      minLength(r, 12);
      const iaid = r.u32("IAID"); // 4 bytes: IAID
      const t1 = r.u32("T1"); // 4 bytes: T1, seconds
      const t2 = r.u32("T2"); // 4 bytes: T2, seconds
      return { name, code, iaid, t1, t2, options: ctx.options(r) } as unknown as O;
    },
    encode(o, w, ctx) {
      w.u32(o.iaid);
      w.u32(o.t1);
      w.u32(o.t2);
      ctx.options(w, o.options);
    },
  };
}

/** OPTION_IA_NA (RFC 9915 §21.4): IAID, T1, T2, then options. */
export const iaNaCodec: OptionCodec<IaNaOption> = iaWithTimersCodec("IA_NA", 3);

/** OPTION_IA_TA (RFC 9915 §21.5): IAID, then options. */
export const iaTaCodec: OptionCodec<IaTaOption> = {
  code: 4,
  name: "IA_TA",
  decode(r, ctx) {
    minLength(r, 4);
    const iaid = r.u32("IAID"); // 4 bytes: IAID
    return { name: "IA_TA", code: 4, iaid, options: ctx.options(r) };
  },
  encode(o, w, ctx) {
    w.u32(o.iaid);
    ctx.options(w, o.options);
  },
};

/** OPTION_IA_PD (RFC 9915 §21.21): IAID, T1, T2, then options. */
export const iaPdCodec: OptionCodec<IaPdOption> = iaWithTimersCodec("IA_PD", 25);
