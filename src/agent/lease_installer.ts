/**
 * Carries the engine's address and prefix actions into the kernel: IA_NA
 * addresses on the upstream interface (RFC 9915 §18.2.10.1), and for every
 * delegated prefix (RFC 9915 §6.3) an unreachable route (RFC 7084 WPD-5) plus
 * one address per configured downstream interface (dhcp6c `prefix-interface`).
 * Kernel lifetimes are the DHCPv6 ones, so the kernel itself expires what an
 * agent that died can no longer withdraw. A failed operation is logged with
 * its cause and the rest still runs.
 * @module
 */
import { MIN_DELEGATED_PREFIX_LENGTH } from "../dhcp6/constants.ts";
import type { Action, AddressLease, RandomSource } from "../dhcp6/client/types.ts";
import type { LanAssignment } from "../hooks/lan_assignment.ts";
import type { LinkInfo, Logger, NetConfig } from "./ports.ts";
import { attempt } from "./errors.ts";
import { DelegatedPrefixes, type Delegation, type InstallerSetup } from "./delegated_prefixes.ts";
import type { InterfaceNow } from "./lan_addresses.ts";
import { remainingLifetime } from "./lifetimes.ts";

export { remainingLifetime, STALE_HOLD_SECONDS } from "./lifetimes.ts";

/**
 * The shortest delegated prefix the installer acts on. The engine discards
 * shorter ones when they come off the wire; a lease restored from the state
 * directory does not pass through that check, and the installer is the last
 * step before the kernel, where ::/0 would get an unreachable route that
 * replaces the default route.
 */
export { MIN_DELEGATED_PREFIX_LENGTH };

export type { Delegation, InstallerSetup } from "./delegated_prefixes.ts";

/** Carries out address/prefix actions for one upstream interface. */
export class LeaseInstaller {
  readonly #net: NetConfig;
  readonly #upstream: string;
  readonly #links: (name: string) => LinkInfo | undefined;
  readonly #logger: Logger;
  readonly #prefixes: DelegatedPrefixes;
  /**
   * The IA_NA addresses the lease holds on the upstream interface, by
   * address: what the kernel must have there while the link is up.
   */
  readonly #addresses = new Map<string, AddressLease>();

  /** An installer with nothing installed yet; `links` looks up interfaces by name as last seen. */
  constructor(
    net: NetConfig,
    setup: InstallerSetup,
    links: (name: string) => LinkInfo | undefined,
    random: RandomSource,
    logger: Logger,
  ) {
    this.#net = net;
    this.#upstream = setup.upstream;
    this.#links = links;
    this.#logger = logger;
    this.#prefixes = new DelegatedPrefixes(net, setup, links, random, logger);
  }

  /** Applies one engine action; other action types are ignored. True if it was one of ours. */
  async apply(action: Action, now: number): Promise<boolean> {
    switch (action.type) {
      case "address-add":
      case "address-update":
        this.#addresses.set(action.lease.address, action.lease);
        await this.#setUpstreamAddress(action.lease, now);
        return true;
      case "address-remove":
        // Forgotten first: the kernel's removal notice is then not a loss to repair.
        this.#addresses.delete(action.lease.address);
        await this.#removeUpstreamAddress(action.lease);
        return true;
      case "prefix-add":
      case "prefix-update":
        if (this.#prefixes.refused(action.lease)) return true;
        await this.#prefixes.set(action.lease, now);
        return true;
      case "prefix-remove":
        // A refused prefix was never installed: nothing of it to remove.
        if (action.lease.prefixLength < MIN_DELEGATED_PREFIX_LENGTH) return true;
        await this.#prefixes.remove(action.lease, action.deprecate, now);
        return true;
      default:
        return false;
    }
  }

  /** The LAN subnets in force, for hooks and status output. */
  downstream(): LanAssignment[] {
    return this.#prefixes.downstream();
  }

  /**
   * A downstream interface came back (restarted, renamed back, MAC changed):
   * re-read its interface identifier and re-install its addresses.
   */
  refreshDownstream(name: string, now: number): Promise<void> {
    return this.#prefixes.refreshDownstream(name, now);
  }

  /** Takes a new downstream layout (a reload); see `DelegatedPrefixes.setDelegations`. */
  setDelegations(
    delegations: ReadonlyMap<number, readonly Delegation[]>,
    now: number,
  ): Promise<void> {
    return this.#prefixes.setDelegations(delegations, now);
  }

  /** Whether `name` is one of this installer's downstream interfaces. */
  isDownstream(name: string): boolean {
    return this.#prefixes.isDownstream(name);
  }

  /** Whether the lease holds `address` on interface `name` (upstream or downstream). */
  holds(name: string, address: string): boolean {
    if (name === this.#upstream) return this.#addresses.has(address);
    return this.#prefixes.holds(name, address);
  }

  /**
   * Makes the kernel match the lease on interface `iface` (the upstream one
   * or a downstream one), given the addresses it has now: what the lease
   * holds and the kernel lost is put back with what is left of its
   * lifetimes. The kernel deletes global addresses when an interface goes
   * administratively down (keep_addr_on_down=0) or is deleted, and an
   * operator may delete one by hand; without this an IA_NA address would be
   * missing until the next Renew (T1). True when what `status` shows changed.
   */
  async reconcile(iface: InterfaceNow, now: number): Promise<boolean> {
    if (iface.name !== this.#upstream) return await this.#prefixes.reconcile(iface, now);
    const link = iface.link;
    if (link === undefined || !link.up) return false; // put back when it comes up
    for (const lease of this.#addresses.values()) {
      if (iface.present.has(lease.address)) continue;
      if (remainingLifetime(lease.validLifetime, lease.receivedAt, now) === 0) continue;
      if (iface.dadFailed(lease.address)) continue; // the engine declines it (RFC 9915 §18.2.8)
      this.#logger.log(
        "notice",
        `${this.#upstream}: ${lease.address} is gone from ${this.#upstream}; putting it back (the lease holds it)`,
      );
      await this.#setUpstreamAddress(lease, now);
    }
    return false;
  }

  /** Sets every unreachable route again (after lost notifications). */
  refreshRoutes(now: number): Promise<void> {
    return this.#prefixes.refreshRoutes(now);
  }

  async #setUpstreamAddress(lease: AddressLease, now: number): Promise<void> {
    const link = this.#links(this.#upstream);
    if (link === undefined) {
      this.#logger.log(
        "error",
        `${this.#upstream}: cannot add ${lease.address}: no such interface`,
      );
      return;
    }
    const preferred = remainingLifetime(lease.preferredLifetime, lease.receivedAt, now);
    const valid = remainingLifetime(lease.validLifetime, lease.receivedAt, now);
    await attempt(
      this.#logger,
      this.#upstream,
      `adding address ${lease.address}/128`,
      () =>
        this.#net.setAddress({
          interfaceIndex: link.index,
          address: lease.address,
          // RFC 9915 §18.2.10.1: an IA_NA address carries no on-link prefix (RAs say that).
          prefixLength: 128,
          preferredLifetime: preferred,
          validLifetime: valid,
          noPrefixRoute: true,
        }),
    );
  }

  async #removeUpstreamAddress(lease: AddressLease): Promise<void> {
    const link = this.#links(this.#upstream);
    if (link === undefined) return;
    await attempt(
      this.#logger,
      this.#upstream,
      `removing address ${lease.address}/128`,
      () => this.#net.removeAddress(link.index, lease.address, 128),
    );
  }
}

export { errorText } from "./errors.ts";
