/**
 * OPTION_VENDOR_OPTS (RFC 9915 §21.17): an enterprise number and that
 * vendor's sub-options, kept opaque.
 * @module
 */
import { minLength, type OptionCodec } from "./option_codec.ts";
import type { VendorOptsOption, VendorSubOption } from "./types.ts";

/** OPTION_VENDOR_OPTS (RFC 9915 §21.17). */
export const vendorOptsCodec: OptionCodec<VendorOptsOption> = {
  code: 17,
  name: "VENDOR_OPTS",
  decode(r) {
    minLength(r, 4);
    const enterprise = r.u32("enterprise number"); // 4 bytes
    const options: VendorSubOption[] = [];
    while (r.remaining > 0) {
      const code = r.u16("vendor sub-option code"); // 2 bytes: sub-option code
      const len = r.u16("vendor sub-option length"); // 2 bytes: sub-option length
      options.push({ code, data: r.bytesN(len, `vendor sub-option ${code} data`) });
    }
    return { name: "VENDOR_OPTS", code: 17, enterprise, options };
  },
  encode(o, w) {
    w.u32(o.enterprise);
    for (const s of o.options) {
      w.u16(s.code);
      w.u16(s.data.length);
      w.bytes(s.data);
    }
  },
};
