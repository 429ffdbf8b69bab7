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
import type { Action, AddressLease, PrefixLease, RandomSource } from "../dhcp6/client/types.ts";
import type { IfidConfig } from "../config/types.ts";
import type { LanAssignment } from "../hooks/lan_assignment.ts";
import type { LinkInfo, Logger, NetConfig } from "./ports.ts";
import {
  assignDownstream,
  type DownstreamAssignment,
  type InterfaceIdSpec,
  resolveInterfaceId,
  unreachableRoute,
} from "./prefix_delegation.ts";

/** The wire value of an infinite lifetime (RFC 9915 §7.7). */
const INFINITY = 0xffffffff;

/**
 * The longest a stale prefix's LAN address is kept, deprecated: two hours,
 * the bound RFC 9096 §3 (updated L-13) sets for the valid lifetime of a
 * prefix advertised as stale.
 */
export const STALE_HOLD_SECONDS = 7200;

/**
 * The shortest delegated prefix the installer acts on. The engine discards
 * shorter ones when they come off the wire; a lease restored from the state
 * directory does not pass through that check, and the installer is the last
 * step before the kernel, where ::/0 would get an unreachable route that
 * replaces the default route.
 */
export { MIN_DELEGATED_PREFIX_LENGTH };

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

/** A downstream address as installed, to withdraw or re-make later. */
interface Installed extends DownstreamAssignment {
  readonly interfaceIndex: number;
}

/**
 * The lifetime left at `now` of a lifetime received at `receivedAt` (both
 * engine milliseconds); infinity stays infinity.
 */
export function remainingLifetime(lifetime: number, receivedAt: number, now: number): number {
  if (lifetime === INFINITY) return INFINITY;
  return Math.max(0, lifetime - Math.floor(Math.max(0, now - receivedAt) / 1000));
}

/** Carries out address/prefix actions for one upstream interface. */
export class LeaseInstaller {
  readonly #net: NetConfig;
  #setup: InstallerSetup;
  readonly #links: (name: string) => LinkInfo | undefined;
  readonly #random: RandomSource;
  readonly #logger: Logger;
  /** Installed downstream addresses per delegated prefix ("prefix/len"). */
  readonly #downstream = new Map<string, { lease: PrefixLease; installed: Installed[] }>();
  /** Resolved interface identifiers per downstream interface, with the MAC and spec they came from. */
  readonly #ifids = new Map<string, { mac: string; spec: InterfaceIdSpec; id: Uint8Array }>();

