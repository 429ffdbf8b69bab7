/**
 * Options that carry domain names (RFC 9915 §10 encoding, no compression):
 * SIP_SERVER_D (RFC 3319 §3.1), DOMAIN_LIST (RFC 3646 §4), NIS_DOMAIN_NAME /
 * NISP_DOMAIN_NAME (RFC 3898 §5, §6), BCMCS_SERVER_D (RFC 4280 §4.1) and
 * AFTR_NAME (RFC 6334 §3, a single name).
 * @module
 */
import { readDomainList, readDomainName, writeDomainName } from "../domain.ts";
import { minLength, type OptionCodec } from "./option_codec.ts";
import type {
  AftrNameOption,
  BcmcsServerDOption,
  DomainListSearchOption,
  NisDomainNameOption,
  NispDomainNameOption,
  SipServerDOption,
} from "./types.ts";

type ListOption =
  | SipServerDOption
  | DomainListSearchOption
  | NisDomainNameOption
  | NispDomainNameOption
  | BcmcsServerDOption;

function domainList<O extends ListOption>(name: O["name"], code: O["code"]): OptionCodec<O> {
  return {
    code,
    name,
    // The body is names back to back, each ending in its root label.
    decode: (r) => ({ name, code, domains: readDomainList(r) }) as unknown as O,
    encode(o, w) {
      for (const d of o.domains) writeDomainName(w, d);
    },
  };
}

/** OPTION_SIP_SERVER_D (RFC 3319 §3.1). */
export const sipServerDCodec: OptionCodec<SipServerDOption> = domainList<SipServerDOption>(
  "SIP_SERVER_D",
  21,
);
/** OPTION_DOMAIN_LIST (RFC 3646 §4). */
export const domainListCodec: OptionCodec<DomainListSearchOption> = domainList<
  DomainListSearchOption
>("DOMAIN_LIST", 24);
/** OPTION_NIS_DOMAIN_NAME (RFC 3898 §5). */
export const nisDomainNameCodec: OptionCodec<NisDomainNameOption> = domainList<NisDomainNameOption>(
  "NIS_DOMAIN_NAME",
  29,
);
/** OPTION_NISP_DOMAIN_NAME (RFC 3898 §6). */
export const nispDomainNameCodec: OptionCodec<NispDomainNameOption> = domainList<
  NispDomainNameOption
>("NISP_DOMAIN_NAME", 30);
/** OPTION_BCMCS_SERVER_D (RFC 4280 §4.1). */
export const bcmcsServerDCodec: OptionCodec<BcmcsServerDOption> = domainList<BcmcsServerDOption>(
  "BCMCS_SERVER_D",
  33,
);

/** OPTION_AFTR_NAME (RFC 6334 §3): exactly one fully qualified name. */
export const aftrNameCodec: OptionCodec<AftrNameOption> = {
  code: 64,
  name: "AFTR_NAME",
  decode(r) {
    minLength(r, 1);
    const { name } = readDomainName(r);
    r.expectEnd("the tunnel endpoint name");
    return { name: "AFTR_NAME", code: 64, domain: name };
  },
  encode: (o, w) => writeDomainName(w, o.domain),
};
