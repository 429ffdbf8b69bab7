/**
 * The LAN addresses an upstream interface's delegated prefixes put in the
 * kernel (RFC 9915 §6.3; dhcp6c `prefix-interface`; RFC 7084 L-2), one entry
 * per address on an interface, whichever prefix gives it. Renumbering inside
 * the same subnet (a /56 that becomes a /60 on the same base, with the same
 * sla-id) gives the new prefix the old one's address: it is handed over, never
 * deprecated or removed while a prefix in force calls for it (RFC 9096).
 * Each entry is what the kernel holds as far as the agent knows, so that
 * `status` and the LAN side see the kernel, and the kernel's losses can be
 * told from the agent's own withdrawals and put back (`reconcile`).
 * @module
 */
import type { PrefixLease } from "../dhcp6/client/types.ts";
import { attempt } from "./errors.ts";
import { remainingLifetime } from "./lifetimes.ts";
import type { LinkInfo, Logger, NetConfig } from "./ports.ts";
import type { DownstreamAssignment } from "./prefix_delegation.ts";

/** A LAN address the agent holds in the kernel. */
export interface LanAddress extends DownstreamAssignment {
  /** The index of its interface when it was installed (a re-created interface has a new one). */
  readonly interfaceIndex: number;
  /** The delegated prefix ("prefix/len") whose lifetimes the address carries now. */
  readonly delegatedPrefix: string;
}

/** A prefix in force that also calls for an address being withdrawn: it takes it over. */
export interface Heir {
  /** The interface, as present now. */
  readonly link: LinkInfo;
  /** The address and subnet the heir gives it. */
  readonly assignment: DownstreamAssignment;
  /** The heir prefix, whose lifetimes the address takes. */
  readonly lease: PrefixLease;
}

/** One downstream interface as the kernel reports it now, for `reconcile`. */
export interface InterfaceNow {
  /** The interface's name. */
  readonly name: string;
  /** The interface, or undefined when it is gone. */
  readonly link: LinkInfo | undefined;
  /** Its IPv6 addresses now (tentative ones included). */
  readonly present: ReadonlySet<string>;
  /** Whether duplicate address detection failed for `address` there. */
  readonly dadFailed: (address: string) => boolean;
}

/** The key of a LAN address: interface name and address. */
export function addressKey(interfaceName: string, address: string): string {
  return `${interfaceName} ${address}`;
}

/** The key of a delegated prefix: "prefix/len". */
export function prefixKey(lease: Pick<PrefixLease, "prefix" | "prefixLength">): string {
  return `${lease.prefix}/${lease.prefixLength}`;
}

/** The LAN addresses in the kernel, by interface and address. */
export class LanAddresses {
  readonly #net: NetConfig;
  readonly #upstream: string;
  readonly #links: (name: string) => LinkInfo | undefined;
  readonly #logger: Logger;
  readonly #held = new Map<string, LanAddress>();

  /** None held yet. `upstream` names the interface whose prefixes these are, for the log. */
  constructor(
    net: NetConfig,
    upstream: string,
    links: (name: string) => LinkInfo | undefined,
    logger: Logger,
  ) {
    this.#net = net;
    this.#upstream = upstream;
    this.#links = links;
    this.#logger = logger;
  }

