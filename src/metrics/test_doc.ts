/**
 * A status document for the metrics and status command tests.
 * @module
 */
import { buildStatusDocument, type StatusDocument } from "../hooks/status_json.ts";
import { testStatus } from "../hooks/test_status.ts";

const NOW = 50_000;

/** Two interfaces: one bound with leases, LAN subnets, hooks and drops; one soliciting. */
export const metricsDoc: StatusDocument = buildStatusDocument({
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
