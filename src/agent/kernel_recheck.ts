/**
 * Which interfaces of one upstream runtime must be compared with its lease,
 * and the comparison itself. The kernel is not trusted to keep what the agent
 * wrote (the design's rule): it deletes global addresses when an interface
 * goes administratively down (keep_addr_on_down=0) or is deleted, an operator
 * may run `ip addr del`, and notifications are lost when the monitor's
 * buffer overflows (ENOBUFS). Each of those marks interfaces here; at the
 * runtime's next drain, after the engine's own actions (so that an address
 * it withdrew or declined is not put back), their addresses are read once and
 * what the lease holds and the kernel lacks is put back.
 * @module
 */
import type { Clock } from "./clock.ts";
import type { InterfaceNow } from "./lan_addresses.ts";
import type { LinkTable } from "./link_table.ts";

/** What the comparison acts on: the lease's installer. */
export interface RecheckTarget {
  /** Puts back what the lease holds on `iface` and the kernel lost; true if status changed. */
  reconcile(iface: InterfaceNow, now: number): Promise<boolean>;
  /** Sets every unreachable route again. */
  refreshRoutes(now: number): Promise<void>;
}

/** The interfaces marked for comparison, and whether routes are to be set again. */
export class KernelRecheck {
  readonly #links: Pick<LinkTable, "get" | "addresses"> & Partial<Pick<LinkTable, "dadFailed">>;
  readonly #clock: Clock;
  readonly #names = new Set<string>();
  #routes = false;

  /** Nothing marked yet. */
  constructor(
    links: Pick<LinkTable, "get" | "addresses"> & Partial<Pick<LinkTable, "dadFailed">>,
    clock: Clock,
  ) {
    this.#links = links;
    this.#clock = clock;
  }

  /** Marks interface `name` for comparison. */
  mark(name: string): void {
    this.#names.add(name);
  }

  /** Marks the unreachable routes to be set again. */
  markRoutes(): void {
    this.#routes = true;
  }

  /**
   * Compares every marked interface with the lease through `target`, once,
   * and clears the marks. An interface that is down or gone is compared
   * with no addresses (the target decides what that means); one whose
   * addresses cannot be read is skipped (logged by the link table). True
   * when what `status` shows changed.
   */
  async run(target: RecheckTarget): Promise<boolean> {
    if (this.#routes) {
      this.#routes = false;
      await target.refreshRoutes(this.#clock.monotonic());
    }
    let changed = false;
    for (const name of [...this.#names]) {
      this.#names.delete(name);
      const link = this.#links.get(name);
      const addresses = link?.up ? await this.#links.addresses(name) : [];
      if (addresses === undefined) continue;
      const present = new Set(addresses.map((a) => a.address));
      const dadFailed = (address: string) =>
        link !== undefined && (this.#links.dadFailed?.(link.index, address) ?? false);
      const iface = { name, link, present, dadFailed };
      if (await target.reconcile(iface, this.#clock.monotonic())) changed = true;
    }
    return changed;
  }
}
