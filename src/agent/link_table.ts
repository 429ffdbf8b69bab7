/**
 * The kernel's interfaces as the agent last heard of them, and what the
 * rtnetlink monitor's events mean for the runtimes: carrier changes,
 * interfaces that appeared, came back or went away, link-local addresses
 * (whether a link is usable, RFC 4862 §5.4), and the duplicate address
 * detection outcome of leased addresses (RFC 9915 §18.2.10.1: a failure leads
 * to a Decline, §18.2.8), and the global addresses the kernel removed, which
 * the runtimes compare with their leases (an address someone deleted is put
 * back). This is the file to open for "what happened to this address": each
 * event is turned into news, once. After lost notifications (ENOBUFS) the
 * table is read again and what changed meanwhile is told as news too.
 * @module
 */
import { errorText } from "./errors.ts";
import { downstreamNeedsRefresh } from "./downstream_refresh.ts";
import { type AddressReport, isLinkLocal } from "./link_readiness.ts";
import type { InterfaceAddress, LinkInfo, Logger, NetConfig, NetEvent } from "./ports.ts";

/** What an rtnetlink event means, addressed to whoever owns the interface. */
export type LinkNews =
  /** An interface's carrier changed (or it was reported again): `up && carrier`. */
  | { readonly type: "carrier"; readonly name: string; readonly carrier: boolean }
  /** An interface is new, came back, or changed its MAC: LAN addresses on it are made again. */
  | { readonly type: "link-changed"; readonly name: string }
  /** An interface went away: no carrier, no addresses. */
  | { readonly type: "link-removed"; readonly name: string }
  /** A link-local address of `index` changed: it decides whether the link is usable. */
  | { readonly type: "link-local"; readonly index: number; readonly report: AddressReport }
  /** Duplicate address detection finished well on an address that was tentative. */
  | { readonly type: "address-ready"; readonly index: number; readonly address: string }
  /** Duplicate address detection failed on an address (reported once per failure). */
  | { readonly type: "address-dad-failed"; readonly index: number; readonly address: string }
  /** A global address left interface `name` (RTM_DELADDR): whose lease holds it puts it back. */
  | { readonly type: "address-removed"; readonly name: string; readonly address: string }
  /** Notifications were lost: every owner re-reads its interfaces. */
  | { readonly type: "resync" };

/** The interface list and the DAD bookkeeping, fed by rtnetlink. */
export class LinkTable {
  readonly #net: NetConfig;
  readonly #logger: Logger;
  readonly #links = new Map<string, LinkInfo>();
  /** DAD failures already reported ("ifindex address"). */
  readonly #dadReported = new Set<string>();
  /** Addresses seen tentative, whose DAD outcome is still to come ("ifindex address"). */
  readonly #dadPending = new Set<string>();

  /** An empty table; `refresh` fills it from the kernel. */
  constructor(net: NetConfig, logger: Logger) {
    this.#net = net;
    this.#logger = logger;
  }

  /** The interface called `name`, as last reported. */
  get(name: string): LinkInfo | undefined {
    return this.#links.get(name);
  }

  /** The name of the interface with kernel index `index`, as last reported. */
  nameOf(index: number): string | undefined {
    for (const link of this.#links.values()) if (link.index === index) return link.name;
    return undefined;
  }

  /**
   * Whether duplicate address detection failed for `address` on interface
   * `index` and the address was not added again since: such an address is
   * not put back (the kernel would only fail it again).
   */
  dadFailed(index: number, address: string): boolean {
    return this.#dadReported.has(`${index} ${address}`);
  }

  /**
   * Re-reads every interface from the kernel (at start, and after lost
   * notifications) and says what changed since the table was last told:
   * interfaces gone, new, re-created or changed, and every carrier.
   */
  async refresh(): Promise<LinkNews[]> {
    let links: LinkInfo[];
    try {
      links = await this.#net.links();
    } catch (error) {
      this.#logger.log("error", `reading interfaces failed: ${errorText(error)}`);
      return [];
    }
    const news: LinkNews[] = [];
    const names = new Set(links.map((l) => l.name));
    for (const name of [...this.#links.keys()]) {
      if (names.has(name)) continue;
      this.#links.delete(name);
      news.push({ type: "link-removed", name });
    }
    for (const link of links) news.push(...this.#linkNews(link));
    return news;
  }

  #linkNews(link: LinkInfo): LinkNews[] {
    const previous = this.#links.get(link.name);
    this.#links.set(link.name, link);
    const news: LinkNews[] = [{
      type: "carrier",
      name: link.name,
      carrier: link.up && link.carrier,
    }];
    if (downstreamNeedsRefresh(previous, link)) {
      news.push({ type: "link-changed", name: link.name });
    }
    return news;
  }

  /**
   * The IPv6 addresses of `name` now, [] when it does not exist, undefined
   * (logged) when they could not be read.
   */
  async addresses(name: string): Promise<InterfaceAddress[] | undefined> {
    const link = this.#links.get(name);
    if (link === undefined) return [];
    try {
      return await this.#net.addresses(link.index);
    } catch (error) {
      this.#logger.log("warn", `${name}: reading its addresses failed: ${errorText(error)}`);
      return undefined;
    }
  }

  /** Folds one rtnetlink event in and says what it means. */
  handle(event: NetEvent): LinkNews[] {
    if (event.type === "link") return this.#linkNews(event.link);
    if (event.type === "link-removed") {
      this.#links.delete(event.name);
      return [{ type: "link-removed", name: event.name }];
    }
    if (event.type === "resync") return [{ type: "resync" }];
    if (isLinkLocal(event.address)) {
      return [{ type: "link-local", index: event.interfaceIndex, report: event }];
    }
    const news = this.#dadOutcome(event);
    const name = event.removed ? this.nameOf(event.interfaceIndex) : undefined;
    if (name !== undefined) news.push({ type: "address-removed", name, address: event.address });
    return news;
  }

  /**
   * A global address's DAD outcome (RFC 4862 §5.4): ready when it was seen
   * tentative and no longer is; failed once, though the kernel may report one
   * failure twice (flagged, then removed).
   */
  #dadOutcome(event: Extract<NetEvent, { type: "address" }>): LinkNews[] {
    const key = `${event.interfaceIndex} ${event.address}`;
    if (!event.dadFailed) {
      if (event.removed) {
        this.#dadPending.delete(key);
        return [];
      }
      this.#dadReported.delete(key);
      if (event.tentative) {
        this.#dadPending.add(key);
        return [];
      }
      if (!this.#dadPending.delete(key)) return [];
      return [{ type: "address-ready", index: event.interfaceIndex, address: event.address }];
    }
    this.#dadPending.delete(key);
    if (this.#dadReported.has(key)) return [];
    this.#dadReported.add(key);
    return [{ type: "address-dad-failed", index: event.interfaceIndex, address: event.address }];
  }
}
