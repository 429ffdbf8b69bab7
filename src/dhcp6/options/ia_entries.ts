/**
 * What an IA holds: OPTION_IAADDR (RFC 9915 §21.6) and OPTION_IAPREFIX
 * (RFC 9915 §21.22), each with nested options.
 * @module
 */
import { formatIPv6, parseIPv6 } from "../ipv6.ts";
import { minLength, type OptionCodec } from "./option_codec.ts";
import type { IaAddrOption, IaPrefixOption } from "./types.ts";

/** OPTION_IAADDR (RFC 9915 §21.6): address, preferred and valid lifetimes, options. */
export const iaAddrCodec: OptionCodec<IaAddrOption> = {
  code: 5,
  name: "IAADDR",
  decode(r, ctx) {
    minLength(r, 24);
    const address = formatIPv6(r.bytesN(16, "address")); // 16 bytes: IPv6 address
    const preferredLifetime = r.u32("preferred lifetime"); // 4 bytes, seconds
    const validLifetime = r.u32("valid lifetime"); // 4 bytes, seconds
    return {
      name: "IAADDR",
      code: 5,
      address,
      preferredLifetime,
      validLifetime,
      options: ctx.options(r),
    };
  },
  encode(o, w, ctx) {
    w.bytes(parseIPv6(o.address));
    w.u32(o.preferredLifetime);
    w.u32(o.validLifetime);
    ctx.options(w, o.options);
  },
};

/** OPTION_IAPREFIX (RFC 9915 §21.22): lifetimes, prefix length, prefix, options. */
export const iaPrefixCodec: OptionCodec<IaPrefixOption> = {
  code: 26,
  name: "IAPREFIX",
  decode(r, ctx) {
    minLength(r, 25);
    const preferredLifetime = r.u32("preferred lifetime"); // 4 bytes, seconds
    const validLifetime = r.u32("valid lifetime"); // 4 bytes, seconds
    const at = r.pos;
    const prefixLength = r.u8("prefix length"); // 1 byte: prefix length in bits
    if (prefixLength > 128) throw r.error(`prefix length ${prefixLength} exceeds 128`, at);
    const prefix = formatIPv6(r.bytesN(16, "prefix")); // 16 bytes: IPv6 prefix
    return {
      name: "IAPREFIX",
      code: 26,
      preferredLifetime,
      validLifetime,
      prefixLength,
      prefix,
      options: ctx.options(r),
    };
  },
  encode(o, w, ctx) {
    if (!Number.isInteger(o.prefixLength) || o.prefixLength < 0 || o.prefixLength > 128) {
      throw new RangeError(`prefix length ${o.prefixLength} is not 0 to 128`);
    }
    w.u32(o.preferredLifetime);
    w.u32(o.validLifetime);
    w.u8(o.prefixLength);
    w.bytes(parseIPv6(o.prefix));
    ctx.options(w, o.options);
  },
};
