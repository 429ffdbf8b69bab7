/**
 * The table of option codecs, by code and by name (RFC 9915 §21 and the
 * RFCs each codec cites). A code missing here is decoded as UNKNOWN.
 * @module
 */
import {
  bcmcsServerACodec,
  dnsServersCodec,
  nispServersCodec,
  nisServersCodec,
  sipServerACodec,
  sntpServersCodec,
  unicastCodec,
} from "./addresses.ts";
import { authCodec } from "./auth.ts";
import { captivePortalCodec } from "./captive_portal.ts";
import { userClassCodec, vendorClassCodec } from "./classes.ts";
import { clientFqdnCodec } from "./client_fqdn.ts";
import {
  aftrNameCodec,
  bcmcsServerDCodec,
  domainListCodec,
  nisDomainNameCodec,
  nispDomainNameCodec,
  sipServerDCodec,
} from "./domains.ts";
import { clientIdCodec, serverIdCodec } from "./duid_options.ts";
import { rapidCommitCodec, reconfAcceptCodec } from "./flags.ts";
import { iaNaCodec, iaPdCodec, iaTaCodec } from "./ia.ts";
import { iaAddrCodec, iaPrefixCodec } from "./ia_entries.ts";
import {
  elapsedTimeCodec,
  infMaxRtCodec,
  informationRefreshTimeCodec,
  preferenceCodec,
  reconfMsgCodec,
  solMaxRtCodec,
} from "./integers.ts";
import { interfaceIdCodec } from "./interface_id.ts";
import { ntpServerCodec } from "./ntp_server.ts";
import type { OptionCodec } from "./option_codec.ts";
import { oroCodec } from "./oro.ts";
import { pdExcludeCodec } from "./pd_exclude.ts";
import { relayMsgCodec } from "./relay_msg.ts";
import { statusCodeCodec } from "./status_code.ts";
import type { Option, OptionNamed } from "./types.ts";
import { vendorOptsCodec } from "./vendor_opts.ts";

/** Names of the options that have a codec (every name but UNKNOWN and MALFORMED). */
export type KnownOptionName = Exclude<Option["name"], "UNKNOWN" | "MALFORMED">;

/** One codec per known option name; the type makes a missing codec a compile error. */
export type CodecTable = { readonly [N in KnownOptionName]: OptionCodec<OptionNamed<N>> };

/** Every option codec, by name. */
export const codecsByName: CodecTable = {
  CLIENTID: clientIdCodec,
  SERVERID: serverIdCodec,
  IA_NA: iaNaCodec,
  IA_TA: iaTaCodec,
  IAADDR: iaAddrCodec,
  ORO: oroCodec,
  PREFERENCE: preferenceCodec,
  ELAPSED_TIME: elapsedTimeCodec,
  RELAY_MSG: relayMsgCodec,
  AUTH: authCodec,
  UNICAST: unicastCodec,
  STATUS_CODE: statusCodeCodec,
  RAPID_COMMIT: rapidCommitCodec,
  USER_CLASS: userClassCodec,
  VENDOR_CLASS: vendorClassCodec,
  VENDOR_OPTS: vendorOptsCodec,
  INTERFACE_ID: interfaceIdCodec,
  RECONF_MSG: reconfMsgCodec,
  RECONF_ACCEPT: reconfAcceptCodec,
  SIP_SERVER_D: sipServerDCodec,
  SIP_SERVER_A: sipServerACodec,
  DNS_SERVERS: dnsServersCodec,
  DOMAIN_LIST: domainListCodec,
  IA_PD: iaPdCodec,
  IAPREFIX: iaPrefixCodec,
  NIS_SERVERS: nisServersCodec,
  NISP_SERVERS: nispServersCodec,
  NIS_DOMAIN_NAME: nisDomainNameCodec,
  NISP_DOMAIN_NAME: nispDomainNameCodec,
  SNTP_SERVERS: sntpServersCodec,
  INFORMATION_REFRESH_TIME: informationRefreshTimeCodec,
  BCMCS_SERVER_D: bcmcsServerDCodec,
  BCMCS_SERVER_A: bcmcsServerACodec,
  CLIENT_FQDN: clientFqdnCodec,
  NTP_SERVER: ntpServerCodec,
  AFTR_NAME: aftrNameCodec,
  PD_EXCLUDE: pdExcludeCodec,
  SOL_MAX_RT: solMaxRtCodec,
  INF_MAX_RT: infMaxRtCodec,
  CAPTIVE_PORTAL: captivePortalCodec,
};

/** Every option codec, by code. */
export const codecsByCode: ReadonlyMap<number, OptionCodec<Option>> = new Map(
  Object.values(codecsByName).map((c) => [c.code, c as unknown as OptionCodec<Option>]),
);

/** The option name for a code, or undefined when edge6 does not decode it. */
export function optionNameOf(code: number): KnownOptionName | undefined {
  return codecsByCode.get(code)?.name as KnownOptionName | undefined;
}
