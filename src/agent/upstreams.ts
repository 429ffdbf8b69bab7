/**
 * Every upstream runtime of the agent, behind the one DHCPv6 client socket
 * they share (UDP 546, RFC 9915 §7.2): datagrams go to the runtime of the
 * interface they arrived on, link news to the runtime it concerns, timers and
 * drains to each. This is the first place to open for "why was this datagram
 * dropped": here it is dropped when it arrived on an interface that is not
 * one of ours; every other datagram goes to the engine, which counts each
 * drop by reason (`src/dhcp6/client/`, shown by `edge6 status`).
 * @module
 */
import type { ClientCommand, ClientConfig } from "../dhcp6/client/types.ts";
import type { InterfaceConfig } from "../config/types.ts";
import { errorText } from "./errors.ts";
import type { LinkNews, LinkTable } from "./link_table.ts";
import type { Transport } from "./ports.ts";
import { type InterfaceStatus, UpstreamPorts, UpstreamRuntime } from "./upstream_runtime.ts";

/** Most datagrams read in one wake-up, so that a flood cannot starve timers and signals. */
const MAX_DATAGRAMS_PER_WAKE = 1000;

/** The upstream runtimes, by interface name. */
export class Upstreams {
  readonly #ports: UpstreamPorts;
  readonly #transport: Transport;
  readonly #links: LinkTable;
  readonly #clientConfig: (iface: InterfaceConfig) => ClientConfig;
  readonly #runtimes = new Map<string, UpstreamRuntime>();

  /**
   * An empty set. `clientConfig` turns an interface's configuration into
   * its engine's (with `-n` applied).
   */
  constructor(
    ports: UpstreamPorts,
    transport: Transport,
    links: LinkTable,
    clientConfig: (iface: InterfaceConfig) => ClientConfig,
  ) {
    this.#ports = ports;
    this.#transport = transport;
    this.#links = links;
    this.#clientConfig = clientConfig;
  }

  /** The runtime of `name`, if it runs. */
  get(name: string): UpstreamRuntime | undefined {
    return this.#runtimes.get(name);
  }

