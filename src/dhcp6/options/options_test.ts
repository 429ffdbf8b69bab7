/**
 * A commented byte fixture for every option edge6 decodes: decode → fields
 * → encode → same bytes, then a truncated, an over-long and a
 * trailing-bytes variant of each, plus targeted malformed cases.
 */
import assert from "node:assert/strict";
import { decodeMessage, encodeMessage, encodeOption } from "../codec.ts";
import { DecodeError } from "../decode_error.ts";
import { fromHex, toHex } from "../hex.ts";
import type { Option } from "./types.ts";

/** Joins hex pieces, dropping spaces. */
const h = (...parts: string[]) => parts.join("").replaceAll(" ", "");
/** ASCII text as hex. */
const a = (text: string) => toHex(new TextEncoder().encode(text));
/** A REPLY header (type 7, transaction id 0x123456): the fixtures sit in its option area. */
const REPLY = "07 123456";

interface Fixture {
  /** The option's bytes, code and length included. */
  readonly hex: string;
  /** What it decodes to. */
  readonly option: Option;
  /**
   * The outcome when the body grows by one byte 0x01 (length + 1): the error
   * expected, or the value when that byte is legal there.
   */
  readonly overLong: RegExp | Option;
  /** Further malformed bodies (whole option hex) and the error each must raise. */
  readonly bad?: readonly {
    readonly hex: string;
    readonly error: RegExp;
    /** The option code the error names, when not the fixture's own (a nested option). */
    readonly code?: number;
  }[];
}

const u8 = (hex: string) => fromHex(hex);

