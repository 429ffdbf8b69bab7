/**
 * The identity associations: OPTION_IA_NA (RFC 9915 §21.4), OPTION_IA_TA
 * (§21.5, obsolete but decoded) and OPTION_IA_PD (§21.21).
 * @module
 */
import { minLength, type OptionCodec } from "./option_codec.ts";
import type { IaNaOption, IaPdOption, IaTaOption } from "./types.ts";

/** OPTION_IA_NA (RFC 9915 §21.4): IAID, T1, T2, then options. */
export const iaNaCodec: OptionCodec<IaNaOption> = {
  code: 3,
  name: "IA_NA",
  decode(r, ctx) {
    minLength(r, 12);
    const iaid = r.u32("IAID"); // 4 bytes: IAID
    const t1 = r.u32("T1"); // 4 bytes: T1, seconds
    const t2 = r.u32("T2"); // 4 bytes: T2, seconds
    return { name: "IA_NA", code: 3, iaid, t1, t2, options: ctx.options(r) };
  },
  encode(o, w, ctx) {
    w.u32(o.iaid);
    w.u32(o.t1);
    w.u32(o.t2);
    ctx.options(w, o.options);
  },
};

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
export const iaPdCodec: OptionCodec<IaPdOption> = {
  code: 25,
  name: "IA_PD",
  decode(r, ctx) {
    minLength(r, 12);
    const iaid = r.u32("IAID"); // 4 bytes: IAID
    const t1 = r.u32("T1"); // 4 bytes: T1, seconds
    const t2 = r.u32("T2"); // 4 bytes: T2, seconds
    return { name: "IA_PD", code: 25, iaid, t1, t2, options: ctx.options(r) };
  },
  encode(o, w, ctx) {
    w.u32(o.iaid);
    w.u32(o.t1);
    w.u32(o.t2);
    ctx.options(w, o.options);
  },
};
