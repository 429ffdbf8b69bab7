/**
 * Entering and resuming the bound state: the hook, the persisted lease and
 * the options of the last Reply (RFC 9915 §18.2.10).
 * @module
 */
import type { Option } from "../options/types.ts";
import type { HookReason } from "./types.ts";
import type { ClientCore } from "./state.ts";
import { buildStatus } from "./status.ts";
import { savedLeaseOf } from "./saved_lease.ts";
import { startSolicit } from "./solicit.ts";
import { endExchange } from "./exchange.ts";

/** Options that are protocol machinery, not configuration for the hook. */
const MACHINERY = new Set([
  "CLIENTID",
  "SERVERID",
  "IA_NA",
  "IA_TA",
  "IA_PD",
  "STATUS_CODE",
  "AUTH",
  "RECONF_ACCEPT",
  "RAPID_COMMIT",
  "PREFERENCE",
  "ELAPSED_TIME",
  "UNICAST",
  "ORO",
  "RECONF_MSG",
  "RELAY_MSG",
]);

/** The configuration options of a Reply: everything but IAs and identifiers (§18.2.10). */
export function configurationOptions(options: readonly Option[]): Option[] {
  return options.filter((o) => !MACHINERY.has(o.name));
}

/** Queues the persisted form of the lease (null when nothing is held). */
export function emitLeaseChanged(core: ClientCore, now: number): void {
  core.act({ type: "lease-changed", lease: savedLeaseOf(core, now) });
}

/** Queues the hook with the current status, after the kernel changes queued before it. */
export function emitHook(core: ClientCore, now: number, reason: HookReason): void {
  core.act({ type: "hook", reason, status: buildStatus(core, now) });
}

/** A Reply bound leases: bound state, persisted lease, hook (OPNsense order: after the kernel). */
export function enterBound(core: ClientCore, now: number, reason: HookReason): void {
  core.setState("bound");
  const a = core.addresses.map((l) => l.address);
  const p = core.prefixes.map((l) => `${l.prefix}/${l.prefixLength}`);
  core.log("info", `bound (${reason}): addresses [${a.join(", ")}], prefixes [${p.join(", ")}]`);
  emitLeaseChanged(core, now);
  emitHook(core, now, reason);
}

/** Back to bound without news (a Confirm answered Success or unanswered). */
export function resumeBound(core: ClientCore, why: string): void {
  core.log("info", `keeping the leases: ${why}`);
  core.setState("bound");
}

/**
 * After leases changed outside a Reply (expiry, Decline): when nothing is
 * left, drop the bindings and restart discovery (RFC 9915 §18.2.13).
 */
export function afterLeaseLoss(core: ClientCore, now: number): void {
  emitLeaseChanged(core, now);
  if (core.hasLeases || core.stateless) return;
  if (core.state === "releasing" || core.state === "stopped" || core.state === "idle") return;
  endExchange(core);
  core.forgetServer();
  if (!core.linkUp) {
    core.setState("idle");
    return;
  }
  startSolicit(core, now, "every lease has expired (RFC 9915 §18.2.13)");
}