const fixtures: Record<string, Fixture> = {
  CLIENTID: {
    // code 1, length 14 | DUID-LLT: type 1, hw type 1 (Ethernet), time, MAC 08:00:27:fe:8f:95
    hex: h("0001 000e", "0001 0001 1c39cf88 080027fe8f95"),
    option: { name: "CLIENTID", code: 1, duid: u8("000100011c39cf88080027fe8f95") },
    overLong: { name: "CLIENTID", code: 1, duid: u8("000100011c39cf88080027fe8f9501") },
    bad: [
      // a DUID needs at least its 2-byte type
      { hex: h("0001 0001", "00"), error: /CLIENTID option at offset 4: length 1 is less than 2/ },
      // 131 bytes: more than the 128 + 2 a DUID may have (RFC 9915 §11.1)
      { hex: h("0001 0083", "0002", "00".repeat(129)), error: /length 131 is more than 130/ },
    ],
  },
  SERVERID: {
    // code 2, length 10 | DUID-LL: type 3, hw type 1, MAC
    hex: h("0002 000a", "0003 0001 080027fe8f95"),
    option: { name: "SERVERID", code: 2, duid: u8("00030001080027fe8f95") },
    overLong: { name: "SERVERID", code: 2, duid: u8("00030001080027fe8f9501") },
    bad: [{ hex: "0002 0000", error: /SERVERID option at offset 4: length 0 is less than 2/ }],
  },
  IA_NA: {
    // code 3, length 40 | IAID 1, T1 3600, T2 5400
    //   IAADDR: code 5, length 24 | 2001:db8::1, preferred 7200, valid 10800
    hex: h(
      "0003 0028",
      "00000001 00000e10 00001518",
      "0005 0018 20010db8000000000000000000000001 00001c20 00002a30",
    ),
    option: {
      name: "IA_NA",
      code: 3,
      iaid: 1,
      t1: 3600,
      t2: 5400,
      options: [{
        name: "IAADDR",
        code: 5,
        address: "2001:db8::1",
        preferredLifetime: 7200,
        validLifetime: 10800,
        options: [],
      }],
    },
    overLong: /1 trailing byte at offset 48 is too short for an option header/,
    bad: [
      // the example of the issue: 8 bytes cannot hold IAID, T1 and T2
      {
        hex: h("0003 0008", "00000001 00000e10"),
        error: /^IA_NA option at offset 4: length 8 is less than 12$/,
      },
      // the nested IAADDR claims 25 bytes; only 24 are inside the IA_NA
      {
        hex: h(
          "0003 0028",
          "00000001 00000e10 00001518",
          "0005 0019 20010db8000000000000000000000001 00001c20 00002a30",
        ),
        error: /IAADDR option at offset 20: length 25 runs past the end of the IA_NA option/,
        code: 5,
      },
    ],
  },
  IA_TA: {
    // code 4, length 4 | IAID 10, no options
    hex: h("0004 0004", "0000000a"),
    option: { name: "IA_TA", code: 4, iaid: 10, options: [] },
    overLong: /1 trailing byte at offset 12 is too short for an option header/,
    bad: [{
      hex: h("0004 0003", "000000"),
      error: /IA_TA option at offset 4: length 3 is less than 4/,
    }],
  },
  IAADDR: {
    // code 5, length 30 | 2001:db8::1, preferred 7200, valid 10800
    //   STATUS_CODE: code 13, length 2 | Success, no message
    hex: h(
      "0005 001e",
      "20010db8000000000000000000000001 00001c20 00002a30",
      "000d 0002 0000",
    ),
    option: {
      name: "IAADDR",
      code: 5,
      address: "2001:db8::1",
      preferredLifetime: 7200,
      validLifetime: 10800,
      options: [{ name: "STATUS_CODE", code: 13, status: 0, message: "" }],
    },
    // the extra byte follows the nested STATUS_CODE inside the IAADDR
    overLong: /IAADDR option at offset 4: 1 trailing byte at offset 38 is too short/,
    bad: [{
      hex: h("0005 0010", "20010db8000000000000000000000001"),
      error: /length 16 is less than 24/,
    }],
  },
  ORO: {
    // code 6, length 6 | DNS_SERVERS (23), DOMAIN_LIST (24), IA_PD (25)
    hex: h("0006 0006", "0017 0018 0019"),
    option: { name: "ORO", code: 6, codes: [23, 24, 25] },
    overLong: /ORO option at offset 4: length 7 is not a multiple of 2/,
  },
  PREFERENCE: {
    // code 7, length 1 | 255
    hex: h("0007 0001", "ff"),
    option: { name: "PREFERENCE", code: 7, value: 255 },
    overLong: /PREFERENCE option at offset 4: length 2 is not 1/,
    bad: [{ hex: "0007 0000", error: /length 0 is not 1/ }],
  },
  ELAPSED_TIME: {
    // code 8, length 2 | 100 hundredths of a second
    hex: h("0008 0002", "0064"),
    option: { name: "ELAPSED_TIME", code: 8, centiseconds: 100 },
    overLong: /ELAPSED_TIME option at offset 4: length 3 is not 2/,
  },
  RELAY_MSG: {
    // code 9, length 10 | INFORMATION-REQUEST, transaction id 1
    //   ELAPSED_TIME: code 8, length 2 | 0
    hex: h("0009 000a", "0b 000001", "0008 0002 0000"),
    option: {
      name: "RELAY_MSG",
      code: 9,
      message: {
        type: 11,
        transactionId: 1,
        options: [{ name: "ELAPSED_TIME", code: 8, centiseconds: 0 }],
      },
    },
    overLong: /INFORMATION-REQUEST message at offset 8: 1 trailing byte at offset 18/,
    bad: [
      { hex: h("0009 0002", "0b00"), error: /a message needs at least 4 bytes, got 2/ },
      { hex: h("0009 0004", "00000001"), error: /message type 0 is not a DHCPv6/ },
    ],
  },
  AUTH: {
    // code 11, length 28 | protocol 3 (reconfigure key), algorithm 1 (HMAC-MD5), RDM 0,
    // replay detection 1 | type 1 (key value) and a 16-byte key
    hex: h("000b 001c", "03 01 00", "0000000000000001", "01", "00112233445566778899aabbccddeeff"),
    option: {
      name: "AUTH",
      code: 11,
      protocol: 3,
      algorithm: 1,
      rdm: 0,
      replayDetection: 1n,
      authInfo: u8("0100112233445566778899aabbccddeeff"),
    },
    overLong: {
      name: "AUTH",
      code: 11,
      protocol: 3,
      algorithm: 1,
      rdm: 0,
      replayDetection: 1n,
      authInfo: u8("0100112233445566778899aabbccddeeff01"),
    },
    bad: [{
      hex: h("000b 000a", "030100 00000000000000"),
      error: /AUTH option .*length 10 is less than 11/,
    }],
  },
  UNICAST: {
    // code 12, length 16 | 2001:db8::2
    hex: h("000c 0010", "20010db8000000000000000000000002"),
    option: { name: "UNICAST", code: 12, address: "2001:db8::2" },
    overLong: /UNICAST option at offset 4: length 17 is not 16/,
  },
  STATUS_CODE: {
    // code 13, length 14 | NoAddrsAvail (2) | "no addresses"
    hex: h("000d 000e", "0002", a("no addresses")),
    option: { name: "STATUS_CODE", code: 13, status: 2, message: "no addresses" },
    overLong: { name: "STATUS_CODE", code: 13, status: 2, message: "no addresses\x01" },
    bad: [{
      hex: h("000d 0001", "00"),
      error: /STATUS_CODE option at offset 4: length 1 is less than 2/,
    }],
  },
  RAPID_COMMIT: {
    // code 14, length 0
    hex: "000e 0000",
    option: { name: "RAPID_COMMIT", code: 14 },
    overLong: /RAPID_COMMIT option at offset 4: length 1 is not 0/,
  },
  USER_CLASS: {
    // code 15, length 10 | item "abc" (length 3) | item "xyz" (length 3)
    hex: h("000f 000a", "0003", a("abc"), "0003", a("xyz")),
    option: { name: "USER_CLASS", code: 15, classes: [u8(a("abc")), u8(a("xyz"))] },
    overLong: /class data length needs 2 bytes but only 1 remain/,
    bad: [{
      hex: h("000f 0004", "0003", a("ab")),
      error: /class data needs 3 bytes but only 2 remain/,
    }],
  },
  VENDOR_CLASS: {
    // code 16, length 11 | enterprise 9 | item "cisco" (length 5)
    hex: h("0010 000b", "00000009", "0005", a("cisco")),
    option: { name: "VENDOR_CLASS", code: 16, enterprise: 9, classes: [u8(a("cisco"))] },
    overLong: /VENDOR_CLASS option at offset 4: class data length needs 2 bytes/,
    bad: [{ hex: h("0010 0002", "0000"), error: /length 2 is less than 4/ }],
  },
  VENDOR_OPTS: {
    // code 17, length 16 | enterprise 3561 | sub-option 1 "ABCD" | sub-option 2, empty
    hex: h("0011 0010", "00000de9", "0001 0004", a("ABCD"), "0002 0000"),
    option: {
      name: "VENDOR_OPTS",
      code: 17,
      enterprise: 3561,
      options: [{ code: 1, data: u8(a("ABCD")) }, { code: 2, data: new Uint8Array() }],
    },
    overLong: /vendor sub-option code needs 2 bytes but only 1 remain/,
    bad: [{
      hex: h("0011 0008", "00000de9", "0001 0001"),
      error: /vendor sub-option 1 data needs 1 byte/,
    }],
  },
  INTERFACE_ID: {
    // code 18, length 4 | "eth0"
    hex: h("0012 0004", a("eth0")),
    option: { name: "INTERFACE_ID", code: 18, id: u8(a("eth0")) },
    overLong: { name: "INTERFACE_ID", code: 18, id: u8(a("eth0") + "01") },
  },
  RECONF_MSG: {
    // code 19, length 1 | RENEW (5)
    hex: h("0013 0001", "05"),
    option: { name: "RECONF_MSG", code: 19, messageType: 5 },
    overLong: /RECONF_MSG option at offset 4: length 2 is not 1/,
  },
  RECONF_ACCEPT: {
    // code 20, length 0
    hex: "0014 0000",
    option: { name: "RECONF_ACCEPT", code: 20 },
    overLong: /RECONF_ACCEPT option at offset 4: length 1 is not 0/,
  },
  SIP_SERVER_D: {
    // code 21, length 17 | 3 "sip" 7 "example" 3 "com" 0
    hex: h("0015 0011", "03", a("sip"), "07", a("example"), "03", a("com"), "00"),
    option: { name: "SIP_SERVER_D", code: 21, domains: ["sip.example.com"] },
    overLong: /SIP_SERVER_D option at offset 4: label at offset 25 needs 1 bytes but only 0 remain/,
  },
  SIP_SERVER_A: {
    // code 22, length 16 | 2001:db8::5060
    hex: h("0016 0010", "20010db8000000000000000000005060"),
    option: { name: "SIP_SERVER_A", code: 22, servers: ["2001:db8::5060"] },
    overLong: /SIP_SERVER_A option at offset 4: length 17 is not a multiple of 16/,
  },
  DNS_SERVERS: {
    // code 23, length 32 | 2001:4860:4860::8888 | 2001:4860:4860::8844
    hex: h(
      "0017 0020",
      "20014860486000000000000000008888",
      "20014860486000000000000000008844",
    ),
    option: {
      name: "DNS_SERVERS",
      code: 23,
      servers: ["2001:4860:4860::8888", "2001:4860:4860::8844"],
    },
    overLong: /DNS_SERVERS option at offset 4: length 33 is not a multiple of 16/,
  },
  DOMAIN_LIST: {
    // code 24, length 22 | 7 "example" 3 "com" 0 | 3 "lab" 3 "net" 0
    hex: h(
      "0018 0016",
      "07",
      a("example"),
      "03",
      a("com"),
      "00",
      "03",
      a("lab"),
      "03",
      a("net"),
      "00",
    ),
    option: { name: "DOMAIN_LIST", code: 24, domains: ["example.com", "lab.net"] },
    overLong: /label at offset 30 needs 1 bytes but only 0 remain/,
    bad: [
      // a compression pointer (RFC 9915 §10 forbids them)
      { hex: h("0018 0006", "03", a("lab"), "c0 0c"), error: /uses a compression pointer/ },
      // no root label at the end
      { hex: h("0018 0004", "03", a("lab")), error: /has no terminating root label/ },
      // a 64-byte label
      { hex: h("0018 0042", "40", "61".repeat(64), "00"), error: /label length 64/ },
      // 4 labels of 63 bytes: 257 bytes with the root label
      {
        hex: h("0018 0101", ("3f" + "61".repeat(63)).repeat(4), "00"),
        error: /longer than 255 bytes/,
      },
    ],
  },
  IA_PD: {
    // code 25, length 41 | IAID 2, T1 1800, T2 2880
    //   IAPREFIX: code 26, length 25 | preferred 3600, valid 7200, /56, 2001:db8:ab00::
    hex: h(
      "0019 0029",
      "00000002 00000708 00000b40",
      "001a 0019 00000e10 00001c20 38 20010db8ab0000000000000000000000",
    ),
    option: {
      name: "IA_PD",
      code: 25,
      iaid: 2,
      t1: 1800,
      t2: 2880,
      options: [{
        name: "IAPREFIX",
        code: 26,
        preferredLifetime: 3600,
        validLifetime: 7200,
        prefixLength: 56,
        prefix: "2001:db8:ab00::",
        options: [],
      }],
    },
    overLong: /IA_PD option at offset 4: 1 trailing byte at offset 49/,
    bad: [{
      hex: h("0019 000b", "00000002 00000708 000b40"),
      error: /IA_PD option .*length 11 is less than 12/,
    }],
  },
  IAPREFIX: {
    // code 26, length 31 | preferred 3600, valid 7200, /56, 2001:db8:ab00::
    //   PD_EXCLUDE: code 67, length 2 | /64, subnet ID bits 0x01 → 2001:db8:ab00:1::/64
    hex: h(
      "001a 001f",
      "00000e10 00001c20 38 20010db8ab0000000000000000000000",
      "0043 0002 40 01",
    ),
    option: {
      name: "IAPREFIX",
      code: 26,
      preferredLifetime: 3600,
      validLifetime: 7200,
      prefixLength: 56,
      prefix: "2001:db8:ab00::",
      options: [{ name: "PD_EXCLUDE", code: 67, prefixLength: 64, subnetId: u8("01") }],
    },
    overLong: /IAPREFIX option at offset 4: 1 trailing byte at offset 39/,
    bad: [
      {
        hex: h("001a 0019", "00000e10 00001c20 81 20010db8ab0000000000000000000000"),
        error: /IAPREFIX option at offset 4: prefix length 129 exceeds 128/,
      },
      {
        hex: h("001a 0018", "00000e10 00001c20 38 20010db8ab00000000000000000000"),
        error: /length 24 is less than 25/,
      },
    ],
  },
  NIS_SERVERS: {
    // code 27, length 16 | 2001:db8::27
    hex: h("001b 0010", "20010db8000000000000000000000027"),
    option: { name: "NIS_SERVERS", code: 27, servers: ["2001:db8::27"] },
    overLong: /NIS_SERVERS option at offset 4: length 17 is not a multiple of 16/,
  },
  NISP_SERVERS: {
    // code 28, length 16 | 2001:db8::28
    hex: h("001c 0010", "20010db8000000000000000000000028"),
    option: { name: "NISP_SERVERS", code: 28, servers: ["2001:db8::28"] },
    overLong: /NISP_SERVERS option at offset 4: length 17 is not a multiple of 16/,
  },
  NIS_DOMAIN_NAME: {
    // code 29, length 13 | 3 "nis" 7 "example" 0
    hex: h("001d 000d", "03", a("nis"), "07", a("example"), "00"),
    option: { name: "NIS_DOMAIN_NAME", code: 29, domains: ["nis.example"] },
    overLong: /NIS_DOMAIN_NAME option at offset 4: label at offset 21 needs 1 bytes/,
  },
  NISP_DOMAIN_NAME: {
    // code 30, length 14 | 4 "nisp" 7 "example" 0
    hex: h("001e 000e", "04", a("nisp"), "07", a("example"), "00"),
    option: { name: "NISP_DOMAIN_NAME", code: 30, domains: ["nisp.example"] },
    overLong: /NISP_DOMAIN_NAME option at offset 4: label at offset 22 needs 1 bytes/,
  },
  SNTP_SERVERS: {
    // code 31, length 16 | 2001:db8::123
    hex: h("001f 0010", "20010db8000000000000000000000123"),
    option: { name: "SNTP_SERVERS", code: 31, servers: ["2001:db8::123"] },
    overLong: /SNTP_SERVERS option at offset 4: length 17 is not a multiple of 16/,
  },
  INFORMATION_REFRESH_TIME: {
    // code 32, length 4 | 86400 seconds
    hex: h("0020 0004", "00015180"),
    option: { name: "INFORMATION_REFRESH_TIME", code: 32, seconds: 86400 },
    overLong: /INFORMATION_REFRESH_TIME option at offset 4: length 5 is not 4/,
  },
  BCMCS_SERVER_D: {
    // code 33, length 15 | 5 "bcmcs" 7 "example" 0
    hex: h("0021 000f", "05", a("bcmcs"), "07", a("example"), "00"),
    option: { name: "BCMCS_SERVER_D", code: 33, domains: ["bcmcs.example"] },
    overLong: /BCMCS_SERVER_D option at offset 4: label at offset 23 needs 1 bytes/,
  },
  BCMCS_SERVER_A: {
    // code 34, length 16 | 2001:db8::34
    hex: h("0022 0010", "20010db8000000000000000000000034"),
    option: { name: "BCMCS_SERVER_A", code: 34, servers: ["2001:db8::34"] },
    overLong: /BCMCS_SERVER_A option at offset 4: length 17 is not a multiple of 16/,
  },
  CLIENT_FQDN: {
    // code 39, length 15 | flags S (1) | 4 "host" 7 "example" 0
    hex: h("0027 000f", "01", "04", a("host"), "07", a("example"), "00"),
    option: { name: "CLIENT_FQDN", code: 39, flags: 1, domain: "host.example", partial: false },
    overLong: /CLIENT_FQDN option at offset 4: 1 trailing byte after the domain name/,
    bad: [{ hex: "0027 0000", error: /CLIENT_FQDN option at offset 4: length 0 is less than 1/ }],
  },
  NTP_SERVER: {
    // code 56, length 57
    //   sub-option 1 (server address), length 16 | 2001:db8::123
    //   sub-option 3 (server FQDN), length 13 | 3 "ntp" 7 "example" 0
    //   sub-option 2 (multicast address), length 16 | ff02::101
    hex: h(
      "0038 0039",
      "0001 0010 20010db8000000000000000000000123",
      "0003 000d 03",
      a("ntp"),
      "07",
      a("example"),
      "00",
      "0002 0010 ff020000000000000000000000000101",
    ),
    option: {
      name: "NTP_SERVER",
      code: 56,
      suboptions: [
        { type: "address", address: "2001:db8::123" },
        { type: "fqdn", domain: "ntp.example" },
        { type: "multicast", address: "ff02::101" },
      ],
    },
    overLong: /NTP_SERVER option at offset 4: sub-option code needs 2 bytes but only 1 remain/,
    bad: [
      {
        hex: h("0038 0013", "0001 000f 20010db80000000000000000000001"),
        error: /NTP_SERVER option at offset 4, sub-option 1 at offset 8: length 15 is not 16/,
      },
      {
        hex: h("0038 0008", "0003 0004 03", a("ntp")),
        error: /sub-option 3 at offset 8: domain name at offset 12 has no terminating root label/,
      },
    ],
  },
  AFTR_NAME: {
    // code 64, length 14 | 4 "aftr" 7 "example" 0
    hex: h("0040 000e", "04", a("aftr"), "07", a("example"), "00"),
    option: { name: "AFTR_NAME", code: 64, domain: "aftr.example" },
    overLong: /AFTR_NAME option at offset 4: 1 trailing byte after the tunnel endpoint name/,
    bad: [{ hex: "0040 0000", error: /AFTR_NAME option at offset 4: length 0 is less than 1/ }],
  },
  PD_EXCLUDE: {
    // code 67, length 2 | /64 | subnet ID bits 0x01
    hex: h("0043 0002", "40 01"),
    option: { name: "PD_EXCLUDE", code: 67, prefixLength: 64, subnetId: u8("01") },
    overLong: { name: "PD_EXCLUDE", code: 67, prefixLength: 64, subnetId: u8("0101") },
    bad: [
      {
        hex: h("0043 0001", "40"),
        error: /PD_EXCLUDE option at offset 4: length 1 is less than 2/,
      },
      { hex: h("0043 0012", "80", "00".repeat(17)), error: /length 18 is more than 17/ },
      { hex: h("0043 0002", "00 01"), error: /excluded prefix length 0 is not 1 to 128/ },
    ],
  },
  SOL_MAX_RT: {
    // code 82, length 4 | 3600 seconds
    hex: h("0052 0004", "00000e10"),
    option: { name: "SOL_MAX_RT", code: 82, seconds: 3600 },
    overLong: /SOL_MAX_RT option at offset 4: length 5 is not 4/,
  },
  INF_MAX_RT: {
    // code 83, length 4 | 3600 seconds
    hex: h("0053 0004", "00000e10"),
    option: { name: "INF_MAX_RT", code: 83, seconds: 3600 },
    overLong: /INF_MAX_RT option at offset 4: length 5 is not 4/,
  },
  CAPTIVE_PORTAL: {
    // code 103, length 26 | "https://portal.example/api"
    hex: h("0067 001a", a("https://portal.example/api")),
    option: { name: "CAPTIVE_PORTAL", code: 103, uri: "https://portal.example/api" },
    overLong: { name: "CAPTIVE_PORTAL", code: 103, uri: "https://portal.example/api\x01" },
  },
  UNKNOWN: {
    // code 200 (unassigned), length 3 | 01 02 03, kept as is
    hex: h("00c8 0003", "010203"),
    option: { name: "UNKNOWN", code: 200, data: u8("010203") },
    overLong: { name: "UNKNOWN", code: 200, data: u8("01020301") },
  },
};