  /** An installer with nothing installed yet; `links` looks up interfaces by name as last seen. */
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
    this.#random = random;
    this.#logger = logger;
  }

  /** Applies one engine action; other action types are ignored. True if it was one of ours. */
  async apply(action: Action, now: number): Promise<boolean> {
    switch (action.type) {
      case "address-add":
      case "address-update":
        await this.#setUpstreamAddress(action.lease, now);
        return true;
      case "address-remove":
        await this.#removeUpstreamAddress(action.lease);
        return true;
      case "prefix-add":
      case "prefix-update":
        if (this.#refused(action.lease)) return true;
        await this.#setPrefix(action.lease, now);
        return true;
      case "prefix-remove":
        // A refused prefix was never installed: nothing of it to remove.
        if (action.lease.prefixLength < MIN_DELEGATED_PREFIX_LENGTH) return true;
        await this.#removePrefix(action.lease, action.deprecate, now);
        return true;
      default:
        return false;
    }
  }

  /** The LAN subnets in force, for hooks and status output. */
  downstream(): LanAssignment[] {
    return [...this.#downstream.entries()].flatMap(([delegatedPrefix, d]) =>
      d.installed.map((i) => ({
        interface: i.interfaceName,
        prefix: i.subnet,
        prefixLength: i.subnetLength,
        address: i.address,
        delegatedPrefix,
      }))
    );
  }

  /**
   * A downstream interface came back (restarted, renamed back, MAC changed):
   * re-read its interface identifier and re-install its addresses.
   */
  async refreshDownstream(name: string, now: number): Promise<void> {
    this.#ifids.delete(name);
    for (const entry of this.#downstream.values()) {
      if (this.#delegationsFor(entry.lease).some((d) => d.interface === name)) {
        await this.#setPrefix(entry.lease, now);
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
    const moved = [...this.#downstream.values()].map((e) => e.lease).filter((lease) =>
      delegations.has(lease.iaid) &&
      !sameDelegations(before.get(lease.iaid) ?? [], delegations.get(lease.iaid) ?? [])
    );
    for (const lease of moved) await this.#removePrefix(lease, false, now);
    this.#setup = { ...this.#setup, delegations };
    for (const lease of moved) await this.#setPrefix(lease, now);
  }

  /** Whether `name` is one of this installer's downstream interfaces. */
  isDownstream(name: string): boolean {
    for (const list of this.#setup.delegations.values()) {
      if (list.some((d) => d.interface === name)) return true;
    }
    return false;
  }

  /** Whether `lease` is too short to install; logs the refusal. */
  #refused(lease: PrefixLease): boolean {
    if (lease.prefixLength >= MIN_DELEGATED_PREFIX_LENGTH) return false;
    this.#logger.log(
      "error",
      `${this.#setup.upstream}: refusing delegated prefix ${lease.prefix}/${lease.prefixLength}: ` +
        `shorter than /${MIN_DELEGATED_PREFIX_LENGTH}, its unreachable route would capture ` +
        "traffic far beyond this site; no route or LAN address is made for it",
    );
    return true;
  }

  /** Runs one kernel operation; a failure is logged with its cause and reported as false. */
  async #try(what: string, operation: () => Promise<void>): Promise<boolean> {
    try {
      await operation();
      return true;
    } catch (error) {
      this.#logger.log("error", `${this.#setup.upstream}: ${what} failed: ${errorText(error)}`);
      return false;
    }
  }

  async #setUpstreamAddress(lease: AddressLease, now: number): Promise<void> {
    const link = this.#links(this.#setup.upstream);
    if (link === undefined) {
      this.#logger.log(
        "error",
        `${this.#setup.upstream}: cannot add ${lease.address}: no such interface`,
      );
      return;
    }
    const preferred = remainingLifetime(lease.preferredLifetime, lease.receivedAt, now);
    const valid = remainingLifetime(lease.validLifetime, lease.receivedAt, now);
    await this.#try(`adding address ${lease.address}/128`, () =>
      this.#net.setAddress({
        interfaceIndex: link.index,
        address: lease.address,
        // RFC 9915 §18.2.10.1: an IA_NA address carries no on-link prefix (RAs say that).
        prefixLength: 128,
        preferredLifetime: preferred,
        validLifetime: valid,
        noPrefixRoute: true,
      }));
  }

  async #removeUpstreamAddress(lease: AddressLease): Promise<void> {
    const link = this.#links(this.#setup.upstream);
    if (link === undefined) return;
    await this.#try(
      `removing address ${lease.address}/128`,
      () => this.#net.removeAddress(link.index, lease.address, 128),
    );
  }

  #delegationsFor(lease: PrefixLease): readonly Delegation[] {
    return this.#setup.delegations.get(lease.iaid) ?? [];
  }

  #interfaceId(delegation: Delegation, link: LinkInfo): Uint8Array {
    const macHex = [...link.mac].map((b) => b.toString(16).padStart(2, "0")).join("");
    const hasMac = link.mac.length === 6 && link.mac.some((b) => b !== 0);
    // Absent ifid: EUI-64, or random when the interface has no MAC (dhcp6c's rule).
    const spec: InterfaceIdSpec = delegation.ifid ?? (hasMac ? "eui-64" : "random");
    // A reload that changes the ifid must not keep the old identifier.
    const cached = this.#ifids.get(delegation.interface);
    if (cached !== undefined && cached.mac === macHex && cached.spec === spec) return cached.id;
    const id = resolveInterfaceId(spec, hasMac ? link.mac : undefined, this.#random);
    this.#ifids.set(delegation.interface, { mac: macHex, spec, id });
    return id;
  }

  async #setPrefix(lease: PrefixLease, now: number): Promise<void> {
    const key = `${lease.prefix}/${lease.prefixLength}`;
    const route = unreachableRoute(lease.prefix, lease.prefixLength);
    const preferred = remainingLifetime(lease.preferredLifetime, lease.receivedAt, now);
    const valid = remainingLifetime(lease.validLifetime, lease.receivedAt, now);
    await this.#try(
      `adding unreachable route ${route.prefix}/${route.prefixLength}`,
      () => this.#net.setUnreachableRoute(route.prefix, route.prefixLength, valid),
    );
    const previous = this.#downstream.get(key)?.installed ?? [];
    const installed: Installed[] = [];
    for (const delegation of this.#delegationsFor(lease)) {
      const link = this.#links(delegation.interface);
      if (link === undefined) {
        this.#logger.log(
          "warn",
          `${this.#setup.upstream}: downstream interface ${delegation.interface} not found; ` +
            `prefix ${key} not assigned to it`,
        );
        continue;
      }
      let assignment: DownstreamAssignment;
      try {
        assignment = assignDownstream(
          lease.prefix,
          lease.prefixLength,
          {
            interfaceName: delegation.interface,
            slaId: delegation.slaId,
            ...(delegation.slaLen === undefined ? {} : { slaLen: delegation.slaLen }),
          },
          this.#interfaceId(delegation, link),
        );
      } catch (error) {
        this.#logger.log("error", `${this.#setup.upstream}: ${errorText(error)}`);
        continue;
      }
      const old = previous.find((p) => p.interfaceName === delegation.interface);
      if (
        old !== undefined &&
        (old.address !== assignment.address || old.interfaceIndex !== link.index)
      ) {
        await this.#try(
          `removing ${old.address}/${old.subnetLength} from ${old.interfaceName}`,
          () => this.#net.removeAddress(old.interfaceIndex, old.address, old.subnetLength),
        );
      }
      const ok = await this.#try(
        `adding ${assignment.address}/${assignment.subnetLength} to ${delegation.interface}`,
        () =>
          this.#net.setAddress({
            interfaceIndex: link.index,
            address: assignment.address,
            prefixLength: assignment.subnetLength,
            preferredLifetime: preferred,
            validLifetime: valid,
            // The LAN subnet is on-link downstream: the kernel's prefix route is wanted.
            noPrefixRoute: false,
          }),
      );
      if (ok) installed.push({ ...assignment, interfaceIndex: link.index });
    }
    this.#downstream.set(key, { lease, installed });
  }

  /**
   * Withdraws a delegated prefix. Deprecation (a stale prefix, RFC 9096 §3:
   * the updated L-13) keeps each LAN address with preferred lifetime 0 and a
   * valid lifetime of the smaller of what is left and two hours, and lets the
   * kernel expire it: hosts move new connections away at once while existing
   * ones may finish, and a RA daemon that reads the router's addresses keeps
   * advertising the prefix as deprecated instead of silently dropping it. A
   * prefix with nothing left, or one withdrawn for a Release (RFC 9915 §6.3:
   * no Release while any of its space is in use), is removed at once. The
   * unreachable route goes in both cases: the prefix is no longer delegated.
   */
  async #removePrefix(lease: PrefixLease, deprecate: boolean, now: number): Promise<void> {
    const key = `${lease.prefix}/${lease.prefixLength}`;
    const entry = this.#downstream.get(key);
    const hold = deprecate
      ? Math.min(remainingLifetime(lease.validLifetime, lease.receivedAt, now), STALE_HOLD_SECONDS)
      : 0;
    for (const old of entry?.installed ?? []) {
      if (hold > 0) {
        await this.#try(
          `deprecating ${old.address}/${old.subnetLength} on ${old.interfaceName}`,
          () =>
            this.#net.setAddress({
              interfaceIndex: old.interfaceIndex,
              address: old.address,
              prefixLength: old.subnetLength,
              preferredLifetime: 0,
              validLifetime: hold,
              noPrefixRoute: false,
            }),
        );
        continue;
      }
      await this.#try(
        `removing ${old.address}/${old.subnetLength} from ${old.interfaceName}`,
        () => this.#net.removeAddress(old.interfaceIndex, old.address, old.subnetLength),
      );
    }
    if (hold > 0 && (entry?.installed.length ?? 0) > 0) {
      this.#logger.log(
        "info",
        `${this.#setup.upstream}: ${key} is stale: its LAN addresses are deprecated and expire in ${hold} s (RFC 9096)`,
      );
    }
    this.#downstream.delete(key);
    const route = unreachableRoute(lease.prefix, lease.prefixLength);
    await this.#try(
      `removing unreachable route ${route.prefix}/${route.prefixLength}`,
      () => this.#net.removeUnreachableRoute(route.prefix, route.prefixLength),
    );
  }
}

/** The message of an error, or its text. */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
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
