import assert from "node:assert/strict";
import type { ClientStatus } from "../dhcp6/client/types.ts";
import { upstreamView } from "./upstream_view.ts";

const base: ClientStatus = {
  interfaceName: "wan0",
  state: "bound",
  addresses: [],
  prefixes: [],
  ias: [],
  options: [],
  counters: { sent: {}, received: {}, dropped: {} },
};

Deno.test("upstream view: lease, DNS and NTP from bound clients; link-local servers left out", () => {
  const bound: ClientStatus = {
    ...base,
    prefixes: [{
      iaid: 1,
      prefix: "2001:db8:1::",
      prefixLength: 56,
      preferredLifetime: 100,
      validLifetime: 200,
      receivedAt: 1000,
    }],
    options: [
      { name: "DNS_SERVERS", code: 23, servers: ["fe80::53", "2001:db8::53"] },
      { name: "DOMAIN_LIST", code: 24, domains: ["lab.example", "bad name"] },
      {
        name: "NTP_SERVER",
        code: 56,
        suboptions: [{ type: "fqdn", domain: "ntp.example" }, {
          type: "address",
          address: "fe80::123",
        }],
      },
    ],
  };
  const v = upstreamView([bound], 2000);
  assert.equal(v.leased, true);
  assert.deepEqual(v.dnsServers, ["2001:db8::53"]);
  assert.deepEqual(v.domains, ["lab.example"]);
  assert.deepEqual(v.ntpServers, [{ type: "fqdn", domain: "ntp.example" }]);
  assert.equal(v.until, 201_000);
  const expired = upstreamView([bound], 300_000);
  assert.deepEqual([expired.leased, expired.dnsServers, expired.until], [false, [], 0]);
  const informed = upstreamView([{
    ...base,
    state: "informed",
    nextTimeout: 9000,
    options: bound.options,
  }], 0);
  assert.deepEqual([informed.leased, informed.dnsServers, informed.until], [
    false,
    ["2001:db8::53"],
    9000,
  ]);
});
