import assert from "node:assert/strict";
import { decodeMessage } from "./codec.ts";
import { fromHex } from "./hex.ts";
import { messageToJson, optionToJson, transactionIdHex } from "./json.ts";

const h = (...parts: string[]) => parts.join("").replaceAll(" ", "");

Deno.test("the JSON view follows the decode contract", () => {
  const m = decodeMessage(fromHex(h(
    "07 123456",
    // CLIENTID: DUID-LLT
    "0001 000e 0001 0001 1c39cf88 080027fe8f95",
    // IA_NA iaid 1, T1 3600, T2 5400 | IAADDR 2001:db8::1 | STATUS_CODE Success "ok"
    "0003 0030 00000001 00000e10 00001518",
    "0005 0020 20010db8000000000000000000000001 00001c20 00002a30 000d 0004 0000 6f6b",
    // IA_PD iaid 2 | IAPREFIX 2001:db8:f00::/48 with PD_EXCLUDE /56, subnet ID 0x01
    "0019 002f 00000002 00000708 00000b40",
    "001a 001f 00000e10 00001c20 30 20010db80f0000000000000000000000 0043 0002 38 01",
    // DNS_SERVERS | DOMAIN_LIST example.com | option 300, kept raw
    "0017 0010 20014860486000000000000000008888",
    "0018 000d 076578616d706c6503636f6d00",
    "012c 0002 beef",
  )));
  assert.deepEqual(messageToJson(m), {
    type: "REPLY",
    transactionId: "123456",
    options: [
      {
        code: 1,
        name: "CLIENTID",
        duid: "000100011c39cf88080027fe8f95",
        duidType: "LLT",
        hardwareType: 1,
        time: 0x1c39cf88,
        linkLayerAddress: "080027fe8f95",
      },
      {
        code: 3,
        name: "IA_NA",
        iaid: 1,
        t1: 3600,
        t2: 5400,
        options: [{
          code: 5,
          name: "IAADDR",
          address: "2001:db8::1",
          preferredLifetime: 7200,
          validLifetime: 10800,
          options: [{
            code: 13,
            name: "STATUS_CODE",
            status: 0,
            statusName: "Success",
            message: "ok",
          }],
        }],
      },
      {
        code: 25,
        name: "IA_PD",
        iaid: 2,
        t1: 1800,
        t2: 2880,
        options: [{
          code: 26,
          name: "IAPREFIX",
          prefix: "2001:db8:f00::/48",
          prefixLength: 48,
          preferredLifetime: 3600,
          validLifetime: 7200,
          options: [{
            code: 67,
            name: "PD_EXCLUDE",
            prefixLength: 56,
            subnetId: "01",
            prefix: "2001:db8:f00:100::/56",
          }],
        }],
      },
      { code: 23, name: "DNS_SERVERS", servers: ["2001:4860:4860::8888"] },
      { code: 24, name: "DOMAIN_LIST", domains: ["example.com"] },
      { code: 300, name: "UNKNOWN", hex: "beef" },
    ],
  });
});

Deno.test("relay messages, ORO names and other options in JSON", () => {
  const m = decodeMessage(fromHex(h(
    "0d 01 20010db8000000000000000000000001 fe800000000000000000000000000002",
    "0009 0010 0b 00abcd 0006 0004 0017 00ff 000e 0000",
  )));
  assert.deepEqual(messageToJson(m), {
    type: "RELAY-REPL",
    hopCount: 1,
    linkAddress: "2001:db8::1",
    peerAddress: "fe80::2",
    options: [{
      code: 9,
      name: "RELAY_MSG",
      message: {
        type: "INFORMATION-REQUEST",
        transactionId: "00abcd",
        options: [
          { code: 6, name: "ORO", codes: [23, 255], names: ["DNS_SERVERS", "UNKNOWN"] },
          { code: 14, name: "RAPID_COMMIT" },
        ],
      },
    }],
  });
  assert.equal(transactionIdHex(5), "000005");
  assert.deepEqual(
    optionToJson({
      name: "AUTH",
      code: 11,
      protocol: 3,
      algorithm: 1,
      rdm: 0,
      replayDetection: 0x102n,
      authInfo: fromHex("01ab"),
    }),
    {
      code: 11,
      name: "AUTH",
      protocol: 3,
      algorithm: 1,
      rdm: 0,
      replayDetection: "0000000000000102",
      authInfo: "01ab",
    },
  );
  assert.deepEqual(
    optionToJson({
      name: "NTP_SERVER",
      code: 56,
      suboptions: [{ type: "fqdn", domain: "ntp.example" }, {
        type: "unknown",
        code: 9,
        data: fromHex("01"),
      }],
    }),
    {
      code: 56,
      name: "NTP_SERVER",
      suboptions: [{ type: "fqdn", domain: "ntp.example" }, {
        type: "unknown",
        code: 9,
        hex: "01",
      }],
    },
  );
  // the JSON of every message is plain JSON (no bigint, no byte arrays)
  assert.equal(JSON.parse(JSON.stringify(messageToJson(m))).type, "RELAY-REPL");
});

Deno.test("every kind of DUID shows its hex and its decoded parts (RFC 9915 §11)", () => {
  const cases: [string, Record<string, unknown>][] = [
    // DUID-EN: type 2, enterprise 32473, identifier 0a0b0c
    ["0002 00007ed9 0a0b0c", { duidType: "EN", enterprise: 32473, identifier: "0a0b0c" }],
    // DUID-LL: type 3, hardware type 1 (Ethernet), MAC
    ["0003 0001 080027fe8f95", {
      duidType: "LL",
      hardwareType: 1,
      linkLayerAddress: "080027fe8f95",
    }],
    // DUID-UUID: type 4, 16 bytes (RFC 6355)
    ["0004 00112233445566778899aabbccddeeff", {
      duidType: "UUID",
      uuid: "00112233-4455-6677-8899-aabbccddeeff",
    }],
    // an unassigned DUID type is kept raw, its type shown as a number
    ["0009 abcd", { duidType: 9 }],
  ];
  for (const [duid, parts] of cases) {
    const m = decodeMessage(
      fromHex(
        h(
          "07 000001",
          "0002",
          (duid.replaceAll(" ", "").length / 2).toString(16).padStart(4, "0"),
          duid,
        ),
      ),
    );
    assert.deepEqual(messageToJson(m).options, [
      { code: 2, name: "SERVERID", duid: h(duid), ...parts },
    ], duid);
  }
});
