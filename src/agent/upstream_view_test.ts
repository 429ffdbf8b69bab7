import assert from "node:assert/strict";
import type { ClientStatus } from "../dhcp6/client/types.ts";
import { lanDnsData, serverData, upstreamView } from "./upstream_view.ts";

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

Deno.test("LAN DNS data: upstream, none or a list; the server hands out nothing past the lease", () => {
  const upstream = {
    leased: true,
    dnsServers: ["2001:db8::53"],
    domains: ["isp.example"],
    sntpServers: ["2001:db8::123"],
    ntpServers: [],
    until: 60_000,
  };
  assert.deepEqual(lanDnsData({ dns: "upstream", domains: "upstream" }, upstream), {
    servers: ["2001:db8::53"],
    domains: ["isp.example"],
    until: 60_000,
  });
  assert.deepEqual(lanDnsData({ dns: ["2001:db8:1::1"], domains: "none" }, upstream), {
    servers: ["2001:db8:1::1"],
    domains: [],
    until: Infinity,
  });
  const duid = Uint8Array.of(0, 3, 0, 1, 1, 2, 3, 4, 5, 6);
  const during = serverData(duid, { dns: "upstream", domains: "upstream" }, upstream, 30_000);
  assert.deepEqual(during.dnsServers, ["2001:db8::53"]);
  assert.equal(during.validFor, 30, "refresh no later than the lease's end");
  const after = serverData(duid, { dns: "upstream", domains: "upstream" }, upstream, 61_000);
  assert.deepEqual([after.dnsServers, after.domains, after.sntpServers], [[], [], []]);
  assert.equal(after.validFor, 0);
  const own = serverData(duid, { dns: ["2001:db8:1::1"], domains: ["lan"] }, upstream, 61_000);
  assert.deepEqual([own.dnsServers, own.validFor], [["2001:db8:1::1"], Infinity]);
});
