/**
 * One LAN interface at run time: its pure RA engine (`src/ra/`) and its
 * stateless DHCPv6 server (`src/dhcp6/server/`), the sockets bound to the
 * interface (a raw ICMPv6 socket, UDP port 547), the stale list on disk
 * (RFC 9096 §3.5), and the checks that decide the router lifetime: an
 * upstream lease, a default route, forwarding on (RFC 7084 G-4, G-5). It is
 * fed the subnets, the upstream view and link news, and drained: RAs go out
 * in `drain`, so that a /64 withdrawn by the upstream side is advertised
 * stale before that side's Release is sent (RFC 9096; RFC 9915 §18.2.7).
 * @module
 */
import type { Config } from "../config/types.ts";
import type { LanConfig } from "../config/lan.ts";
import type { LanAssignment } from "../hooks/lan_assignment.ts";
import type { LanStatus } from "../hooks/lan_status.ts";
import { type DefaultRouterVerdict, RaEngine } from "../ra/engine.ts";
import type { LanSubnet, RaSettings } from "../ra/types.ts";
import type { Clock } from "./clock.ts";
import { errorText } from "./errors.ts";
import { INFINITY } from "./lifetimes.ts";
import { type LinkReadiness, nextLinkReadiness } from "./link_readiness.ts";
import type { LinkNews, LinkTable } from "./link_table.ts";
import { StaleListFile } from "./lan_prefix_store.ts";
import type { Logger } from "./ports.ts";
import type { LanRuntime } from "./lan_runtimes.ts";
import { lanDnsData, NO_UPSTREAM, serverData, type UpstreamView } from "./upstream_view.ts";
import { LanDhcpServer, type ServerSocket } from "./lan_dhcp_server.ts";
import { routerLifetimeVerdict } from "./router_lifetime.ts";
import { type RaSocket, readNeighborDiscovery, sendAdvertisements } from "./lan_nd_io.ts";

export type { RaSocket } from "./lan_nd_io.ts";
export { MAX_MESSAGES_PER_WAKE } from "./lan_nd_io.ts";

export type { ServerSocket } from "./lan_dhcp_server.ts";

/** Route change notifications (ffi/route_watch.ts). */
export interface RouteWatchPort {
  /** The descriptor to poll. */
  readonly fd: number;
  /** Reads what is queued; true when the routes may have changed. */
  drain(): boolean;
  /** Closes it. */
  close(): void;
}

/** What a LAN runtime needs from the outside world. */
export interface LanPorts {
  /** Monotonic time for the engine, wall time for the file. */
  readonly clock: Clock;
  /** Log lines. */
  readonly logger: Logger;
  /** Randomness for the RA schedule. */
  readonly random: () => number;
  /** The interfaces as last reported, and their addresses on demand. */
  readonly links: Pick<LinkTable, "get" | "addresses">;
  /** The state directory as configured now. */
  readonly stateDir: () => string;
  /** edge6's DUID: the stateless server's Server Identifier (RFC 9915 §11). */
  readonly duid: Uint8Array;
  /** Opens the interface's raw ICMPv6 socket. */
  readonly openRaSocket: (name: string, ifindex: number) => RaSocket;
  /** Opens the interface's DHCPv6 server socket, joined to ff02::1:2. */
  readonly openServerSocket: (name: string, ifindex: number) => ServerSocket;
  /** Opens a route change watch. */
  readonly openRouteWatch: () => RouteWatchPort;
  /** Whether the main table has an IPv6 default route (RFC 7084 G-4). */
  readonly hasDefaultRoute: () => Promise<boolean>;
  /** `net.ipv6.conf.all.forwarding`, or undefined when it cannot be read. */
  readonly forwarding: () => boolean | undefined;
  /** Shared by every LAN runtime: the forwarding warning is logged once per agent. */
  readonly once: Set<string>;
}

