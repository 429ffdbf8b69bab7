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
 * Per-interface switches used when the file does not give them: no rapid
 * commit, stateful, no Reconfigure, the RFC 9915 §18.2.1 initial delay, and a
 * Release on stop (RFC 9915 §18.2.7).
 */
export const DEFAULT_INTERFACE_FLAGS = {
  rapidCommit: false,
  informationOnly: false,
  reconfigureAccept: false,
  initialDelay: true,
  releaseOnStop: true,
} as const;

/** Authentication parameters dhcp6c fills in when omitted. */
export const DEFAULT_AUTHENTICATION = {
  algorithm: "hmac-md5",
  rdm: "monocounter",
} as const;

/** The largest value of an unsigned 32-bit field (IAIDs, lifetimes). */
export const UINT32_MAX = 0xffffffff;
