/**
 * What the client does when it may have moved to a new link: after the link
 * comes back up and when resuming a saved lease (RFC 9915 §18.2.12).
 * @module
 */
import type { ClientCore } from "./state.ts";
import { startConfirm } from "./confirm.ts";
import { startRebind } from "./renew.ts";
import { startInformationRequest } from "./info_request.ts";
import { startSolicit } from "./solicit.ts";

/**
 * Stateless → Information-request; leases of unknown age (a saved lease the
 * wall clock cannot age) → a Rebind that runs until their saved lifetimes
 * end: only a Reply tells what is left of them, and a Confirm would say only
 * whether they fit the link (§18.2.3); any delegated prefix → Rebind with
 * Confirm's timing and all IAs; addresses only → Confirm; nothing → Solicit.
 */
export function refreshConfiguration(core: ClientCore, now: number, why: string): void {
  if (core.stateless) {
    startInformationRequest(core, now, { why });
    return;
  }
  if (core.hasUnconfirmed) {
    startRebind(core, now, {
      why: `${why}: the leases' age is unknown; asking any server what is left of them ` +
        "(RFC 9915 §18.2.5, §18.2.12)",
    });
    return;
  }
  if (core.prefixes.length > 0) {
    startRebind(core, now, {
      why: `${why}: checking delegated prefixes (RFC 9915 §18.2.12)`,
      confirmTiming: true,
    });
    return;
  }
  if (core.addresses.length > 0) {
    startConfirm(core, now, why);
    return;
  }
  startSolicit(core, now, why);
}
