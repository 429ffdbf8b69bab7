/**
 * Default values of the edge6 configuration.
 * @module
 */
import type { GlobalConfig } from "./types.ts";

/** Global settings used when the file does not give them. */
export const DEFAULT_GLOBAL: GlobalConfig = {
  duidFile: "/var/lib/edge6/duid",
  stateDir: "/var/lib/edge6",
  controlSocket: "/run/edge6/edge6.sock",
  logLevel: "notice",
  logTarget: "stderr",
  logFacility: "daemon",
  hookTimeout: 30,
};

/**
 * Per-interface switches used when a TOML file does not give them: no rapid
 * commit, stateful, no Reconfigure, the RFC 9915 §18.2.1 initial delay, and
 * no Release on stop: RFC 9096 §3.2 (WPD-9) says a CE router SHOULD NOT
 * release its delegated prefix when it restarts, so that it finds the same
 * prefix again and the LAN is not renumbered. A dhcp6c.conf keeps dhcp6c's
 * behaviour instead (release on exit unless `-n`): `dhcp6cToDocument` sets
 * `release_on_stop = true` explicitly.
 */
export const DEFAULT_INTERFACE_FLAGS = {
  rapidCommit: false,
  informationOnly: false,
  reconfigureAccept: false,
  initialDelay: true,
  releaseOnStop: false,
} as const;

/** Authentication parameters dhcp6c fills in when omitted. */
export const DEFAULT_AUTHENTICATION = {
  algorithm: "hmac-md5",
  rdm: "monocounter",
} as const;

/** The largest value of an unsigned 32-bit field (IAIDs, lifetimes). */
export const UINT32_MAX = 0xffffffff;
