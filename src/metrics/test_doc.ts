/**
 * A status document for the metrics and status command tests.
 * @module
 */
import { buildStatusDocument, type StatusDocument } from "../hooks/status_json.ts";
import { testStatus } from "../hooks/test_status.ts";

const NOW = 50_000;

/** Two interfaces: one bound with leases, LAN subnets, hooks and drops; one soliciting. */
const upstream: StatusDocument = buildStatusDocument({
  clients: [
    testStatus({
      interfaceName: "wan0",
      addresses: [{
        iaid: 1,
        address: "2001:db8::100",
        preferredLifetime: 3600,
        validLifetime: 7200,
        receivedAt: 40_000,
      }],
      prefixes: [{
        iaid: 7,
        prefix: "2001:db8:1::",
        prefixLength: 56,
        preferredLifetime: 0xffffffff,
        validLifetime: 0xffffffff,
        receivedAt: 0,
      }],
      ias: [
        { type: "IA_NA", iaid: 1, t1: 1800, t2: 2880, t1At: 1_840_000, t2At: 2_920_000 },
        { type: "IA_PD", iaid: 7, t1: 0xffffffff, t2: 0xffffffff },
      ],
      nextTimeout: NOW + 1_790_000,
      counters: {
        sent: { SOLICIT: 2, REQUEST: 1 },
        received: { ADVERTISE: 1, REPLY: 1 },
        dropped: { "wrong-transaction": 3, "bad-message": 1 },
      },
    }),
    testStatus({
      interfaceName: "wan1",
      state: "soliciting",
      counters: { sent: { SOLICIT: 5 }, received: {}, dropped: {} },
    }),
  ],
  lan: {
    wan0: [{ interface: "lan0", prefix: "2001:db8:1:1::", prefixLength: 64 }],
  },
  hooks: { wan0: { run: 4, failed: 1, timedOut: 1 } },
  now: NOW,
});

/** The same with one LAN interface advertising and serving, as the `lan` list says. */
export const metricsDoc: StatusDocument = {
  ...upstream,
  lan: [{
    interface: "lan0",
    router_advertisements: {
      advertising: true,
      source: "fe80::1",
      router_lifetime: 1800,
      router_lifetime_zero_because: null,
      subnets: [{
        subnet: "2001:db8:1:1::/64",
        delegated_prefix: "2001:db8:1::/56",
        preferred: 3600,
        valid: 7200,
      }],
      stale: [{ subnet: "2001:db8:9:1::/64", left: 5000 }],
      held: [],
      dns_servers: ["2001:db8::53"],
      domains: [],
      dns_lifetime: 1800,
      next_advertisement_in: 200,
      counters: {
        ra_sent: 12,
        ra_solicited: 3,
        rs_received: 3,
        ra_received: 0,
        dropped: { "bad-hop-limit": 2 },
      },
      other_routers: [],
    },
    dhcpv6_server: {
      running: true,
      information_requests: 5,
      received: { "INFORMATION-REQUEST": 5, SOLICIT: 1 },
      sent: { REPLY: 5, ADVERTISE: 1 },
      dropped: { "rate-limited": 1 },
    },
    problem: null,
  }],
};
