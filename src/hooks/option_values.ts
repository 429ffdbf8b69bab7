/**
 * Turns the non-IA options a client holds into checked text values for hooks
 * and status output. Addresses must be IPv6 text; domain names must be LDH
 * host names (RFC 1035 §2.3.1, RFC 1123 §2.1); a captive-portal URI (RFC 8910
 * §2) must use only URI characters that no shell expands. Whatever fails a
 * check is kept aside as hex, never passed on as text.
 * @module
 */
import { encodeOption } from "../dhcp6/codec.ts";
import type { Option } from "../dhcp6/options/types.ts";
import { isLdhName, nameToWire, SAFE_VALUE, textToHex, toHex } from "./safe_text.ts";

/** Option codes whose values have their own hook variables. */
export const OWN_VARIABLE_CODES: ReadonlySet<number> = new Set([
  2, // SERVERID: SERVER_DUID
  21, // SIP_SERVER_D (RFC 3319 §3.1)
  22, // SIP_SERVER_A (RFC 3319 §3.2)
  23, // DNS_SERVERS (RFC 3646 §3)
  24, // DOMAIN_LIST (RFC 3646 §4)
  27, // NIS_SERVERS (RFC 3898 §3)
  28, // NISP_SERVERS (RFC 3898 §4)
  29, // NIS_DOMAIN_NAME (RFC 3898 §5)
  30, // NISP_DOMAIN_NAME (RFC 3898 §6)
  31, // SNTP_SERVERS (RFC 4075 §4)
  33, // BCMCS_SERVER_D (RFC 4280 §4.1)
  34, // BCMCS_SERVER_A (RFC 4280 §4.2)
  56, // NTP_SERVER (RFC 5908 §4)
  64, // AFTR_NAME (RFC 6334 §3)
  103, // V6_CAPTIVE_PORTAL (RFC 8910 §2.2)
]);

/**
 * Option codes never shown as raw values: our own Client Identifier, the IA
 * containers (shown as addresses and prefixes), message plumbing, and the
 * Authentication option, whose reconfigure key (RFC 9915 §20.4) is a secret.
 */
export const NEVER_RAW_CODES: ReadonlySet<number> = new Set([1, 3, 4, 5, 6, 8, 9, 11, 25, 26]);

/** The checked text values of a client's options. Names have no trailing dot. */
export interface OptionValues {
  /** DNS recursive name servers (RFC 3646 §3). */
  readonly dnsServers: string[];
  /** Domain search list (RFC 3646 §4). */
  readonly domains: string[];
  /** SNTP servers (RFC 4075 §4). */
  readonly sntpServers: string[];
  /** SIP server addresses (RFC 3319 §3.2). */
  readonly sipServers: string[];
  /** SIP server domain names (RFC 3319 §3.1). */
  readonly sipNames: string[];
  /** NIS servers (RFC 3898 §3). */
  readonly nisServers: string[];
  /** NIS domain names (RFC 3898 §5). */
  readonly nisNames: string[];
  /** NIS+ servers (RFC 3898 §4). */
  readonly nispServers: string[];
  /** NIS+ domain names (RFC 3898 §6). */
  readonly nispNames: string[];
  /** BCMCS controller addresses (RFC 4280 §4.2). */
  readonly bcmcsServers: string[];
  /** BCMCS controller domain names (RFC 4280 §4.1). */
  readonly bcmcsNames: string[];
  /** NTP servers of option 56: addresses, multicast addresses and names, in order. */
  readonly ntpServers: string[];
  /** The DS-Lite AFTR name (RFC 6334 §3); empty when none passed its check. */
  aftrName: string;
  /** The captive portal API URI (RFC 8910 §2.2); empty when none passed its check. */
  captivePortal: string;
  /** Hex of each option's data by option code, for options with no own value. */
  readonly raw: Map<number, string[]>;
  /**
   * Values that failed their check, and whole options that could not be
   * decoded: `<code>:<hex>`, the hex of the bytes as sent.
   */
  readonly rejected: string[];
}

const IPV6_TEXT = /^[0-9A-Fa-f:.]{2,45}$/;

/**
 * Encodes a known option's data (the bytes after its code and length) so that
 * options without their own variable can be shown as raw hex.
 */
export type OptionDataEncoder = (option: Option) => Uint8Array | undefined;

