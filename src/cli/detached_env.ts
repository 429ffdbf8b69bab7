/**
 * The environment variable that marks the detached agent of daemon mode
 * (src/cli/daemon.ts), in a module of its own so that reading the command
 * line (invoked_name.ts) does not load daemon mode's FFI bindings.
 * @module
 */

/**
 * Set (to "1") in the detached agent's environment, and removed by it at
 * once: the agent is the child of `edge6 run`, to report back to it.
 */
export const DETACHED_ENV = "EDGE6_DETACHED";
