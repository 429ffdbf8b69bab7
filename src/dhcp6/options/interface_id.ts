/**
 * OPTION_INTERFACE_ID (RFC 9915 §21.18): an opaque identifier from a relay.
 * @module
 */
import type { OptionCodec } from "./option_codec.ts";
import type { InterfaceIdOption } from "./types.ts";

/** OPTION_INTERFACE_ID (RFC 9915 §21.18): the whole body is the identifier. */
export const interfaceIdCodec: OptionCodec<InterfaceIdOption> = {
  code: 18,
  name: "INTERFACE_ID",
  decode: (r) => ({ name: "INTERFACE_ID", code: 18, id: r.rest() }),
  encode: (o, w) => w.bytes(o.id),
};
