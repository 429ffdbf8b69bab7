/**
 * Delegated prefixes in the kernel (RFC 9915 §6.3): for each, an unreachable
 * route for the whole prefix (RFC 7084 WPD-5), so that packets to its unused
 * parts do not loop to the ISP, and on every downstream interface its
 * `delegate` entries name, one subnet and the router's address in it (dhcp6c
 * `prefix-interface`; RFC 7084 L-2), with the prefix's lifetimes. A prefix
 * that stops being delegated leaves its LAN addresses deprecated (RFC 9096).
 * LAN addresses are kept one entry per address, not per prefix: a renumbering
 * that gives the new prefix the old one's address (a /56 that becomes a /60
 * on the same base) hands it over instead of withdrawing it, and the kernel
 * is compared with them address by address (`reconcile`).
 * @module
 */
import type { PrefixLease, RandomSource } from "../dhcp6/client/types.ts";
import type { LanAssignment } from "../hooks/lan_assignment.ts";
import { MIN_DELEGATED_PREFIX_LENGTH } from "../dhcp6/constants.ts";
import { attempt, errorText } from "./errors.ts";
import type { IfidConfig } from "../config/types.ts";
import { InterfaceIds } from "./interface_ids.ts";
import {
  addressKey,
  type Heir,
  type InterfaceNow,
  type LanAddress,
  LanAddresses,
  prefixKey,
} from "./lan_addresses.ts";
import { remainingLifetime, STALE_HOLD_SECONDS } from "./lifetimes.ts";
import type { LinkInfo, Logger, NetConfig } from "./ports.ts";
import {
  assignDownstream,
  type DownstreamAssignment,
  type UnreachableRoute,
  unreachableRoutes,
} from "./prefix_delegation.ts";
import { prefixesOverlap } from "../dhcp6/prefix_exclude.ts";

/** One downstream interface of an IA_PD (the config's `delegate` entry). */
export interface Delegation {
  /** The downstream interface's name. */
  readonly interface: string;
  /** The subnet number inside the delegated prefix (dhcp6c `sla-id`). */
  readonly slaId: number;
  /** Bits given to the subnet number (dhcp6c `sla-len`); default 64 minus the delegated length. */
  readonly slaLen?: number;
  /** How the address's interface identifier is made; absent: EUI-64, or random without a MAC. */
  readonly ifid?: IfidConfig;
}

/** What the installer needs to know about its upstream interface. */
export interface InstallerSetup {
  /** The upstream interface: its IA_NA addresses go there. */
  readonly upstream: string;
  /** Downstream interfaces per IA_PD IAID. */
  readonly delegations: ReadonlyMap<number, readonly Delegation[]>;
}

/** A LAN address a delegated prefix calls for, on an interface present now. */
interface Wanted {
  readonly link: LinkInfo;
  readonly assignment: DownstreamAssignment;
}

/** The delegated prefixes of one upstream interface: routes and LAN addresses. */
export class DelegatedPrefixes {
  readonly #net: NetConfig;
  #setup: InstallerSetup;
  readonly #links: (name: string) => LinkInfo | undefined;
  readonly #logger: Logger;
  /** The delegated prefixes in force, by "prefix/len". */
  readonly #prefixes = new Map<string, PrefixLease>();
  /** The LAN addresses in the kernel for them, one entry per address. */
  readonly #addresses: LanAddresses;
  readonly #ifids: InterfaceIds;

  /** Nothing installed yet; `links` looks up interfaces by name as last seen. */
  constructor(
    net: NetConfig,
    setup: InstallerSetup,
    links: (name: string) => LinkInfo | undefined,
    random: RandomSource,
    logger: Logger,
  ) {
    this.#net = net;
    this.#setup = setup;
    this.#links = links;
    this.#logger = logger;
    this.#ifids = new InterfaceIds(random);
    this.#addresses = new LanAddresses(net, setup.upstream, links, logger);
  }

