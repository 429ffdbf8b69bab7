/**
 * OPTION_USER_CLASS (RFC 9915 §21.15) and OPTION_VENDOR_CLASS (§21.16):
 * lists of opaque class data, each item prefixed by a 2-byte length.
 * @module
 */
import type { Reader, Writer } from "../buffer.ts";
import { minLength, type OptionCodec } from "./option_codec.ts";
import type { UserClassOption, VendorClassOption } from "./types.ts";

function readItems(r: Reader): Uint8Array[] {
  const items: Uint8Array[] = [];
  while (r.remaining > 0) {
    const len = r.u16("class data length"); // 2 bytes: item length
    items.push(r.bytesN(len, "class data")); // the item itself
  }
  return items;
}

function writeItems(w: Writer, items: readonly Uint8Array[]): void {
  for (const item of items) {
    w.u16(item.length);
    w.bytes(item);
  }
}

/** OPTION_USER_CLASS (RFC 9915 §21.15). */
export const userClassCodec: OptionCodec<UserClassOption> = {
  code: 15,
  name: "USER_CLASS",
  decode: (r) => ({ name: "USER_CLASS", code: 15, classes: readItems(r) }),
  encode: (o, w) => writeItems(w, o.classes),
};

/** OPTION_VENDOR_CLASS (RFC 9915 §21.16): enterprise number, then class data. */
export const vendorClassCodec: OptionCodec<VendorClassOption> = {
  code: 16,
  name: "VENDOR_CLASS",
  decode(r) {
    minLength(r, 4);
    const enterprise = r.u32("enterprise number"); // 4 bytes
    return { name: "VENDOR_CLASS", code: 16, enterprise, classes: readItems(r) };
  },
  encode(o, w) {
    w.u32(o.enterprise);
    writeItems(w, o.classes);
  },
};
