/**
 * OPTION_STATUS_CODE (RFC 9915 §21.13): a status number and a UTF-8 message.
 * @module
 */
import { decodeUtf8, minLength, type OptionCodec } from "./option_codec.ts";
import type { StatusCodeOption } from "./types.ts";

/**
 * OPTION_STATUS_CODE (RFC 9915 §21.13). A message that is not valid UTF-8 is
 * shown with replacement characters and its bytes are kept in `rawMessage`
 * so that it re-encodes unchanged.
 */
export const statusCodeCodec: OptionCodec<StatusCodeOption> = {
  code: 13,
  name: "STATUS_CODE",
  decode(r) {
    minLength(r, 2);
    const status = r.u16("status code"); // 2 bytes: status code
    const bytes = r.rest(); // the rest: UTF-8 status message
    const { text, valid } = decodeUtf8(bytes);
    return valid
      ? { name: "STATUS_CODE", code: 13, status, message: text }
      : { name: "STATUS_CODE", code: 13, status, message: text, rawMessage: bytes };
  },
  encode(o, w) {
    w.u16(o.status);
    w.bytes(o.rawMessage ?? new TextEncoder().encode(o.message));
  },
};
