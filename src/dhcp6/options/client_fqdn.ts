/**
 * OPTION_CLIENT_FQDN (RFC 4704 §4): flags and a full or partial name.
 * @module
 */
import { readDomainName, writeDomainName } from "../domain.ts";
import { minLength, type OptionCodec } from "./option_codec.ts";
import type { ClientFqdnOption } from "./types.ts";

/**
 * OPTION_CLIENT_FQDN (RFC 4704 §4): 1 flags byte, then a name that may omit
 * its root label (a partial name, §4.2) or be absent.
 */
export const clientFqdnCodec: OptionCodec<ClientFqdnOption> = {
  code: 39,
  name: "CLIENT_FQDN",
  decode(r) {
    minLength(r, 1);
    const flags = r.u8("flags"); // 1 byte: flags (S, O, N)
    const { name, partial } = readDomainName(r, true);
    r.expectEnd("the domain name");
    return { name: "CLIENT_FQDN", code: 39, flags, domain: name, partial };
  },
  encode(o, w) {
    w.u8(o.flags);
    writeDomainName(w, o.domain, o.partial);
  },
};