/** One LAN interface's runtime. */
export class LanInterfaceRuntime implements LanRuntime {
  /** The LAN interface. */
  readonly name: string;
  #lan: LanConfig;
  readonly #ports: LanPorts;
  #engine: RaEngine | undefined;
  readonly #dhcp: LanDhcpServer;
  #ra: RaSocket | undefined;
  #routes: RouteWatchPort | undefined;
  #ifindex: number | undefined;
  #link: LinkReadiness = { carrier: false, linkLocals: [], up: false };
  #upstream: UpstreamView = NO_UPSTREAM;
  #subnets: readonly LanAssignment[] = [];
  #problem: string | undefined;
  #needLink = true;
  #needRouterCheck = true;
  #defaultRoute = false;
  #stopped = false;
  #closed = false;
  /** Send errors already logged, by text, until a send works again. */
  readonly #sendErrors = new Set<string>();
  /** The stale list on disk (RFC 9096 §3.5). */
  readonly #staleList: StaleListFile;
  /** The link-local address RAs go out from, once usable. */
  #source: string | undefined;

  /** A runtime for `lan`; nothing is opened until `start`. */
  constructor(lan: LanConfig, ports: LanPorts) {
    this.name = lan.name;
    this.#lan = lan;
    this.#ports = ports;
    this.#dhcp = new LanDhcpServer(lan.name, ports.logger);
    this.#staleList = new StaleListFile(lan.name, ports.logger);
  }