/** The option's hex with its length field raised by one and a 0x01 byte appended. */
function grow(optionHex: string): string {
  const b = fromHex(optionHex);
  const len = ((b[2]! << 8) | b[3]!) + 1;
  return toHex(Uint8Array.of(b[0]!, b[1]!, len >> 8, len & 0xff, ...b.subarray(4), 1));
}

function decodeError(hex: string): DecodeError {
  try {
    decodeMessage(fromHex(hex));
  } catch (e) {
    if (e instanceof DecodeError) return e;
    throw e;
  }
  assert.fail(`expected a DecodeError for ${hex}`);
}

for (const [label, f] of Object.entries(fixtures)) {
  Deno.test(`${label}: fixture decodes to its fields and re-encodes to the same bytes`, () => {
    const bytes = fromHex(h(REPLY, f.hex));
    const m = decodeMessage(bytes);
    assert.equal(m.options.length, 1);
    assert.deepEqual(m.options[0], f.option);
    assert.equal(toHex(encodeOption(f.option)), h(f.hex));
    assert.equal(toHex(encodeMessage(m)), toHex(bytes));
  });

  Deno.test(`${label}: truncated by one byte is a DecodeError at the length field`, () => {
    const hex = h(REPLY, f.hex);
    const e = decodeError(hex.slice(0, -2));
    const body = fromHex(h(f.hex)).length - 4;
    // Errors name the option ("IA_NA option"), or its code when edge6 has no name for it.
    const named = label === "UNKNOWN" ? `option ${f.option.code}` : `${label} option`;
    if (body > 0) {
      assert.match(
        e.message,
        new RegExp(`^${named} at offset 4: length ${body} runs past the end of the REPLY message`),
      );
      assert.equal(e.offset, 6);
      assert.equal(e.optionCode, f.option.code);
    } else {
      assert.match(e.message, /3 trailing bytes at offset 4 are too short for an option header/);
      assert.equal(e.offset, 4);
    }
  });

  Deno.test(`${label}: one byte over its length`, () => {
    const hex = h(REPLY, grow(f.hex));
    if (f.overLong instanceof RegExp) {
      const e = decodeError(hex);
      assert.match(e.message, f.overLong);
      assert.ok(e.offset >= 4 && e.offset <= fromHex(hex).length, `offset ${e.offset}`);
    } else {
      const m = decodeMessage(fromHex(hex));
      assert.deepEqual(m.options, [f.overLong]);
      assert.equal(toHex(encodeMessage(m)), hex);
    }
  });

  Deno.test(`${label}: trailing bytes after the option are a DecodeError`, () => {
    const end = 4 + fromHex(h(f.hex)).length;
    for (const extra of ["00", "0000", "000000"]) {
      const e = decodeError(h(REPLY, f.hex, extra));
      const n = extra.length / 2;
      assert.match(
        e.message,
        new RegExp(`^REPLY message: ${n} trailing bytes? at offset ${end} (is|are) too short`),
      );
      assert.equal(e.offset, end);
    }
  });

  for (const [i, bad] of (f.bad ?? []).entries()) {
    Deno.test(`${label}: malformed case ${i + 1} is rejected with a precise message`, () => {
      const e = decodeError(h(REPLY, bad.hex));
      assert.match(e.message, bad.error);
      assert.equal(e.optionCode, bad.code ?? f.option.code);
    });
  }
}

Deno.test("every option name edge6 decodes has a fixture", async () => {
  const { codecsByName } = await import("./registry.ts");
  const missing = Object.keys(codecsByName).filter((n) => !(n in fixtures));
  assert.deepEqual(missing, []);
});
