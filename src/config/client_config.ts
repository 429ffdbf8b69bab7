/**
 * From one configured interface to the engine's ClientConfig
 * (src/dhcp6/client/types.ts).
 * @module
 */
import type { ClientConfig } from "../dhcp6/client/types.ts";
import { hexToBytes } from "./hex.ts";
import type { InterfaceConfig } from "./types.ts";

/**
 * Builds the engine configuration of `iface`: IA_NA/IA_PD with their hints
 * (RFC 9915 §18.2.1; a lifetime of 0 is sent as "no preference"), the
 * Option Request codes (§21.7), raw options as bytes, and the switches.
 * Downstream delegation (`delegate`) stays with the agent.
 */
export function toClientConfig(iface: InterfaceConfig, duid: Uint8Array): ClientConfig {
  return {
    interfaceName: iface.name,
    duid,
    iaNa: iface.iaNa.map((ia) => ({
      iaid: ia.iaid,
      hints: ia.addresses.map((a) => ({
        address: a.address,
        preferredLifetime: a.preferredLifetime,
        validLifetime: a.validLifetime,
      })),
    })),
    iaPd: iface.iaPd.map((ia) => ({
      iaid: ia.iaid,
      hints: ia.prefixes.map((h) => ({
        prefix: h.prefix,
        prefixLength: h.length,
        preferredLifetime: h.preferredLifetime,
        validLifetime: h.validLifetime,
      })),
    })),
    requestOptions: [...iface.request],
    rawOptions: iface.rawOptions.map((r) => ({ code: r.code, data: hexToBytes(r.data) })),
    rapidCommit: iface.rapidCommit,
    informationOnly: iface.informationOnly,
    initialDelay: iface.initialDelay,
    releaseOnStop: iface.releaseOnStop,
    reconfigureAccept: iface.reconfigureAccept,
  };
}
