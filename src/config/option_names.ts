/**
 * Names of the options an interface may request (RFC 9915 §21.7, the Option
 * Request option), for TOML and for dhcp6c.conf's `request` statement.
 * @module
 */
import { OptionCode } from "../dhcp6/constants.ts";

/**
 * The canonical name of every option code edge6 knows: the `OptionCode` key
 * in lower case with dashes (`DNS_SERVERS` → `dns-servers`).
 */
export const OPTION_NAMES: ReadonlyMap<string, number> = new Map(
  Object.entries(OptionCode).map(([k, v]) => [k.toLowerCase().replaceAll("_", "-"), v]),
);

/**
 * dhcp6c's names (cftoken.l and dhcp6c.conf(5)); `ntp-servers` there means
 * the SNTP option 31 (RFC 4075), not the NTP option 56 (RFC 5908).
 */
export const DHCP6C_OPTION_NAMES: ReadonlyMap<string, number> = new Map([
  ["domain-name-servers", OptionCode.DNS_SERVERS],
  ["domain-name", OptionCode.DOMAIN_LIST],
  ["ntp-servers", OptionCode.SNTP_SERVERS],
  ["sip-server-address", OptionCode.SIP_SERVER_A],
  ["sip-server-domain-name", OptionCode.SIP_SERVER_D],
  ["sip-domain-name", OptionCode.SIP_SERVER_D],
  ["nis-server-address", OptionCode.NIS_SERVERS],
  ["nis-domain-name", OptionCode.NIS_DOMAIN_NAME],
  ["nis-server-domain-name", OptionCode.NIS_DOMAIN_NAME],
  ["nisp-server-address", OptionCode.NISP_SERVERS],
  ["nisp-domain-name", OptionCode.NISP_DOMAIN_NAME],
  ["nisp-server-domain-name", OptionCode.NISP_DOMAIN_NAME],
  ["bcmcs-server-address", OptionCode.BCMCS_SERVER_A],
  ["bcmcs-server-domain-name", OptionCode.BCMCS_SERVER_D],
  ["bcmcs-domain-name", OptionCode.BCMCS_SERVER_D],
  ["refreshtime", OptionCode.INFORMATION_REFRESH_TIME],
]);

/** Every name accepted in TOML's `request` list: canonical names, then dhcp6c's. */
export const REQUEST_NAMES: ReadonlyMap<string, number> = new Map([
  ...OPTION_NAMES,
  ...DHCP6C_OPTION_NAMES,
]);

/** The canonical name of a code, or undefined when edge6 has none. */
export function optionName(code: number): string | undefined {
  for (const [name, c] of OPTION_NAMES) if (c === code) return name;
  return undefined;
}
