/**
 * A new configuration for a running client (a reload): only what changed is
 * redone. Removed IAs are withdrawn and, unless release is off, released by a
 * Release carrying only them (RFC 9915 §18.2.7), after the RELEASE hook;
 * without a Release the hook runs with RELOAD. Added IAs are asked for in a
 * Renew carrying every IA, the new ones with their hints (§18.2.4 lets a
 * client include IAs it does not hold); new hints take effect at the next
 * exchange; settings that do not touch bindings apply in place. A new DUID or
 * a switch to or from stateless operation (§18.2.6) needs a new client.
 * @module
 */
import type { ClientConfig, ConfigChangeOutcome } from "./types.ts";
import { type ClientCore, emptyIa, type IaBinding, iaHasLeases, isStateless } from "./state.ts";
import { endExchange, type Exchange } from "./exchange.ts";
import { sameBytes } from "./messages.ts";
import { iaLabel, withdrawIa } from "./ia.ts";
import { startPartialRelease } from "./release.ts";
import { startRebind, startRenew } from "./renew.ts";
import { startSolicit } from "./solicit.ts";
import { emitLeaseChanged, emitLossHook, installedLeaseCount, resumeBound } from "./bound.ts";

/**
 * Takes `next` as the client's configuration. While a Confirm, Decline,
 * Release or a Request for leases held runs, the change waits for it to end
 * (the "config" timer applies it then).
 */
export function changeConfig(
  core: ClientCore,
  now: number,
  next: ClientConfig,
): ConfigChangeOutcome {
  const why = restartReason(core.config, next);
  if (why !== undefined) {
    core.log("info", `configuration changed: ${why}; the client must restart`);
    return "restart";
  }
  if (core.busyForConfig) {
    core.pendingConfig = { config: next, at: now };
    core.log(
      "info",
      `configuration changed: applying it once the ${core.exchange?.kind} exchange ends`,
    );
    return "deferred";
  }
  applyConfig(core, now, next);
  return "applied";
}

/** Applies a change that waited for an exchange, once none holds it back. */
export function applyPendingConfig(core: ClientCore, now: number): void {
  const pending = core.pendingConfig;
  core.pendingConfig = undefined;
  if (pending) applyConfig(core, now, pending.config);
}

function restartReason(before: ClientConfig, next: ClientConfig): string | undefined {
  if (!sameBytes(before.duid, next.duid)) return "the DUID differs";
  if (before.interfaceName !== next.interfaceName) return "the interface differs";
  if (isStateless(before) !== isStateless(next)) {
    return `switching to ${isStateless(next) ? "information-only" : "stateful"} operation`;
  }
  return undefined;
}

function applyConfig(core: ClientCore, now: number, next: ClientConfig): void {
  core.pendingConfig = undefined;
  core.config = next;
  const held = new Map(core.ias.map((ia) => [iaLabel(ia), ia]));
  const ias = [
    ...next.iaNa.map((c) =>
      held.get(iaLabel({ type: "IA_NA", iaid: c.iaid })) ?? emptyIa("IA_NA", c.iaid)
    ),
    ...next.iaPd.map((c) =>
      held.get(iaLabel({ type: "IA_PD", iaid: c.iaid })) ?? emptyIa("IA_PD", c.iaid)
    ),
  ];
  const added = ias.filter((ia) => !held.has(iaLabel(ia)));
  const removed = core.ias.filter((ia) => !ias.includes(ia));
  const installed = installedLeaseCount(core);
  core.ias = ias;
  const list = (l: IaBinding[]) => l.length === 0 ? "none" : l.map(iaLabel).join(", ");
  core.log("info", `configuration changed: IAs added ${list(added)}, removed ${list(removed)}`);
  if (!core.running || core.state === "idle" || core.stateless) return;
  const release = next.releaseOnStop && core.server !== undefined && core.linkUp;
  // RFC 9915 §6.3: nothing of a prefix about to be released may stay in use, not even
  // deprecated; one kept at the server is withdrawn as stale (RFC 9096).
  const withdrawn = removed.filter(iaHasLeases).map((ia) =>
    withdrawIa(core, ia, "its IA is no longer configured", !release)
  );
  if (withdrawn.length > 0) emitLeaseChanged(core, now);
  const running = core.exchange;
  if (running?.kind === "solicit" || running?.kind === "request") {
    // Not bound yet: discovery starts over with the new configuration.
    startSolicit(core, now, "the configuration changed");
    emitLossHook(core, now, "RELOAD", installed);
    return;
  }
  const iasChanged = added.length + removed.length > 0;
  if (withdrawn.length > 0 && release) {
    // The RELEASE hook runs before the Release, with the state after the withdrawal.
    core.log("info", `releasing ${list(withdrawn)} (RFC 9915 §18.2.7)`);
    startPartialRelease(core, now, withdrawn, (c, t) => continueBound(c, t, running, added));
    return;
  }
  if (withdrawn.length > 0) {
    const why = !next.releaseOnStop
      ? "release is off"
      : !core.linkUp
      ? "the link is down"
      : "no server";
    core.log("info", `not releasing ${list(withdrawn)}: ${why}`);
  }
  if (!core.hasLeases || (iasChanged && running) || added.length > 0) {
    continueBound(core, now, running, added);
  }
  // Withdrawn without a Release: a hook feeding an RA daemon must still hear of it.
  emitLossHook(core, now, "RELOAD", installed);
}

/**
 * After the removed IAs are gone: the exchange the change cut short starts
 * again with the new IAs, or a Renew asks for the added ones (§18.2.4).
 */
function continueBound(
  core: ClientCore,
  now: number,
  running: Exchange | undefined,
  added: readonly IaBinding[],
): void {
  if (!core.hasLeases) {
    endExchange(core);
    core.forgetServer();
    if (!core.linkUp) core.setState("idle");
    else startSolicit(core, now, "no lease is left after the configuration change");
    return;
  }
  if (!core.linkUp) {
    endExchange(core);
    resumeBound(core, "the link is down: new IAs are asked for once it is back");
    return;
  }
  const asking = added.length > 0 ? `asking for ${added.map(iaLabel).join(", ")}` : "";
  const why = `the configuration changed${asking ? `: ${asking}` : ""}`;
  if (running?.kind === "rebind") {
    startRebind(core, now, { why, confirmTiming: running.confirmTiming });
  } else if (running?.kind === "renew" || added.length > 0) {
    startRenew(core, now, { why });
  } else resumeBound(core, why);
}
