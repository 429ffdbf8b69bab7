/**
 * Interfaces for the agent's unit tests: an upstream interface's
 * configuration and the kernel's view of a link, with a test's changes.
 */
import type { InterfaceConfig } from "../../src/config/types.ts";
import type { LinkInfo } from "../../src/agent/ports.ts";

/** `wan0` with one IA_NA (IAID 1), no IA_PD and release on stop; `over` replaces fields. */
export function testInterface(over: Partial<InterfaceConfig> = {}): InterfaceConfig {
  return {
    name: "wan0",
    iaNa: [{ iaid: 1, addresses: [] }],
    iaPd: [],
    request: [],
    rawOptions: [],
    rapidCommit: false,
    informationOnly: false,
    reconfigureAccept: false,
    initialDelay: false,
    releaseOnStop: true,
    ...over,
  };
}

/** An Ethernet link, up with carrier: `wan0` (index 2) unless `over` says otherwise. */
export function testLink(over: Partial<LinkInfo> = {}): LinkInfo {
  return {
    index: 2,
    name: "wan0",
    hardwareType: 1,
    mac: Uint8Array.of(2, 0, 0, 0, 0, 1),
    up: true,
    carrier: true,
    ...over,
  };
}