  /** Reads the saved stale list, makes the engine, opens the sockets if the interface exists. */
  start(now: number): void {
    const { clock } = this.#ports;
    const saved = this.#staleList.load(this.#ports.stateDir(), now, clock.wall());
    this.#engine = new RaEngine({
      name: this.name,
      settings: settingsOf(this.#lan),
      random: this.#ports.random,
      saved,
      now,
    });
    try {
      this.#routes = this.#ports.openRouteWatch();
    } catch (error) {
      this.#log(
        "warn",
        `${this.name}: cannot watch routes (${
          errorText(error)
        }); the default route is checked at each RA`,
      );
    }
    this.#attach();
  }

  /** Takes this interface's new settings after a reload. */
  reconfigure(config: Config, now: number): void {
    const next = config.lan?.find((l) => l.name === this.name);
    if (next === undefined) return;
    const before = this.#lan;
    this.#lan = next;
    this.#engine?.setSettings(now, settingsOf(next));
    if (
      before.routerAdvertisements !== next.routerAdvertisements ||
      before.dhcpv6Server !== next.dhcpv6Server
    ) {
      this.#detach();
      this.#attach();
    }
    this.#feedEngine(now);
  }

  /** Descriptors to poll. */
  fds(): readonly number[] {
    return [this.#ra?.fd, this.#dhcp.fd, this.#routes?.fd].filter((fd): fd is number =>
      fd !== undefined
    );
  }

  /** The subnets of this interface and the upstream view, as in force now. */
  update(subnets: readonly LanAssignment[], upstream: UpstreamView, now: number): void {
    this.#subnets = subnets;
    const leasedBefore = this.#upstream.leased;
    this.#upstream = upstream;
    if (leasedBefore !== upstream.leased) this.#needRouterCheck = true;
    this.#feedEngine(now);
    // The lease's news is the router lifetime's news: decide it before the RA of this change goes out.
    this.#engine?.setDefaultRouter(now, this.#verdict());
  }

  /** Link news: carrier, link-local addresses, the interface coming and going. */
  handleNews(news: LinkNews, now: number): void {
    switch (news.type) {
      case "carrier":
        if (news.name !== this.name) return;
        if (this.#ifindex === undefined) this.#attach();
        this.#linkInput(now, { type: "carrier", carrier: news.carrier });
        return;
      case "link-changed":
        if (news.name !== this.name) return;
        if (this.#ports.links.get(this.name)?.index !== this.#ifindex) {
          this.#detach();
          this.#attach();
        }
        this.#needLink = true;
        return;
      case "link-removed":
        if (news.name !== this.name) return;
        this.#detach();
        this.#link = { carrier: false, linkLocals: [], up: false };
        this.#source = undefined;
        this.#engine?.setSource(now, undefined);
        return;
      case "link-local":
        if (news.index !== this.#ifindex) return;
        this.#linkInput(now, { type: "address", report: news.report });
        return;
      case "resync":
        this.#needLink = true;
        this.#needRouterCheck = true;
        return;
      default:
        return;
    }
  }

  /** Reads what arrived on `fd`. */
  handleReadable(fd: number, now: number): void {
    try {
      if (fd === this.#ra?.fd) {
        readNeighborDiscovery(this.#ra, this.#stopped ? undefined : this.#engine, this.#link, now);
      } else if (fd === this.#dhcp.fd) {
        this.#dhcp.read(serverData(this.#ports.duid, this.#lan, this.#upstream, now), now);
      } else if (fd === this.#routes?.fd && this.#routes.drain()) this.#needRouterCheck = true;
    } catch (error) {
      this.#log("warn", `${this.name}: reading a socket failed: ${errorText(error)}`);
    }
  }

  /** The engine's next timer. */
  pollTimeout(): number | undefined {
    return this.#engine?.pollTimeout();
  }

  /** The engine's timer is due. */
  handleTimeout(now: number): void {
    this.#engine?.handleTimeout(now);
    // An RA may be due: its router lifetime must reflect forwarding and the default route now.
    this.#needRouterCheck = true;
  }

  /** Carries out what was decided: link and route checks, saves, RAs. */
  async drain(): Promise<void> {
    const engine = this.#engine;
    if (engine === undefined) return;
    if (this.#needLink) {
      this.#needLink = false;
      const link = this.#ports.links.get(this.name);
      const carrier = link !== undefined && link.up && link.carrier;
      this.#linkInput(this.#ports.clock.monotonic(), { type: "carrier", carrier });
      const addresses = await this.#ports.links.addresses(this.name);
      if (addresses !== undefined) {
        this.#linkInput(this.#ports.clock.monotonic(), { type: "addresses", reports: addresses });
      }
    }
    if (this.#needRouterCheck && this.#ra !== undefined) {
      this.#needRouterCheck = false;
      try {
        this.#defaultRoute = await this.#ports.hasDefaultRoute();
      } catch (error) {
        this.#log("warn", `${this.name}: reading the routes failed: ${errorText(error)}`);
      }
      engine.setDefaultRouter(this.#ports.clock.monotonic(), this.#verdict());
    }
    this.#send();
    for (let a = engine.pollAction(); a; a = engine.pollAction()) {
      if (a.type === "log") this.#log(a.level, a.message);
      else this.#staleList.queue(a.records);
    }
    const { clock } = this.#ports;
    await this.#staleList.flush(this.#ports.stateDir(), clock.monotonic(), clock.wall());
  }

  /** The agent stops: final RAs with router lifetime 0 (RFC 4861 §6.2.5). */
  stop(now: number): void {
    this.#stopped = true;
    this.#engine?.stop(now);
    this.#send();
  }

  /** Closes every descriptor. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#detach();
    this.#routes?.close();
    this.#routes = undefined;
  }

  /** The runtime's state for `edge6 status`. */
  status(now: number): LanStatus {
    const problem = this.#problem ?? this.#dhcp.problem;
    return {
      name: this.name,
      ...(this.#lan.routerAdvertisements && this.#engine !== undefined
        ? { ra: this.#engine.status(now) }
        : {}),
      ...(this.#lan.dhcpv6Server === "stateless"
        ? { server: { running: this.#dhcp.running, counters: this.#dhcp.counters() } }
        : {}),
      ...(problem === undefined ? {} : { problem }),
    };
  }

  // ---- internals ------------------------------------------------------------

  /** Opens the sockets when the interface exists. */
  #attach(): void {
    if (this.#closed) return;
    const link = this.#ports.links.get(this.name);
    if (link === undefined) {
      if (this.#problem === undefined) {
        this.#log("warn", `${this.name}: no such interface yet; the LAN side waits for it`);
      }
      this.#problem = "no such interface";
      return;
    }
    this.#problem = undefined;
    this.#ifindex = link.index;
    this.#needLink = true;
    if (this.#lan.routerAdvertisements && this.#ra === undefined) {
      try {
        this.#ra = this.#ports.openRaSocket(this.name, link.index);
      } catch (error) {
        this.#problem = `no RA socket: ${errorText(error)}`;
        this.#log("error", `${this.name}: cannot open the ICMPv6 socket: ${errorText(error)}`);
      }
    }
    if (this.#lan.dhcpv6Server === "stateless") {
      this.#dhcp.open(() => this.#ports.openServerSocket(this.name, link.index));
    }
  }

  #detach(): void {
    this.#ra?.close();
    this.#dhcp.close();
    this.#ra = undefined;
    this.#ifindex = undefined;
  }

  #linkInput(now: number, input: Parameters<typeof nextLinkReadiness>[1]): void {
    this.#link = nextLinkReadiness(this.#link, input).state;
    const usable = this.#link.up ? this.#link.linkLocals?.[0] : undefined;
    const source = this.#ra === undefined ? undefined : usable;
    const mac = this.#ports.links.get(this.name)?.mac;
    if (source === this.#source) return;
    this.#source = source;
    this.#engine?.setSource(now, source, mac);
  }

  /** Hands the engine the subnets and DNS data of the current feed. */
  #feedEngine(now: number): void {
    const engine = this.#engine;
    if (engine === undefined) return;
    engine.setSubnets(now, this.#subnets.map(toLanSubnet));
    const dns = lanDnsData(this.#lan, this.#upstream);
    engine.setDns(now, { servers: dns.servers, domains: dns.domains, until: dns.until });
  }

  /** Why the router lifetime must be 0 now (RFC 7084 G-4, G-5), or undefined. */
  #verdict(): DefaultRouterVerdict {
    const facts = {
      configured: this.#lan.routerLifetime,
      leased: this.#upstream.leased,
      defaultRoute: this.#defaultRoute,
      forwarding: this.#ports.forwarding(),
    };
    return routerLifetimeVerdict(facts, () => {
      if (this.#ports.once.has("forwarding")) return;
      this.#ports.once.add("forwarding");
      this.#log(
        "warn",
        "net.ipv6.conf.all.forwarding is 0: this host does not route, so the LAN is told it is no default router (router lifetime 0); edge6 does not change sysctls, set it to 1",
      );
    });
  }

  /** Sends every RA the engine has due now; a failing send makes the link be read again. */
  #send(): void {
    const engine = this.#engine;
    if (engine === undefined) return;
    const failed = sendAdvertisements(
      engine,
      this.#ra,
      this.#source,
      this.#ports.clock.monotonic(),
      {
        name: this.name,
        logger: this.#ports.logger,
        errors: this.#sendErrors,
      },
    );
    if (failed) this.#needLink = true;
  }

  #log(level: "error" | "warn" | "notice" | "info" | "debug", message: string): void {
    this.#ports.logger.log(level, message);
  }
}

/** The engine's settings from `[lan.NAME]`. */
export function settingsOf(lan: LanConfig): RaSettings {
  return {
    maxInterval: lan.maxInterval,
    minInterval: lan.minInterval,
    routerLifetime: lan.routerLifetime,
    managed: lan.managed,
    other: lan.other,
    ...(lan.mtu === undefined ? {} : { mtu: lan.mtu }),
  };
}

/** A LAN assignment as the engine takes it: deadlines from the delegated prefix's lifetimes. */
export function toLanSubnet(a: LanAssignment): LanSubnet {
  const l = a.lifetimes;
  const until = (s: number) => (s >= INFINITY ? Infinity : l!.receivedAt + s * 1000);
  return {
    prefix: a.prefix,
    prefixLength: a.prefixLength,
    ...(a.delegatedPrefix === undefined ? {} : { delegatedPrefix: a.delegatedPrefix }),
    // Without lifetimes (never from the installer) the subnet is treated as already over.
    preferredUntil: l === undefined ? 0 : until(l.preferred),
    validUntil: l === undefined ? 0 : until(l.valid),
  };
}
