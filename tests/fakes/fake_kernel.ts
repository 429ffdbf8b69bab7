/**
 * A kernel for unit tests of the agent: interfaces, IPv6 addresses with their
 * lifetimes and unreachable routes, changed through the agent's `NetConfig`
 * port as rtnetlink would change them, and by the test as an operator or the
 * kernel itself would (`ip addr del`, an interface going down or being
 * re-created), each such change returning the notifications the monitor
 * would report. Assertions can then be about what the kernel holds, not about
 * the calls that led there.
 */
import type {
  AddressSpec,
  InterfaceAddress,
  LinkInfo,
  NetConfig,
  NetEvent,
} from "../../src/agent/ports.ts";

/** One address as the fake kernel holds it. */
export interface HeldAddress {
  /** Its prefix length. */
  readonly prefixLength: number;
  /** Seconds of preferred lifetime given last (0: deprecated). */
  readonly preferred: number;
  /** Seconds of valid lifetime given last. */
  readonly valid: number;
}

/** The fake kernel: a `NetConfig` plus the operator's and the kernel's own changes. */
export class FakeKernel implements NetConfig {
  /** Interfaces by name. */
  readonly interfaces = new Map<string, LinkInfo>();
  /** Global addresses by interface index, then address. */
  readonly addrs = new Map<number, Map<string, HeldAddress>>();
  /** Unreachable routes ("prefix/len") with the valid lifetime given last. */
  readonly routes = new Map<string, number>();
  /** Every operation asked of it, in order, as short text. */
  readonly calls: string[] = [];
  #nextIndex = 10;

  /** A kernel with `links` (each up, with carrier). */
  constructor(links: readonly Omit<LinkInfo, "up" | "carrier">[] = []) {
    for (const link of links) this.interfaces.set(link.name, { ...link, up: true, carrier: true });
    for (const link of links) this.#nextIndex = Math.max(this.#nextIndex, link.index + 1);
  }

  /** The global addresses of `name` now, as "address/len preferred/valid". */
  show(name: string): string[] {
    const link = this.interfaces.get(name);
    if (link === undefined) return [];
    return [...(this.addrs.get(link.index) ?? new Map()).entries()].map(([a, h]) =>
      `${a}/${h.prefixLength} ${h.preferred}/${h.valid}`
    );
  }

  // --- NetConfig ---

  /** Every interface. */
  links(): Promise<LinkInfo[]> {
    return Promise.resolve([...this.interfaces.values()]);
  }

  /** The link-local address of each interface, past DAD, and its global addresses. */
  addresses(interfaceIndex: number): Promise<InterfaceAddress[]> {
    const link = [...this.interfaces.values()].find((l) => l.index === interfaceIndex);
    if (link === undefined) return Promise.resolve([]);
    const globals = [...(this.addrs.get(interfaceIndex) ?? new Map()).entries()].map((
      [address, h],
    ) => ({ address, prefixLength: h.prefixLength, tentative: false, dadFailed: false }));
    const linkLocal = { address: `fe80::${interfaceIndex}`, prefixLength: 64 };
    return Promise.resolve(
      link.up ? [{ ...linkLocal, tentative: false, dadFailed: false }, ...globals] : globals,
    );
  }

  /** Adds or replaces the address; an interface that does not exist is ENODEV. */
  setAddress(spec: AddressSpec): Promise<void> {
    this.calls.push(
      `set ${spec.interfaceIndex} ${spec.address}/${spec.prefixLength} ${spec.preferredLifetime}/${spec.validLifetime}`,
    );
    if (![...this.interfaces.values()].some((l) => l.index === spec.interfaceIndex)) {
      return Promise.reject(new Error(`ENODEV: no interface ${spec.interfaceIndex}`));
    }
    const held = this.addrs.get(spec.interfaceIndex) ?? new Map<string, HeldAddress>();
    this.addrs.set(spec.interfaceIndex, held);
    held.set(spec.address, {
      prefixLength: spec.prefixLength,
      preferred: Math.min(spec.preferredLifetime, spec.validLifetime),
      valid: spec.validLifetime,
    });
    return Promise.resolve();
  }

