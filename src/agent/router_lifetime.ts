/**
 * Whether a LAN's Router Advertisements may offer this router as a default
 * router: RFC 7084 G-4 and G-5 say a CE router advertises router lifetime 0
 * while it has no upstream lease or no default route; it is 0 too while the
 * host does not forward IPv6, since hosts would send it packets it drops.
 * @module
 */
import type { DefaultRouterVerdict } from "../ra/engine.ts";

/** What the verdict is made from. */
export interface RouterLifetimeFacts {
  /** `router_lifetime` in the LAN's configuration (0: never a default router). */
  readonly configured: number;
  /** Whether some upstream interface holds a lease. */
  readonly leased: boolean;
  /** Whether the main table has an IPv6 default route. */
  readonly defaultRoute: boolean;
  /** `net.ipv6.conf.all.forwarding`, or undefined when it cannot be read. */
  readonly forwarding: boolean | undefined;
}

/**
 * Why the router lifetime must be 0 now, or undefined when it may be the
 * configured one. `warnNoForwarding` is called when forwarding is off, for
 * the operator (edge6 does not change sysctls itself).
 */
export function routerLifetimeVerdict(
  facts: RouterLifetimeFacts,
  warnNoForwarding: () => void,
): DefaultRouterVerdict {
  if (facts.configured === 0) return "router_lifetime = 0 in the configuration";
  if (!facts.leased) return "no upstream lease";
  if (!facts.defaultRoute) return "no IPv6 default route";
  if (facts.forwarding === false) {
    warnNoForwarding();
    return "net.ipv6.conf.all.forwarding is 0";
  }
  return undefined;
}
