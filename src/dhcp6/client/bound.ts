/**
 * Entering and resuming the bound state: the hook, the persisted lease and
 * the options of the last Reply (RFC 9915 §18.2.10).
 * @module
 */
import type { Option } from "../options/types.ts";
import type { HookReason, LossReason } from "./types.ts";
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

/**
 * Queues the persisted form of the lease (null when nothing is held). While
 * leases of unknown age wait for a server, and nothing else is held, the
 * file is left as it was saved: rewriting it would stamp it with a wall
 * clock that cannot be trusted (see `savedLeaseAge`).
 */
export function emitLeaseChanged(core: ClientCore, now: number): void {
  const lease = savedLeaseOf(core, now);
  if (lease === null && core.hasUnconfirmed) return;
  core.act({ type: "lease-changed", lease });
}

/** Queues the hook with the current status, after the kernel changes queued before it. */
export function emitHook(core: ClientCore, now: number, reason: HookReason): void {
  core.act({ type: "hook", reason, status: buildStatus(core, now) });
}

/**
 * How many leases the shell was asked to install: those of unknown age that
 * no server confirmed are left out (a hook never heard of them).
 */
export function installedLeaseCount(core: ClientCore): number {
  return core.confirmedIas.reduce((n, ia) => n + ia.addresses.length + ia.prefixes.length, 0);
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

const NOTHING_LEFT: Readonly<Record<"EXPIRE" | "DECLINE", string>> = {
  EXPIRE: "every lease has expired (RFC 9915 §18.2.13)",
  DECLINE: "the declined address was the last lease (RFC 9915 §18.2.8)",
};

/**
 * After leases went outside a Reply (expiry, a Decline): the lease is saved
 * again; when nothing is left, the bindings are dropped and discovery starts
 * over (RFC 9915 §18.2.13). Then, when `installedBefore` (see
 * {@link installedLeaseCount}) shows that an installed lease went, the hook
 * runs with `reason` and the state after the loss, so that a script feeding
 * an RA daemon or a resolver learns that a prefix or address is gone.
 */
export function afterLeaseLoss(
  core: ClientCore,
  now: number,
  reason: keyof typeof NOTHING_LEFT,
  installedBefore: number,
): void {
  emitLeaseChanged(core, now);
  const resting = core.state === "releasing" || core.state === "stopped" ||
    core.state === "idle";
  if (!core.hasLeases && !core.stateless && !resting) {
    endExchange(core);
    core.forgetServer();
    if (!core.linkUp) core.setState("idle");
    else startSolicit(core, now, NOTHING_LEFT[reason]);
  }
  emitLossHook(core, now, reason, installedBefore);
}

/**
 * Runs the hook for leases lost without a Reply (`LossReason`), with the
 * state after the loss, when an installed lease went since `installedBefore`
 * was counted; nothing when only leases of unknown age went.
 */
export function emitLossHook(
  core: ClientCore,
  now: number,
  reason: LossReason,
  installedBefore: number,
): void {
  if (installedLeaseCount(core) < installedBefore) emitHook(core, now, reason);
}
