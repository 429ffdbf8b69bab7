/**
 * Options that carry IPv6 addresses: UNICAST (RFC 8415 §21.12) and the
 * server lists SIP_SERVER_A (RFC 3319 §3.2), DNS_SERVERS (RFC 3646 §3),
 * NIS_SERVERS / NISP_SERVERS (RFC 3898 §3, §4), SNTP_SERVERS (RFC 4075 §4)
 * and BCMCS_SERVER_A (RFC 4280 §4.2).
 * @module
 */
import { formatIPv6, parseIPv6 } from "../ipv6.ts";
import { exactLength, multipleLength, type OptionCodec } from "./option_codec.ts";
import type {
  BcmcsServerAOption,
  DnsServersOption,
  NispServersOption,
  NisServersOption,
  SipServerAOption,
  SntpServersOption,
  UnicastOption,
} from "./types.ts";

/** OPTION_UNICAST (RFC 8415 §21.12): 16 bytes, one address. */
export const unicastCodec: OptionCodec<UnicastOption> = {
  code: 12,
  name: "UNICAST",
  decode(r) {
    exactLength(r, 16);
    return { name: "UNICAST", code: 12, address: formatIPv6(r.bytesN(16, "address")) };
  },
  encode: (o, w) => w.bytes(parseIPv6(o.address)),
};

type ListOption =
  | SipServerAOption
  | DnsServersOption
  | NisServersOption
  | NispServersOption
  | SntpServersOption
  | BcmcsServerAOption;

function addressList<O extends ListOption>(name: O["name"], code: O["code"]): OptionCodec<O> {
  return {
    code,
    name,
    decode(r) {
      multipleLength(r, 16); // n × 16 bytes: IPv6 addresses
      const servers: string[] = [];
      while (r.remaining > 0) servers.push(formatIPv6(r.bytesN(16, "address")));
      return { name, code, servers } as unknown as O;
    },
    encode(o, w) {
      for (const s of o.servers) w.bytes(parseIPv6(s));
    },
  };
}

/** OPTION_SIP_SERVER_A (RFC 3319 §3.2). */
export const sipServerACodec: OptionCodec<SipServerAOption> = addressList<SipServerAOption>(
  "SIP_SERVER_A",
  22,
);
/** OPTION_DNS_SERVERS (RFC 3646 §3). */
export const dnsServersCodec: OptionCodec<DnsServersOption> = addressList<DnsServersOption>(
  "DNS_SERVERS",
  23,
);
/** OPTION_NIS_SERVERS (RFC 3898 §3). */
export const nisServersCodec: OptionCodec<NisServersOption> = addressList<NisServersOption>(
  "NIS_SERVERS",
  27,
);
/** OPTION_NISP_SERVERS (RFC 3898 §4). */
export const nispServersCodec: OptionCodec<NispServersOption> = addressList<NispServersOption>(
  "NISP_SERVERS",
  28,
);
/** OPTION_SNTP_SERVERS (RFC 4075 §4). */
export const sntpServersCodec: OptionCodec<SntpServersOption> = addressList<SntpServersOption>(
  "SNTP_SERVERS",
  31,
);
/** OPTION_BCMCS_SERVER_A (RFC 4280 §4.2). */
export const bcmcsServerACodec: OptionCodec<BcmcsServerAOption> = addressList<BcmcsServerAOption>(
  "BCMCS_SERVER_A",
  34,
);
