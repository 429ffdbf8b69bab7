/**
 * Options whose whole body is one unsigned integer: PREFERENCE (RFC 9915
 * §21.8), ELAPSED_TIME (§21.9), RECONF_MSG (§21.19),
 * INFORMATION_REFRESH_TIME (§21.23), SOL_MAX_RT (§21.24), INF_MAX_RT (§21.25).
 * @module
 */
import { exactLength, type OptionCodec } from "./option_codec.ts";
import type {
  ElapsedTimeOption,
  InfMaxRtOption,
  InformationRefreshTimeOption,
  PreferenceOption,
  ReconfMsgOption,
  SolMaxRtOption,
} from "./types.ts";

/** OPTION_PREFERENCE (RFC 9915 §21.8): 1 byte, 0–255. */
export const preferenceCodec: OptionCodec<PreferenceOption> = {
  code: 7,
  name: "PREFERENCE",
  decode(r) {
    exactLength(r, 1);
    return { name: "PREFERENCE", code: 7, value: r.u8("preference") };
  },
  encode: (o, w) => w.u8(o.value),
};

/** OPTION_ELAPSED_TIME (RFC 9915 §21.9): 2 bytes, hundredths of a second. */
export const elapsedTimeCodec: OptionCodec<ElapsedTimeOption> = {
  code: 8,
  name: "ELAPSED_TIME",
  decode(r) {
    exactLength(r, 2);
    return { name: "ELAPSED_TIME", code: 8, centiseconds: r.u16("elapsed time") };
  },
  encode: (o, w) => w.u16(o.centiseconds),
};

/** OPTION_RECONF_MSG (RFC 9915 §21.19): 1 byte, the message type to send. */
export const reconfMsgCodec: OptionCodec<ReconfMsgOption> = {
  code: 19,
  name: "RECONF_MSG",
  decode(r) {
    exactLength(r, 1);
    return { name: "RECONF_MSG", code: 19, messageType: r.u8("message type") };
  },
  encode: (o, w) => w.u8(o.messageType),
};

/** OPTION_INFORMATION_REFRESH_TIME (RFC 9915 §21.23): 4 bytes, seconds. */
export const informationRefreshTimeCodec: OptionCodec<InformationRefreshTimeOption> = {
  code: 32,
  name: "INFORMATION_REFRESH_TIME",
  decode(r) {
    exactLength(r, 4);
    return { name: "INFORMATION_REFRESH_TIME", code: 32, seconds: r.u32("refresh time") };
  },
  encode: (o, w) => w.u32(o.seconds),
};

/** OPTION_SOL_MAX_RT (RFC 9915 §21.24): 4 bytes, seconds. */
export const solMaxRtCodec: OptionCodec<SolMaxRtOption> = {
  code: 82,
  name: "SOL_MAX_RT",
  decode(r) {
    exactLength(r, 4);
    return { name: "SOL_MAX_RT", code: 82, seconds: r.u32("SOL_MAX_RT") };
  },
  encode: (o, w) => w.u32(o.seconds),
};

/** OPTION_INF_MAX_RT (RFC 9915 §21.25): 4 bytes, seconds. */
export const infMaxRtCodec: OptionCodec<InfMaxRtOption> = {
  code: 83,
  name: "INF_MAX_RT",
  decode(r) {
    exactLength(r, 4);
    return { name: "INF_MAX_RT", code: 83, seconds: r.u32("INF_MAX_RT") };
  },
  encode: (o, w) => w.u32(o.seconds),
};
