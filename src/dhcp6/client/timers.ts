/**
 * The engine's named timers (quinn-proto style): each is derived from the
 * state, so there is nothing to cancel. Fired in a fixed order when due.
 * @module
 */
import type { ClientCore } from "./state.ts";
import { exchangeTimeout } from "./exchange.ts";
import { nextExpiry, rebindAt, renewAt } from "./ia.ts";

/** The engine's timers. */
export type TimerName =
  /** A lease's valid lifetime ends (RFC 9915 §18.2.5, §18.2.13). */
  | "expire"
  /** The running exchange: a delayed first transmission or an RT expiry (§15). */
  | "exchange"
  /** A configuration change waited for an exchange that has now ended. */
  | "config"
  /** T2 reached while bound (§18.2.5). */
  | "rebind"
  /** T1 reached while bound (§18.2.4). */
  | "renew"
  /** The information refresh time ended (§21.23). */
  | "refresh";

/** Firing order when several are due at once. */
export const TIMER_ORDER: readonly TimerName[] = [
  "expire",
  "exchange",
  "config",
  "rebind",
  "renew",
  "refresh",
];

/** Engine time of a timer, or Infinity when it is not armed. */
export function timerAt(core: ClientCore, name: TimerName): number {
  if (!core.running) return Infinity;
  switch (name) {
    case "expire":
      return nextExpiry(core);
    case "exchange":
      return core.exchange ? exchangeTimeout(core.exchange) : Infinity;
    case "config":
      return core.pendingConfig && !core.busyForConfig ? core.pendingConfig.at : Infinity;
    case "rebind":
      return restingIn(core, "bound") ? rebindAt(core) : Infinity;
    case "renew":
      return restingIn(core, "bound") ? renewAt(core) : Infinity;
    case "refresh":
      return restingIn(core, "informed") ? core.refreshAt ?? Infinity : Infinity;
  }
}

/** In `state` with the link up and no exchange running: the T1/T2 and refresh timers run. */
function restingIn(core: ClientCore, state: "bound" | "informed"): boolean {
  return core.state === state && core.linkUp && !core.exchange;
}

/** The first due timer at `now`, in firing order. */
export function dueTimer(core: ClientCore, now: number): TimerName | undefined {
  return TIMER_ORDER.find((t) => timerAt(core, t) <= now);
}

/** The earliest armed timer, or undefined. */
export function nextTimeout(core: ClientCore): number | undefined {
  const at = Math.min(...TIMER_ORDER.map((t) => timerAt(core, t)));
  return Number.isFinite(at) ? at : undefined;
}
