/**
 * The JSON view of decoded messages and options that `edge6 decode`
 * prints and that hooks and status output reuse. Message and option names
 * are those of RFC 9915 §7.3 and §21; addresses are RFC 5952 text; opaque
 * bytes are lowercase hex.
 * @module
 */
import { parseDuid } from "./duid.ts";
import { toHex } from "./hex.ts";
import { formatPrefix, parseIPv6 } from "./ipv6.ts";
import { isRelayMessage, type Message } from "./message.ts";
import { messageTypeName, optionName, statusName } from "./names.ts";
import { excludedPrefix } from "./options/pd_exclude.ts";
import type { IaPrefixOption, Option } from "./options/types.ts";

/** A JSON value as produced by this module. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
/** A JSON object as produced by this module. */
export type JsonObject = { [key: string]: Json };

/**
 * The JSON view of a message: `type` (RFC 9915 §7.3 name), `transactionId`
 * (six lowercase hex digits) or the relay fields (§9), and `options`.
 */
export function messageToJson(m: Message): JsonObject {
  if (isRelayMessage(m)) {
    return {
      type: messageTypeName(m.type),
      hopCount: m.hopCount,
      linkAddress: m.linkAddress,
      peerAddress: m.peerAddress,
      options: m.options.map((o) => optionToJson(o)),
    };
  }
  return {
    type: messageTypeName(m.type),
    transactionId: transactionIdHex(m.transactionId),
    options: m.options.map((o) => optionToJson(o)),
  };
}

/** A transaction id as six lowercase hex digits (RFC 9915 §8). */
export function transactionIdHex(id: number): string {
  return id.toString(16).padStart(6, "0");
}

/**
 * The JSON view of one option: `code`, `name`, then its fields; options that
 * hold options list them in `options`. `parent` is the enclosing IAPREFIX,
 * which lets PD_EXCLUDE show the excluded prefix (RFC 6603 §4.2).
 */
export function optionToJson(o: Option, parent?: IaPrefixOption): JsonObject {
  const head: JsonObject = {
    code: o.code,
    name: o.name === "UNKNOWN" || o.name === "MALFORMED" ? optionName(o.code) : o.name,
  };
  const nested = (options: readonly Option[], p?: IaPrefixOption): Json[] =>
    options.map((x) => optionToJson(x, p));
  switch (o.name) {
    case "CLIENTID":
    case "SERVERID":
      return { ...head, duid: toHex(o.duid), ...duidFields(o.duid) };
    case "IA_NA":
    case "IA_PD":
      return { ...head, iaid: o.iaid, t1: o.t1, t2: o.t2, options: nested(o.options) };
    case "IA_TA":
      return { ...head, iaid: o.iaid, options: nested(o.options) };
    case "IAADDR":
      return {
        ...head,
        address: o.address,
        preferredLifetime: o.preferredLifetime,
        validLifetime: o.validLifetime,
        options: nested(o.options),
      };
    case "IAPREFIX":
      return {
        ...head,
        prefix: `${o.prefix}/${o.prefixLength}`,
        prefixLength: o.prefixLength,
        preferredLifetime: o.preferredLifetime,
        validLifetime: o.validLifetime,
        options: nested(o.options, o),
      };
    case "ORO":
      return { ...head, codes: [...o.codes], names: o.codes.map(optionName) };
    case "PREFERENCE":
      return { ...head, value: o.value };
    case "ELAPSED_TIME":
      return { ...head, centiseconds: o.centiseconds };
    case "RELAY_MSG":
      return { ...head, message: messageToJson(o.message) };
    case "AUTH":
      return {
        ...head,
        protocol: o.protocol,
        algorithm: o.algorithm,
        rdm: o.rdm,
        replayDetection: o.replayDetection.toString(16).padStart(16, "0"),
        authInfo: toHex(o.authInfo),
      };
    case "UNICAST":
      return { ...head, address: o.address };
    case "STATUS_CODE":
      return { ...head, status: o.status, statusName: statusName(o.status), message: o.message };
    case "RAPID_COMMIT":
    case "RECONF_ACCEPT":
      return head;
    case "USER_CLASS":
      return { ...head, classes: o.classes.map(toHex) };
    case "VENDOR_CLASS":
      return { ...head, enterprise: o.enterprise, classes: o.classes.map(toHex) };
    case "VENDOR_OPTS":
      return {
        ...head,
        enterprise: o.enterprise,
        options: o.options.map((s) => ({ code: s.code, hex: toHex(s.data) })),
      };
    case "INTERFACE_ID":
      return { ...head, id: toHex(o.id) };
    case "RECONF_MSG":
      return {
        ...head,
        messageType: o.messageType,
        messageTypeName: messageTypeName(o.messageType),
      };
    case "SIP_SERVER_A":
    case "DNS_SERVERS":
    case "NIS_SERVERS":
    case "NISP_SERVERS":
    case "SNTP_SERVERS":
    case "BCMCS_SERVER_A":
      return { ...head, servers: [...o.servers] };
    case "SIP_SERVER_D":
    case "DOMAIN_LIST":
    case "NIS_DOMAIN_NAME":
    case "NISP_DOMAIN_NAME":
    case "BCMCS_SERVER_D":
      return { ...head, domains: [...o.domains] };
    case "INFORMATION_REFRESH_TIME":
    case "SOL_MAX_RT":
    case "INF_MAX_RT":
      return { ...head, seconds: o.seconds };
    case "CLIENT_FQDN":
      return { ...head, flags: o.flags, domain: o.domain, partial: o.partial };
    case "NTP_SERVER":
      return {
        ...head,
        suboptions: o.suboptions.map((s): JsonObject => {
          switch (s.type) {
            case "address":
            case "multicast":
              return { type: s.type, address: s.address };
            case "fqdn":
              return { type: s.type, domain: s.domain };
            case "unknown":
              return { type: s.type, code: s.code, hex: toHex(s.data) };
          }
        }),
      };
    case "AFTR_NAME":
      return { ...head, domain: o.domain };
    case "PD_EXCLUDE": {
      const out: JsonObject = {
        ...head,
        prefixLength: o.prefixLength,
        subnetId: toHex(o.subnetId),
      };
      if (parent !== undefined) {
        const p = excludedPrefix(parseIPv6(parent.prefix), parent.prefixLength, o);
        if (p !== undefined) out.prefix = formatPrefix(p, o.prefixLength);
      }
      return out;
    }
    case "CAPTIVE_PORTAL":
      return { ...head, uri: o.uri };
    case "UNKNOWN":
      return { ...head, hex: toHex(o.data) };
    case "MALFORMED":
      return { ...head, hex: toHex(o.data), error: o.error };
  }
}

/** The decoded parts of a DUID (RFC 9915 §11) as JSON fields. */
export function duidFields(duid: Uint8Array): JsonObject {
  const d = parseDuid(duid);
  switch (d.type) {
    case "LLT":
      return {
        duidType: "LLT",
        hardwareType: d.hardwareType,
        time: d.time,
        linkLayerAddress: toHex(d.linkLayerAddress),
      };
    case "EN":
      return { duidType: "EN", enterprise: d.enterprise, identifier: toHex(d.identifier) };
    case "LL":
      return {
        duidType: "LL",
        hardwareType: d.hardwareType,
        linkLayerAddress: toHex(d.linkLayerAddress),
      };
    case "UUID":
      return { duidType: "UUID", uuid: d.uuid };
    case "raw":
      return d.typeCode === undefined ? {} : { duidType: d.typeCode };
  }
}