  /**
   * The LAN subnets in force, for hooks, status output and the LAN side: one
   * entry per LAN address in the kernel, with the prefix it belongs to.
   */
  downstream(): LanAssignment[] {
    return this.#addresses.all().map((a) => {
      // The lifetimes the address carries now: those of the prefix that owns it.
      const lease = this.#prefixes.get(a.delegatedPrefix);
      return {
        interface: a.interfaceName,
        prefix: a.subnet,
        prefixLength: a.subnetLength,
        address: a.address,
        delegatedPrefix: a.delegatedPrefix,
        ...(lease === undefined ? {} : {
          lifetimes: {
            preferred: lease.preferredLifetime,
            valid: lease.validLifetime,
            receivedAt: lease.receivedAt,
          },
        }),
      };
    });
  }

  /** Whether the LAN address `address` on `name` is one the agent holds. */
  holds(name: string, address: string): boolean {
    return this.#addresses.holds(name, address);
  }

  /**
   * A downstream interface came back (restarted, renamed back, MAC changed):
   * re-read its interface identifier and re-install its addresses.
   */
  async refreshDownstream(name: string, now: number): Promise<void> {
    this.#ifids.forget(name);
    for (const lease of [...this.#prefixes.values()]) {
      if (this.#delegationsFor(lease).some((d) => d.interface === name)) {
        await this.set(lease, now);
      }
    }
  }

  /**
   * Takes a new downstream layout (a reload). Delegated prefixes of IA_PDs
   * whose downstream interfaces changed are re-assigned; every other one is
   * left exactly as it is, and those of IA_PDs no longer configured stay
   * until the engine withdraws them.
   */
  async setDelegations(
    delegations: ReadonlyMap<number, readonly Delegation[]>,
    now: number,
  ): Promise<void> {
    const before = this.#setup.delegations;
    const moved = [...this.#prefixes.values()].filter((lease) =>
      delegations.has(lease.iaid) &&
      !sameDelegations(before.get(lease.iaid) ?? [], delegations.get(lease.iaid) ?? [])
    );
    for (const lease of moved) await this.remove(lease, false, now);
    this.#setup = { ...this.#setup, delegations };
    for (const lease of moved) await this.set(lease, now);
  }

  /** Whether `name` is one of this installer's downstream interfaces. */
  isDownstream(name: string): boolean {
    for (const list of this.#setup.delegations.values()) {
      if (list.some((d) => d.interface === name)) return true;
    }
    return false;
  }

  /** Whether `lease` is too short to install; logs the refusal. */
  refused(lease: PrefixLease): boolean {
    if (lease.prefixLength >= MIN_DELEGATED_PREFIX_LENGTH) return false;
    this.#logger.log(
      "error",
      `${this.#setup.upstream}: refusing delegated prefix ${lease.prefix}/${lease.prefixLength}: ` +
        `shorter than /${MIN_DELEGATED_PREFIX_LENGTH}, its unreachable route would capture ` +
        "traffic far beyond this site; no route or LAN address is made for it",
    );
    return true;
  }

  #delegationsFor(lease: PrefixLease): readonly Delegation[] {
    return this.#setup.delegations.get(lease.iaid) ?? [];
  }

  /**
   * The LAN addresses `lease` calls for on the interfaces present now;
   * `report`: log why one cannot be made (a missing interface, an sla-id
   * that does not fit).
   */
  #wanted(lease: PrefixLease, report: boolean): Wanted[] {
    const out: Wanted[] = [];
    const upstream = this.#setup.upstream;
    for (const delegation of this.#delegationsFor(lease)) {
      const link = this.#links(delegation.interface);
      if (link === undefined) {
        if (report) {
          this.#logger.log(
            "warn",
            `${upstream}: downstream interface ${delegation.interface} not found; ` +
              `prefix ${prefixKey(lease)} not assigned to it`,
          );
        }
        continue;
      }
      try {
        const assignment = assignDownstream(
          lease.prefix,
          lease.prefixLength,
          {
            interfaceName: delegation.interface,
            slaId: delegation.slaId,
            ...(delegation.slaLen === undefined ? {} : { slaLen: delegation.slaLen }),
          },
          this.#ifids.of(delegation.ifid, link),
        );
        const subnet = { prefix: assignment.subnet, prefixLength: assignment.subnetLength };
        if (lease.excluded !== undefined && prefixesOverlap(subnet, lease.excluded)) {
          // RFC 6603 §4.2: the excluded prefix is the WAN link's, never a LAN's.
          if (report) {
            this.#logger.log(
              "error",
              `${upstream}: delegate ${delegation.interface} (sla_id ${delegation.slaId}): subnet ` +
                `${subnet.prefix}/${subnet.prefixLength} overlaps ${lease.excluded.prefix}/` +
                `${lease.excluded.prefixLength}, which the server excluded from ${
                  prefixKey(lease)
                } ` +
                "for its own link (RFC 6603); not assigned",
            );
          }
          continue;
        }
        out.push({ link, assignment });
      } catch (error) {
        if (report) this.#logger.log("error", `${upstream}: ${errorText(error)}`);
      }
    }
    return out;
  }

  /**
   * Installs or refreshes a delegated prefix: its unreachable route and one
   * address per downstream interface, with the prefix's lifetimes. An address
   * another prefix held becomes this one's; addresses this prefix held and no
   * longer calls for (a new MAC, a new layout) are withdrawn.
   */
  async set(lease: PrefixLease, now: number): Promise<void> {
    const key = prefixKey(lease);
    const valid = remainingLifetime(lease.validLifetime, lease.receivedAt, now);
    const routes = unreachableRoutes(lease);
    // The server may change or drop its exclusion (RFC 6603) between Replies.
    const previous = this.#prefixes.get(key);
    for (const old of previous === undefined ? [] : unreachableRoutes(previous)) {
      if (!routes.some((r) => sameRoute(r, old))) await this.#removeRoute(old);
    }
    for (const route of routes) await this.#setRoute(route, valid);
    this.#prefixes.set(key, lease);
    const wanted = this.#wanted(lease, true);
    const ids = new Set(wanted.map((w) => addressKey(w.link.name, w.assignment.address)));
    const unwanted = () =>
      this.#addresses.heldFor(key).filter((a) => !ids.has(addressKey(a.interfaceName, a.address)));
    for (const { link, assignment } of wanted) {
      // The old address of this interface goes first (as before a MAC change).
      for (const old of unwanted()) {
        if (old.interfaceName === link.name) await this.#withdraw(old, 0, now);
      }
      await this.#addresses.install(link, assignment, lease, now);
    }
    for (const old of unwanted()) await this.#withdraw(old, 0, now);
  }

  /**
   * Withdraws a delegated prefix. Deprecation (a stale prefix, RFC 9096 §3:
   * the updated L-13) keeps each LAN address with preferred lifetime 0 and a
   * valid lifetime of the smaller of what is left and two hours, and lets the
   * kernel expire it: hosts move new connections away at once while existing
   * ones may finish, and a RA daemon that reads the router's addresses keeps
   * advertising the prefix as deprecated instead of silently dropping it. A
   * prefix with nothing left, or one withdrawn for a Release (RFC 9915 §6.3:
   * no Release while any of its space is in use), is removed at once. An
   * address that a prefix still in force also calls for is neither: it
   * stays, with that prefix's lifetimes. The unreachable route goes in every
   * case: the prefix is no longer delegated.
   */
  async remove(lease: PrefixLease, deprecate: boolean, now: number): Promise<void> {
    const key = prefixKey(lease);
    // The routes to remove are those installed, made with the exclusion in force then.
    const installed = this.#prefixes.get(key);
    this.#prefixes.delete(key);
    const hold = deprecate
      ? Math.min(remainingLifetime(lease.validLifetime, lease.receivedAt, now), STALE_HOLD_SECONDS)
      : 0;
    let deprecated = 0;
    for (const old of this.#addresses.heldFor(key)) {
      if (await this.#withdraw(old, hold, now) === "deprecated") deprecated++;
    }
    if (deprecated > 0) {
      this.#logger.log(
        "info",
        `${this.#setup.upstream}: ${key} is stale: its LAN addresses are deprecated and expire in ${hold} s (RFC 9096)`,
      );
    }
    for (const route of unreachableRoutes(installed ?? lease)) await this.#removeRoute(route);
  }

  /**
   * Makes the kernel match the lease on one downstream interface, given the
   * addresses it has now; see `LanAddresses.reconcile`. True when anything
   * changed.
   */
  reconcile(iface: InterfaceNow, now: number): Promise<boolean> {
    return this.#addresses.reconcile(iface, (key) => this.#prefixes.get(key), now);
  }

  /** Withdraws `old`, handing it to another prefix in force that calls for it, if any. */
  #withdraw(old: LanAddress, hold: number, now: number) {
    return this.#addresses.withdraw(old, hold, now, this.#heir(old));
  }

  /** Another prefix in force that calls for the LAN address `old`. */
  #heir(old: LanAddress): Heir | undefined {
    const id = addressKey(old.interfaceName, old.address);
    for (const lease of this.#prefixes.values()) {
      if (prefixKey(lease) === old.delegatedPrefix) continue;
      const wanted = this.#wanted(lease, false).find((w) =>
        addressKey(w.link.name, w.assignment.address) === id
      );
      if (wanted !== undefined) return { ...wanted, lease };
    }
    return undefined;
  }

  /**
   * Sets every unreachable route again (after lost notifications: routes are
   * not watched, and setting one that is there changes nothing).
   */
  async refreshRoutes(now: number): Promise<void> {
    for (const lease of this.#prefixes.values()) {
      const valid = remainingLifetime(lease.validLifetime, lease.receivedAt, now);
      for (const route of unreachableRoutes(lease)) await this.#setRoute(route, valid);
    }
  }

  /** Adds or refreshes one unreachable route (RFC 7084 WPD-5). */
  async #setRoute(route: UnreachableRoute, valid: number): Promise<void> {
    await attempt(
      this.#logger,
      this.#setup.upstream,
      `adding unreachable route ${route.prefix}/${route.prefixLength}`,
      () => this.#net.setUnreachableRoute(route.prefix, route.prefixLength, valid),
    );
  }

  /** Removes one unreachable route; an absent one is not an error. */
  async #removeRoute(route: UnreachableRoute): Promise<void> {
    await attempt(
      this.#logger,
      this.#setup.upstream,
      `removing unreachable route ${route.prefix}/${route.prefixLength}`,
      () => this.#net.removeUnreachableRoute(route.prefix, route.prefixLength),
    );
  }
}

/** Whether two routes are the same prefix. */
function sameRoute(a: UnreachableRoute, b: UnreachableRoute): boolean {
  return a.prefix === b.prefix && a.prefixLength === b.prefixLength;
}

/**
 * Whether two downstream layouts are the same, field by field (a fixed ifid
 * is a bigint, which JSON cannot compare).
 */
function sameDelegations(a: readonly Delegation[], b: readonly Delegation[]): boolean {
  return a.length === b.length &&
    a.every((d, i) => {
      const e = b[i]!;
      return d.interface === e.interface && d.slaId === e.slaId && d.slaLen === e.slaLen &&
        d.ifid === e.ifid;
    });
}
