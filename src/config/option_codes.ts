/**
 * Which option codes an interface may request or send as raw options, and
 * what to write instead of the ones it may not.
 * @module
 */
import { OptionCode } from "../dhcp6/constants.ts";

/**
 * Codes the Option Request option must not carry (RFC 9915 §21.7): options
 * that identify or structure a message, or that only a server or relay sends.
 */
export const NOT_REQUESTABLE: ReadonlySet<number> = new Set([
  OptionCode.CLIENTID,
  OptionCode.SERVERID,
  OptionCode.IA_NA,
  OptionCode.IA_TA,
  OptionCode.IA_PD,
  OptionCode.IAADDR,
  OptionCode.IAPREFIX,
  OptionCode.ORO,
  OptionCode.ELAPSED_TIME,
  OptionCode.PREFERENCE,
  OptionCode.RELAY_MSG,
  OptionCode.AUTH,
  OptionCode.UNICAST,
  OptionCode.STATUS_CODE,
  OptionCode.RAPID_COMMIT,
  OptionCode.USER_CLASS,
  OptionCode.VENDOR_CLASS,
  OptionCode.INTERFACE_ID,
  OptionCode.RECONF_MSG,
  OptionCode.RECONF_ACCEPT,
]);

/**
 * Codes the client builds itself, so that a raw option with one of them
 * would clash, each with what to write instead (or why there is nothing to
 * write). The advice names the TOML key and dhcp6c.conf's statement.
 */
export const ENGINE_OWNED_CODES: ReadonlyMap<number, string> = new Map([
  [
    OptionCode.CLIENTID,
    "edge6 sends its own DUID (kept in global.duid_file, taken over from dhcp6c's DUID file) and cannot send another",
  ],
  [
    OptionCode.SERVERID,
    "edge6 sends the Server Identifier of the server it talks to (RFC 9915 §18.2); there is no equivalent",
  ],
  [
    OptionCode.IA_NA,
    "write an [[interface.NAME.ia_na]] table (dhcp6c.conf: send ia-na N; with id-assoc na N)",
  ],
  [
    OptionCode.IA_TA,
    "IA_TA is obsolete in RFC 9915 (§21.5); there is no equivalent",
  ],
  [
    OptionCode.IAADDR,
    "an address is asked for inside an IA_NA: write addresses = [...] in an [[interface.NAME.ia_na]] table",
  ],
  [
    OptionCode.ORO,
    "write the codes as request = [...] (dhcp6c.conf: request NAME; a raw-option 6 there is read as request entries)",
  ],
  [
    OptionCode.ELAPSED_TIME,
    "edge6 measures it for every message it sends (RFC 9915 §21.9); there is no equivalent",
  ],
  [OptionCode.RELAY_MSG, "only relay agents send it (RFC 9915 §21.10); there is no equivalent"],
  [OptionCode.RAPID_COMMIT, "write rapid_commit = true (dhcp6c.conf: send rapid-commit;)"],
  [OptionCode.RECONF_ACCEPT, "write reconfigure_accept = true"],
  [
    OptionCode.IA_PD,
    "write an [[interface.NAME.ia_pd]] table (dhcp6c.conf: send ia-pd N; with id-assoc pd N)",
  ],
  [
    OptionCode.IAPREFIX,
    "a prefix is asked for inside an IA_PD: write prefixes = [...] in an [[interface.NAME.ia_pd]] table",
  ],
]);
