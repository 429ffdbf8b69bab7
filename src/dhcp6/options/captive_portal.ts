/**
 * OPTION_V6_CAPTIVE_PORTAL (RFC 8910 §2.2): the captive portal API URI.
 * @module
 */
import { decodeUtf8, type OptionCodec } from "./option_codec.ts";
import type { CaptivePortalOption } from "./types.ts";

/**
 * OPTION_V6_CAPTIVE_PORTAL (RFC 8910 §2.2). The URI is taken as UTF-8; bytes
 * that are not valid UTF-8 are kept in `rawUri` so that they re-encode
 * unchanged.
 */
export const captivePortalCodec: OptionCodec<CaptivePortalOption> = {
  code: 103,
  name: "CAPTIVE_PORTAL",
  decode(r) {
    const bytes = r.rest(); // the whole body: the URI, no terminator
    const { text, valid } = decodeUtf8(bytes);
    return valid
      ? { name: "CAPTIVE_PORTAL", code: 103, uri: text }
      : { name: "CAPTIVE_PORTAL", code: 103, uri: text, rawUri: bytes };
  },
  encode(o, w) {
    w.bytes(o.rawUri ?? new TextEncoder().encode(o.uri));
  },
};
