/**
 * OPTION_RELAY_MSG (RFC 9915 §21.10): a whole DHCPv6 message inside a relay
 * message.
 * @module
 */
import type { OptionCodec } from "./option_codec.ts";
import type { RelayMsgOption } from "./types.ts";

/** OPTION_RELAY_MSG (RFC 9915 §21.10): the relayed message, decoded in place. */
export const relayMsgCodec: OptionCodec<RelayMsgOption> = {
  code: 9,
  name: "RELAY_MSG",
  decode: (r, ctx) => ({ name: "RELAY_MSG", code: 9, message: ctx.message(r) }),
  encode: (o, w, ctx) => ctx.message(w, o.message),
};
