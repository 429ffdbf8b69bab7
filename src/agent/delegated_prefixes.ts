/**
 * Delegated prefixes in the kernel (RFC 9915 §6.3): for each, an unreachable
 * route for the whole prefix (RFC 7084 WPD-5), so that packets to its unused
 * parts do not loop to the ISP, and on every downstream interface its
 * `delegate` entries name, one subnet and the router's address in it (dhcp6c
 * `prefix-interface`; RFC 7084 L-2), with the prefix's lifetimes. A prefix
 * that stops being delegated leaves its LAN addresses deprecated (RFC 9096).
 * @module
 */
import type { PrefixLease, RandomSource } from "../dhcp6/client/types.ts";
import type { LanAssignment } from "../hooks/lan_assignment.ts";
import { MIN_DELEGATED_PREFIX_LENGTH } from "../dhcp6/constants.ts";
import { attempt, errorText } from "./errors.ts";
import type { IfidConfig } from "../config/types.ts";
import { remainingLifetime, STALE_HOLD_SECONDS } from "./lifetimes.ts";
import type { LinkInfo, Logger, NetConfig } from "./ports.ts";
import {
  assignDownstream,
  type DownstreamAssignment,
  type InterfaceIdSpec,
  resolveInterfaceId,
  unreachableRoute,
} from "./prefix_delegation.ts";

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

/** The delegated prefixes of one upstream interface: routes and LAN addresses. */
export class DelegatedPrefixes {
  readonly #net: NetConfig;
  #setup: InstallerSetup;
  readonly #links: (name: string) => LinkInfo | undefined;
  readonly #random: RandomSource;
  readonly #logger: Logger;
  /** Installed downstream addresses per delegated prefix ("prefix/len"). */
  readonly #downstream = new Map<string, { lease: PrefixLease; installed: Installed[] }>();
  /** Resolved interface identifiers per downstream interface, with the MAC and spec they came from. */
  readonly #ifids = new Map<string, { mac: string; spec: InterfaceIdSpec; id: Uint8Array }>();

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
    this.#random = random;
    this.#logger = logger;
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
        lifetimes: {
          preferred: d.lease.preferredLifetime,
          valid: d.lease.validLifetime,
          receivedAt: d.lease.receivedAt,
        },
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
        await this.set(entry.lease, now);
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

  /**
   * Installs or refreshes a delegated prefix: its unreachable route and one
   * address per downstream interface, with the prefix's lifetimes.
   */
  async set(lease: PrefixLease, now: number): Promise<void> {
    const key = `${lease.prefix}/${lease.prefixLength}`;
    const route = unreachableRoute(lease.prefix, lease.prefixLength);
    const preferred = remainingLifetime(lease.preferredLifetime, lease.receivedAt, now);
    const valid = remainingLifetime(lease.validLifetime, lease.receivedAt, now);
    await attempt(
      this.#logger,
      this.#setup.upstream,
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
        await attempt(
          this.#logger,
          this.#setup.upstream,
          `removing ${old.address}/${old.subnetLength} from ${old.interfaceName}`,
          () => this.#net.removeAddress(old.interfaceIndex, old.address, old.subnetLength),
        );
      }
      const ok = await attempt(
        this.#logger,
        this.#setup.upstream,
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
  async remove(lease: PrefixLease, deprecate: boolean, now: number): Promise<void> {
    const key = `${lease.prefix}/${lease.prefixLength}`;
    const entry = this.#downstream.get(key);
    const hold = deprecate
      ? Math.min(remainingLifetime(lease.validLifetime, lease.receivedAt, now), STALE_HOLD_SECONDS)
      : 0;
    for (const old of entry?.installed ?? []) {
      if (hold > 0) {
        await attempt(
          this.#logger,
          this.#setup.upstream,
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
      await attempt(
        this.#logger,
        this.#setup.upstream,
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
    await attempt(
      this.#logger,
      this.#setup.upstream,
      `removing unreachable route ${route.prefix}/${route.prefixLength}`,
      () => this.#net.removeUnreachableRoute(route.prefix, route.prefixLength),
    );
  }
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
