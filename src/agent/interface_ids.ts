/**
 * The interface identifiers of LAN addresses (RFC 4291 §2.5.1; dhcp6c's
 * `ifid`), one per downstream interface, kept until the interface's MAC or
 * the configured kind changes, or the interface restarts (OPNsense's dhcp6c
 * re-reads it then).
 * @module
 */
import type { RandomSource } from "../dhcp6/client/types.ts";
import type { IfidConfig } from "../config/types.ts";
import type { LinkInfo } from "./ports.ts";
import { type InterfaceIdSpec, resolveInterfaceId } from "./prefix_delegation.ts";

/** Resolved interface identifiers, by downstream interface name. */
export class InterfaceIds {
  readonly #random: RandomSource;
  readonly #ids = new Map<string, { mac: string; spec: InterfaceIdSpec; id: Uint8Array }>();

  /** No identifier yet; `random` draws those of `ifid random`. */
  constructor(random: RandomSource) {
    this.#random = random;
  }

  /**
   * The identifier for `link` as `ifid` asks (absent: EUI-64, or random
   * when the interface has no MAC, as dhcp6c does). Throws a
   * `PrefixDelegationError` when it cannot be made.
   */
  of(ifid: IfidConfig | undefined, link: LinkInfo): Uint8Array {
    const macHex = [...link.mac].map((b) => b.toString(16).padStart(2, "0")).join("");
    const hasMac = link.mac.length === 6 && link.mac.some((b) => b !== 0);
    const spec: InterfaceIdSpec = ifid ?? (hasMac ? "eui-64" : "random");
    // A reload that changes the ifid must not keep the old identifier.
    const cached = this.#ids.get(link.name);
    if (cached !== undefined && cached.mac === macHex && cached.spec === spec) return cached.id;
    const id = resolveInterfaceId(spec, hasMac ? link.mac : undefined, this.#random);
    this.#ids.set(link.name, { mac: macHex, spec, id });
    return id;
  }

  /** Forgets `name`'s identifier: it is made again at next use. */
  forget(name: string): void {
    this.#ids.delete(name);
  }
}