  /** Every runtime, in the order they were started. */
  all(): UpstreamRuntime[] {
    return [...this.#runtimes.values()];
  }

  /** Whether every runtime's engine has stopped. */
  allStopped(): boolean {
    return this.all().every((r) => r.stopped);
  }

  /** Makes and starts the runtime of `iface`. */
  async start(iface: InterfaceConfig): Promise<void> {
    const runtime = new UpstreamRuntime(iface, this.#clientConfig(iface), this.#ports);
    this.#runtimes.set(iface.name, runtime);
    await runtime.start();
  }

  /**
   * Stops `name`'s engine (it releases as configured) and then calls `after`,
   * once the engine has stopped; the runtime is forgotten first.
   */
  stop(name: string, now: number, after?: () => Promise<void>): void {
    const runtime = this.#runtimes.get(name);
    if (runtime === undefined) return;
    runtime.afterStop = async () => {
      this.#runtimes.delete(name);
      if (after !== undefined) await after();
    };
    runtime.command(now, "stop");
  }

  /** Stops every running engine, keeping the runtimes until the agent exits. */
  stopAll(now: number): void {
    for (const runtime of this.#runtimes.values()) {
      if (!runtime.stopped) runtime.command(now, "stop");
    }
  }

  /**
   * Runs an operator's command on one interface or all of them; the names it
   * ran on, empty when none runs.
   */
  command(now: number, command: ClientCommand, only?: string): string[] {
    const targets = this.all().filter((r) => !r.stopped && (only === undefined || r.name === only));
    for (const runtime of targets) runtime.command(now, command);
    return targets.map((r) => r.name);
  }

  /** The engine configuration the runtime of `iface` would get (for reloads). */
  clientConfig(iface: InterfaceConfig): ClientConfig {
    return this.#clientConfig(iface);
  }

  /** Reads the datagrams waiting on the socket and hands each to its interface's runtime. */
  receive(now: number): void {
    for (let i = 0; i < MAX_DATAGRAMS_PER_WAKE; i++) {
      let datagram;
      try {
        datagram = this.#transport.receive();
      } catch (error) {
        this.#ports.logger.log("warn", `receiving failed: ${errorText(error)}`);
        return;
      }
      if (datagram === undefined) return;
      const runtime = this.#byIndex(datagram.interfaceIndex);
      if (runtime === undefined) continue; // not one of our upstream interfaces
      runtime.handleDatagram(now, datagram);
    }
  }

  /** Hands one piece of link news to the runtimes it concerns. */
  async handleNews(news: LinkNews, now: number): Promise<void> {
    switch (news.type) {
      case "carrier":
        this.#runtimes.get(news.name)?.linkInput(
          { type: "carrier", carrier: news.carrier },
          now,
        );
        return;
      case "link-changed":
        for (const r of this.all()) {
          if (r.isDownstream(news.name)) await r.refreshDownstream(news.name, now);
        }
        // An upstream interface that is new, re-created or back up: its lease goes back in.
        this.#runtimes.get(news.name)?.recheck(news.name);
        return;
      case "link-removed": {
        const runtime = this.#runtimes.get(news.name);
        if (runtime !== undefined && !runtime.stopped) {
          this.#ports.logger.log(
            "notice",
            `${news.name}: interface removed; the lease is kept, and checked with the server ` +
              "when it returns (RFC 9915 §18.2.12)",
          );
        }
        runtime?.linkInput({ type: "carrier", carrier: false }, now);
        runtime?.linkInput({ type: "addresses", reports: [] }, now);
        // A downstream interface gone took its LAN addresses along: status says so.
        for (const r of this.all()) r.recheck(news.name);
        return;
      }
      case "address-removed":
        // Someone else's removal (the agent forgets its own first): put back what a lease holds.
        for (const r of this.all()) {
          if (r.holds(news.name, news.address)) r.recheck(news.name);
        }
        return;
      case "resync":
        for (const r of this.all()) {
          await r.resyncLink(now);
          r.recheckAll();
        }
        return;
      case "link-local": {
        // The upstream's own link-local address: the link is usable once it is
        // past DAD. It is never a leased address, so the engine hears only of the link.
        const owner = this.#byIndex(news.index);
        if (owner === undefined) return;
        if (news.report.dadFailed && news.report.removed !== true) {
          this.#ports.logger.log(
            "warn",
            `${owner.name}: duplicate address detected on its link-local address ${news.report.address}; DHCPv6 cannot send on it`,
          );
        }
        owner.linkInput({ type: "address", report: news.report }, now);
        return;
      }
      case "address-ready":
        // Tentative before, not now: DAD completed (RFC 4862 §5.4; RFC 9915 §18.2.10.1).
        this.#byIndex(news.index)?.handleAddressEvent(now, news.address, "ready");
        return;
      case "address-dad-failed": {
        const runtime = this.#byIndex(news.index);
        if (runtime === undefined) return;
        this.#ports.logger.log(
          "warn",
          `${runtime.name}: duplicate address detected on ${news.address}`,
        );
        runtime.handleAddressEvent(now, news.address, "dad-failed");
        return;
      }
    }
  }

  /** Drains every runtime (actions, then transmits). */
  async drain(): Promise<void> {
    for (const runtime of this.all()) await runtime.drain();
  }

  /** The earliest engine timer, if any. */
  earliestTimeout(): number | undefined {
    let earliest: number | undefined;
    for (const runtime of this.#runtimes.values()) {
      const t = runtime.pollTimeout();
      if (t !== undefined && (earliest === undefined || t < earliest)) earliest = t;
    }
    return earliest;
  }

  /** Fires every timer that is due. */
  fireTimers(now: number): void {
    for (const runtime of this.#runtimes.values()) runtime.fireTimer(now);
  }

  /** Every runtime's status, in the order of `order` (configured order), then the rest. */
  statuses(now: number, order: readonly string[]): InterfaceStatus[] {
    const rank = (name: string) => {
      const i = order.indexOf(name);
      return i < 0 ? order.length : i;
    };
    return this.all().sort((a, b) => rank(a.name) - rank(b.name)).map((r) => r.status(now));
  }

  /** The runtime whose interface has kernel index `index` now. */
  #byIndex(index: number): UpstreamRuntime | undefined {
    for (const runtime of this.#runtimes.values()) {
      if (this.#links.get(runtime.name)?.index === index) return runtime;
    }
    return undefined;
  }
}
