import assert from "node:assert/strict";
import { routerLifetimeVerdict } from "./router_lifetime.ts";

const ok = { configured: 1800, leased: true, defaultRoute: true, forwarding: true };

Deno.test("router lifetime: 0 without a lease, a default route, or forwarding (RFC 7084 G-4, G-5)", () => {
  let warned = 0;
  const warn = () => warned++;
  assert.equal(routerLifetimeVerdict(ok, warn), undefined);
  assert.equal(routerLifetimeVerdict({ ...ok, forwarding: undefined }, warn), undefined);
  assert.equal(
    routerLifetimeVerdict({ ...ok, configured: 0 }, warn),
    "router_lifetime = 0 in the configuration",
  );
  assert.equal(routerLifetimeVerdict({ ...ok, leased: false }, warn), "no upstream lease");
  assert.equal(
    routerLifetimeVerdict({ ...ok, defaultRoute: false }, warn),
    "no IPv6 default route",
  );
  assert.equal(warned, 0);
  assert.equal(
    routerLifetimeVerdict({ ...ok, forwarding: false }, warn),
    "net.ipv6.conf.all.forwarding is 0",
  );
  assert.equal(warned, 1, "the operator is told why");
});
