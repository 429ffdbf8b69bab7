/**
 * OPTION_NTP_SERVER (RFC 5908 §4): a list of sub-options, each a server
 * address, a multicast address or a server name.
 * @module
 */
import { domainToWire, readDomainName } from "../domain.ts";
import { formatIPv6, parseIPv6 } from "../ipv6.ts";
import { minLength, type OptionCodec } from "./option_codec.ts";
import type { NtpServerOption, NtpSuboption } from "./types.ts";

/** NTP sub-option codes (RFC 5908 §4). */
export const NtpSuboptionCode = { SRV_ADDR: 1, MC_ADDR: 2, SRV_FQDN: 3 } as const;

/** OPTION_NTP_SERVER (RFC 5908 §4). Unknown sub-options are kept opaque. */
export const ntpServerCodec: OptionCodec<NtpServerOption> = {
  code: 56,
  name: "NTP_SERVER",
  decode(r) {
    minLength(r, 4);
    const suboptions: NtpSuboption[] = [];
    while (r.remaining > 0) {
      const at = r.pos;
      const code = r.u16("sub-option code"); // 2 bytes: sub-option code
      const len = r.u16("sub-option length"); // 2 bytes: sub-option length
      const s = r.sub(
        len,
        `sub-option ${code} at offset ${at} data`,
        `${r.context}, sub-option ${code} at offset ${at}`,
        r.optionCode,
      );
      switch (code) {
        case NtpSuboptionCode.SRV_ADDR:
        case NtpSuboptionCode.MC_ADDR: {
          if (len !== 16) throw s.error(`length ${len} is not 16`, at + 2);
          const address = formatIPv6(s.bytesN(16, "address"));
          suboptions.push({ type: code === 1 ? "address" : "multicast", address });
          break;
        }
        case NtpSuboptionCode.SRV_FQDN: {
          const { name } = readDomainName(s);
          s.expectEnd("the server name");
          suboptions.push({ type: "fqdn", domain: name });
          break;
        }
        default:
          suboptions.push({ type: "unknown", code, data: s.rest() });
      }
    }
    return { name: "NTP_SERVER", code: 56, suboptions };
  },
  encode(o, w) {
    for (const s of o.suboptions) {
      let code: number;
      let body: Uint8Array;
      switch (s.type) {
        case "address":
          [code, body] = [NtpSuboptionCode.SRV_ADDR, parseIPv6(s.address)];
          break;
        case "multicast":
          [code, body] = [NtpSuboptionCode.MC_ADDR, parseIPv6(s.address)];
          break;
        case "fqdn":
          [code, body] = [NtpSuboptionCode.SRV_FQDN, domainToWire(s.domain)];
          break;
        case "unknown":
          [code, body] = [s.code, s.data];
          break;
      }
      w.u16(code);
      w.u16(body.length);
      w.bytes(body);
    }
  },
};