/**
 * The option's data as the codec encodes it (RFC 9915 §21.1: after the 2-byte
 * code and 2-byte length), or undefined when it cannot be encoded.
 */
export function encodeOptionData(option: Option): Uint8Array | undefined {
  try {
    return encodeOption(option).subarray(4);
  } catch {
    return undefined;
  }
}

/** Sorts `options` into checked values; see {@link OptionValues}. */
export function optionValues(
  options: readonly Option[],
  encodeData: OptionDataEncoder = encodeOptionData,
): OptionValues {
  const v: OptionValues = {
    dnsServers: [],
    domains: [],
    sntpServers: [],
    sipServers: [],
    sipNames: [],
    nisServers: [],
    nisNames: [],
    nispServers: [],
    nispNames: [],
    bcmcsServers: [],
    bcmcsNames: [],
    ntpServers: [],
    aftrName: "",
    captivePortal: "",
    raw: new Map(),
    rejected: [],
  };
  const addresses = (code: number, into: string[], list: readonly string[]) => {
    for (const a of list) {
      if (IPV6_TEXT.test(a)) into.push(a.toLowerCase());
      else v.rejected.push(`${code}:${textToHex(a)}`);
    }
  };
  const names = (code: number, into: string[], list: readonly string[]) => {
    for (const n of list) {
      if (isLdhName(n)) into.push(n);
      else v.rejected.push(`${code}:${toHex(nameToWire(n))}`);
    }
  };
  for (const o of options) {
    switch (o.name) {
      case "DNS_SERVERS":
        addresses(o.code, v.dnsServers, o.servers);
        break;
      case "DOMAIN_LIST":
        names(o.code, v.domains, o.domains);
        break;
      case "SNTP_SERVERS":
        addresses(o.code, v.sntpServers, o.servers);
        break;
      case "SIP_SERVER_A":
        addresses(o.code, v.sipServers, o.servers);
        break;
      case "SIP_SERVER_D":
        names(o.code, v.sipNames, o.domains);
        break;
      case "NIS_SERVERS":
        addresses(o.code, v.nisServers, o.servers);
        break;
      case "NIS_DOMAIN_NAME":
        names(o.code, v.nisNames, o.domains);
        break;
      case "NISP_SERVERS":
        addresses(o.code, v.nispServers, o.servers);
        break;
      case "NISP_DOMAIN_NAME":
        names(o.code, v.nispNames, o.domains);
        break;
      case "BCMCS_SERVER_A":
        addresses(o.code, v.bcmcsServers, o.servers);
        break;
      case "BCMCS_SERVER_D":
        names(o.code, v.bcmcsNames, o.domains);
        break;
      case "NTP_SERVER":
        for (const s of o.suboptions) {
          if (s.type === "fqdn") names(o.code, v.ntpServers, [s.domain]);
          else if (s.type !== "unknown") addresses(o.code, v.ntpServers, [s.address]);
        }
        break;
      case "AFTR_NAME": {
        const kept: string[] = [];
        names(o.code, kept, [o.domain]);
        if (kept[0] !== undefined) v.aftrName = kept[0];
        break;
      }
      case "CAPTIVE_PORTAL":
        if (o.rawUri !== undefined) v.rejected.push(`${o.code}:${toHex(o.rawUri)}`);
        else if (o.uri.length > 0 && SAFE_VALUE.test(o.uri)) v.captivePortal = o.uri;
        else v.rejected.push(`${o.code}:${textToHex(o.uri)}`);
        break;
      case "MALFORMED":
        // Kept by the engine when it could not decode the option (RFC 9915 §16).
        if (!NEVER_RAW_CODES.has(o.code)) v.rejected.push(`${o.code}:${toHex(o.data)}`);
        break;
      default:
        if (OWN_VARIABLE_CODES.has(o.code) || NEVER_RAW_CODES.has(o.code)) break;
        if (o.name === "UNKNOWN") addRaw(v.raw, o.code, toHex(o.data));
        else {
          const data = encodeData(o);
          if (data !== undefined) addRaw(v.raw, o.code, toHex(data));
        }
    }
  }
  return v;
}

function addRaw(raw: Map<number, string[]>, code: number, hex: string): void {
  const list = raw.get(code);
  if (list) list.push(hex);
  else raw.set(code, [hex]);
}
