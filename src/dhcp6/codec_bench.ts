/**
 * Throughput of the codec on a typical REPLY (IA_NA, IA_PD, DNS servers,
 * domain search list). `deno bench` reports iterations per second, which
 * here is messages per second.
 */
import { decodeMessage, encodeMessage } from "./codec.ts";
import { duidLl, duidLlt } from "./duid.ts";
import { fromHex } from "./hex.ts";
import type { Message } from "./message.ts";

const reply: Message = {
  type: 7,
  transactionId: 0x123456,
  options: [
    { name: "SERVERID", code: 2, duid: duidLl(1, fromHex("0200000000aa")) },
    { name: "CLIENTID", code: 1, duid: duidLlt(1, 0x1c39cf88, fromHex("080027fe8f95")) },
    {
      name: "IA_NA",
      code: 3,
      iaid: 1,
      t1: 3600,
      t2: 5400,
      options: [{
        name: "IAADDR",
        code: 5,
        address: "2001:db8::1:2",
        preferredLifetime: 7200,
        validLifetime: 10800,
        options: [],
      }],
    },
    {
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
    { name: "DNS_SERVERS", code: 23, servers: ["2001:4860:4860::8888", "2001:4860:4860::8844"] },
    { name: "DOMAIN_LIST", code: 24, domains: ["example.com", "lab.example.net"] },
  ],
};
const wire = encodeMessage(reply);

Deno.bench("decode a typical REPLY (messages/s)", { group: "reply", baseline: true }, () => {
  decodeMessage(wire);
});

Deno.bench("encode a typical REPLY (messages/s)", { group: "reply" }, () => {
  encodeMessage(reply);
});

Deno.bench("decode + encode a typical REPLY (messages/s)", { group: "reply" }, () => {
  encodeMessage(decodeMessage(wire));
});
