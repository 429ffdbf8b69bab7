/**
 * OPTION_CLIENTID and OPTION_SERVERID (RFC 9915 §21.2, §21.3): a DUID.
 * @module
 */
import { MAX_DUID_LENGTH } from "../duid.ts";
import type { Reader, Writer } from "../buffer.ts";
import { maxLength, minLength, type OptionCodec } from "./option_codec.ts";
import type { ClientIdOption, ServerIdOption } from "./types.ts";

function readDuid(r: Reader): Uint8Array {
  // 2 bytes: DUID type, then up to 128 bytes of identifier (RFC 9915 §11.1).
  minLength(r, 2);
  maxLength(r, MAX_DUID_LENGTH);
  return r.rest();
}

function writeDuid(duid: Uint8Array, w: Writer): void {
  if (duid.length < 2 || duid.length > MAX_DUID_LENGTH) {
    throw new RangeError(`a DUID is 2 to ${MAX_DUID_LENGTH} bytes, not ${duid.length}`);
  }
  w.bytes(duid);
}

/** OPTION_CLIENTID (RFC 9915 §21.2). */
export const clientIdCodec: OptionCodec<ClientIdOption> = {
  code: 1,
  name: "CLIENTID",
  decode: (r) => ({ name: "CLIENTID", code: 1, duid: readDuid(r) }),
  encode: (o, w) => writeDuid(o.duid, w),
};

/** OPTION_SERVERID (RFC 9915 §21.3). */
export const serverIdCodec: OptionCodec<ServerIdOption> = {
  code: 2,
  name: "SERVERID",
  decode: (r) => ({ name: "SERVERID", code: 2, duid: readDuid(r) }),
  encode: (o, w) => writeDuid(o.duid, w),
};
