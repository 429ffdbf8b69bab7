import assert from "node:assert/strict";
import { buildHookEnvironment } from "./environment.ts";
import { lanHookView, type LanStatus, lanStatusLines, statusLan } from "./lan_status.ts";
import { buildStatusDocument } from "./status_json.ts";
import { formatStatusText } from "./status_text.ts";
import type { ClientStatus } from "../dhcp6/client/types.ts";

const LAN: LanStatus = {
  name: "lan0",
  ra: {
    advertising: true,
    source: "fe80::1",
    routerLifetime: 0,
    routerLifetimeZeroBecause: "no IPv6 default route",
    subnets: [{
      subnet: "2001:db8:2:1::/64",
      delegatedPrefix: "2001:db8:2::/56",
      preferred: 2700,
      valid: 5400,
    }],
    stale: [{ subnet: "2001:db8:1:1::/64", left: 5000 }],
    held: [],
    dns: { servers: ["2001:db8::53"], domains: ["lab.example"], lifetime: 1800 },
    nextAdvertisementIn: 200,
    counters: {
      raSent: 5,
      raSolicited: 1,
      rsReceived: 1,
      raReceived: 2,
      dropped: { "hop-limit": 1 },
    },
    otherRouters: [{
      address: "fe80::bad",
      routerLifetime: 600,
      advertisements: 2,
      lastSeen: 10_000,
      inconsistencies: ["M flag 1, this router 0"],
    }],
  },
  server: {
    running: true,
    counters: {
      received: { "INFORMATION-REQUEST": 3 },
      sent: { REPLY: 2 },
      informationRequests: 2,
      dropped: { malformed: 1 },
    },
  },
};

Deno.test("LAN status: the document entry and its text say what is advertised, stale and served", () => {
  const entry = statusLan(LAN, 40_000);
  assert.equal(entry.router_advertisements?.other_routers[0]?.last_seen_ago, 30);
  assert.equal(entry.router_advertisements?.router_lifetime_zero_because, "no IPv6 default route");
  assert.deepEqual(entry.router_advertisements?.stale, [{
    subnet: "2001:db8:1:1::/64",
    left: 5000,
  }]);
  assert.equal(entry.dhcpv6_server?.information_requests, 2);
  const doc = buildStatusDocument({ clients: [], lanInterfaces: [LAN], now: 40_000 });
  const text = formatStatusText(doc);
  assert.deepEqual(text.split("\n").slice(0, 4), [
    "lan lan0:",
    "  RAs from fe80::1  router lifetime 0s (no IPv6 default route)  next in 3m20s",
    "  subnet  2001:db8:2:1::/64  preferred 45m  valid 1h30m  from 2001:db8:2::/56",
    "  stale   2001:db8:1:1::/64  advertised with lifetimes 0 for 1h23m20s",
  ]);
  assert.match(text, /other router fe80::bad .* inconsistent: M flag 1, this router 0/);
  assert.match(
    text,
    /DHCPv6 stateless server: 2 Information-requests answered; sent REPLY 2; dropped malformed 1/,
  );
  assert.deepEqual(lanStatusLines(statusLan({ name: "lan1", problem: "no such interface" }, 0)), [
    "lan lan1:  (no such interface)",
    "  router advertisements off",
    "  DHCPv6 server off",
  ]);
});

Deno.test("LAN status: hooks get LAN_ADVERTISED and LAN_STALE when the LAN side runs", () => {
  const status: ClientStatus = {
    interfaceName: "wan0",
    state: "bound",
    addresses: [],
    prefixes: [],
    ias: [],
    options: [],
    counters: { sent: {}, received: {}, dropped: {} },
  };
  const env = buildHookEnvironment("RENEW", status, undefined, [], {
    now: 0,
    lanView: lanHookView([LAN]),
  });
  assert.equal(env.LAN_ADVERTISED, "lan0,2001:db8:2:1::/64,2700,5400");
  assert.equal(env.LAN_STALE, "lan0,2001:db8:1:1::/64,5000");
  const without = buildHookEnvironment("RENEW", status, undefined, [], { now: 0 });
  assert.equal(without.LAN_ADVERTISED, undefined);
});
