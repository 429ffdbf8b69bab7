/**
 * The agent's clocks. The engine runs on monotonic milliseconds (RFC 9915
 * §15 timers must not jump when the wall clock is set); persistence needs the
 * wall clock so that a lease saved before a reboot can be aged on load.
 * @module
 */

/** The two time sources the shell reads; injectable so that tests control time. */
export interface Clock {
  /** Monotonic milliseconds, never going backwards (the engine's `now`). */
  monotonic(): number;
  /** Wall-clock milliseconds since the Unix epoch (for saved leases, DUID-LLT). */
  wall(): number;
}

/**
 * The process clock: `performance.now()` is monotonic (it does not follow
 * changes of the system time), `Date.now()` is the wall clock.
 */
export const systemClock: Clock = {
  monotonic(): number {
    return performance.now();
  },
  wall(): number {
    return Date.now();
  },
};