  /** Every address held, in the order they were first installed. */
  all(): LanAddress[] {
    return [...this.#held.values()];
  }

  /** Whether `address` on `name` is held. */
  holds(name: string, address: string): boolean {
    return this.#held.has(addressKey(name, address));
  }

  /** The addresses held for the delegated prefix `key`. */
  heldFor(key: string): LanAddress[] {
    return this.all().filter((a) => a.delegatedPrefix === key);
  }

  /**
   * Puts `assignment` on `link` with what is left of `lease`'s lifetimes
   * (add, or replace the lifetimes of an address already there) and holds
   * it for `lease`; false (logged) when the kernel refused.
   */
  async install(
    link: LinkInfo,
    assignment: DownstreamAssignment,
    lease: PrefixLease,
    now: number,
  ): Promise<boolean> {
    const id = addressKey(assignment.interfaceName, assignment.address);
    const ok = await attempt(
      this.#logger,
      this.#upstream,
      `adding ${assignment.address}/${assignment.subnetLength} to ${assignment.interfaceName}`,
      () =>
        this.#net.setAddress({
          interfaceIndex: link.index,
          address: assignment.address,
          prefixLength: assignment.subnetLength,
          preferredLifetime: remainingLifetime(lease.preferredLifetime, lease.receivedAt, now),
          validLifetime: remainingLifetime(lease.validLifetime, lease.receivedAt, now),
          // The LAN subnet is on-link downstream: the kernel's prefix route is wanted.
          noPrefixRoute: false,
        }),
    );
    if (ok) {
      const { interfaceName, subnet, subnetLength, address } = assignment;
      this.#held.set(id, {
        interfaceName,
        subnet,
        subnetLength,
        address,
        interfaceIndex: link.index,
        delegatedPrefix: prefixKey(lease),
      });
    } else if (this.#held.get(id)?.delegatedPrefix === prefixKey(lease)) {
      this.#held.delete(id);
    }
    return ok;
  }

  /**
   * Stops holding `old` for its prefix: it passes to `heir` when a prefix in
   * force calls for it too, else it is deprecated for `hold` seconds (RFC
   * 9096 §3) or removed (`hold` 0). The entry goes first, so that the
   * kernel's removal notice is not taken for a loss to repair. An address
   * whose interface is gone (another index under its name, or none) went
   * with it.
   */
  async withdraw(
    old: LanAddress,
    hold: number,
    now: number,
    heir: Heir | undefined,
  ): Promise<"kept" | "deprecated" | "removed"> {
    this.#held.delete(addressKey(old.interfaceName, old.address));
    if (heir !== undefined && await this.install(heir.link, heir.assignment, heir.lease, now)) {
      return "kept";
    }
    if (this.#links(old.interfaceName)?.index !== old.interfaceIndex) return "removed";
    const where = `${old.address}/${old.subnetLength} on ${old.interfaceName}`;
    if (hold > 0) {
      await attempt(
        this.#logger,
        this.#upstream,
        `deprecating ${where}`,
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
      return "deprecated";
    }
    await attempt(
      this.#logger,
      this.#upstream,
      `removing ${old.address}/${old.subnetLength} from ${old.interfaceName}`,
      () => this.#net.removeAddress(old.interfaceIndex, old.address, old.subnetLength),
    );
    return "removed";
  }

  /**
   * Makes the kernel match the lease on one downstream interface: an address
   * held there that the kernel lost (someone ran `ip addr del`, the interface
   * went down and up) is put back with what is left of its prefix's
   * lifetimes (`prefixes` looks a prefix up by key). One that cannot be put
   * back (the interface is down or gone, its prefix has no time left, its
   * duplicate address detection failed) is no longer held, so that status
   * shows what the kernel has; it is made again when the interface returns
   * or its prefix is renewed. True when anything changed.
   */
  async reconcile(
    iface: InterfaceNow,
    prefixes: (key: string) => PrefixLease | undefined,
    now: number,
  ): Promise<boolean> {
    const { name, link } = iface;
    let changed = false;
    for (const held of this.all()) {
      if (held.interfaceName !== name || iface.present.has(held.address)) continue;
      changed = true;
      const lease = prefixes(held.delegatedPrefix);
      const left = lease === undefined
        ? 0
        : remainingLifetime(lease.validLifetime, lease.receivedAt, now);
      if (link === undefined || !link.up || lease === undefined || left === 0) {
        this.#held.delete(addressKey(name, held.address));
        continue;
      }
      if (iface.dadFailed(held.address)) {
        this.#logger.log(
          "warn",
          `${this.#upstream}: ${held.address} failed duplicate address detection on ${name}; ` +
            "it is not put back until its prefix is renewed",
        );
        this.#held.delete(addressKey(name, held.address));
        continue;
      }
      this.#logger.log(
        "notice",
        `${this.#upstream}: ${held.address}/${held.subnetLength} is gone from ${name}; ` +
          `putting it back (delegated prefix ${held.delegatedPrefix} holds it)`,
      );
      await this.install(link, held, lease, now);
    }
    return changed;
  }
}