  /** Removes the address; absent is fine, as in the real port. */
  removeAddress(interfaceIndex: number, address: string, prefixLength: number): Promise<void> {
    this.calls.push(`del ${interfaceIndex} ${address}/${prefixLength}`);
    this.addrs.get(interfaceIndex)?.delete(address);
    return Promise.resolve();
  }

  /** Adds or replaces an unreachable route. */
  setUnreachableRoute(prefix: string, prefixLength: number, validLifetime: number): Promise<void> {
    this.calls.push(`route ${prefix}/${prefixLength}`);
    this.routes.set(`${prefix}/${prefixLength}`, validLifetime);
    return Promise.resolve();
  }

  /** Removes an unreachable route. */
  removeUnreachableRoute(prefix: string, prefixLength: number): Promise<void> {
    this.calls.push(`del-route ${prefix}/${prefixLength}`);
    this.routes.delete(`${prefix}/${prefixLength}`);
    return Promise.resolve();
  }

  /** The unreachable routes now. */
  unreachableRoutes(): Promise<{ prefix: string; prefixLength: number }[]> {
    return Promise.resolve([...this.routes.keys()].map((k) => {
      const [prefix, length] = k.split("/");
      return { prefix: prefix!, prefixLength: Number(length) };
    }));
  }

  // --- what an operator or the kernel does ---

  /** `ip addr del`: the address goes; returns the notification. */
  deleteAddress(name: string, address: string): NetEvent[] {
    const link = this.interfaces.get(name)!;
    const held = this.addrs.get(link.index)?.get(address);
    if (held === undefined) return [];
    this.addrs.get(link.index)!.delete(address);
    return [removedEvent(link.index, address, held.prefixLength)];
  }

  /** `ip link set down`: not up; the kernel deletes every global address (keep_addr_on_down=0). */
  setDown(name: string): NetEvent[] {
    const link = { ...this.interfaces.get(name)!, up: false };
    this.interfaces.set(name, link);
    const events: NetEvent[] = [{ type: "link", link }];
    for (const [address, h] of this.addrs.get(link.index) ?? new Map<string, HeldAddress>()) {
      events.push(removedEvent(link.index, address, h.prefixLength));
    }
    this.addrs.delete(link.index);
    return events;
  }

  /** `ip link set up`: up again, with its link-local address. */
  setUp(name: string): NetEvent[] {
    const link = { ...this.interfaces.get(name)!, up: true };
    this.interfaces.set(name, link);
    return [{ type: "link", link }, linkLocalEvent(link.index)];
  }

  /** The interface is deleted, with its addresses. */
  remove(name: string): NetEvent[] {
    const link = this.interfaces.get(name)!;
    const events: NetEvent[] = [];
    for (const [address, h] of this.addrs.get(link.index) ?? new Map<string, HeldAddress>()) {
      events.push(removedEvent(link.index, address, h.prefixLength));
    }
    this.addrs.delete(link.index);
    this.interfaces.delete(name);
    events.push({ type: "link-removed", index: link.index, name });
    return events;
  }

  /** The interface is created (again), with a new index, up, with its link-local address. */
  create(link: Omit<LinkInfo, "index" | "up" | "carrier">): NetEvent[] {
    const created: LinkInfo = { ...link, index: this.#nextIndex++, up: true, carrier: true };
    this.interfaces.set(link.name, created);
    return [{ type: "link", link: created }, linkLocalEvent(created.index)];
  }
}

/** The rtnetlink event of an address removed (RTM_DELADDR). */
export function removedEvent(
  index: number,
  address: string,
  prefixLength: number,
): Extract<NetEvent, { type: "address" }> {
  return {
    type: "address",
    interfaceIndex: index,
    address,
    prefixLength,
    tentative: false,
    dadFailed: false,
    removed: true,
  };
}

function linkLocalEvent(index: number): NetEvent {
  return {
    type: "address",
    interfaceIndex: index,
    address: `fe80::${index}`,
    prefixLength: 64,
    tentative: false,
    dadFailed: false,
    removed: false,
  };
}
