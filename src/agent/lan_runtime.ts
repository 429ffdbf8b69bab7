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
import type { LanConfig, LanDnsSource } from "../config/lan.ts";
import type { LanAssignment } from "../hooks/lan_assignment.ts";
import type { LanStatus } from "../hooks/lan_status.ts";
import { StatelessServer } from "../dhcp6/server/stateless_server.ts";
import { type DefaultRouterVerdict, RaEngine } from "../ra/engine.ts";
import { decodeNdMessage } from "../ra/nd_codec.ts";
import type { LanSubnet, PrefixRecord, RaSettings } from "../ra/types.ts";
import type { Clock } from "./clock.ts";
import { errorText } from "./errors.ts";
import { INFINITY } from "./lifetimes.ts";
import { type LinkReadiness, nextLinkReadiness } from "./link_readiness.ts";
import type { LinkNews, LinkTable } from "./link_table.ts";
import { lanPrefixFile, loadLanPrefixes, saveLanPrefixes } from "./lan_prefix_store.ts";
import type { Logger } from "./ports.ts";
import type { LanRuntime } from "./lan_runtimes.ts";
import { NO_UPSTREAM, type UpstreamView } from "./upstream_view.ts";

/**
 * Most messages read from one socket in one wake-up: a flood on a LAN link
 * cannot hold the loop away from timers, signals and the other sockets (the
 * rest stays queued, and poll(2) reports the socket again).
 */
export const MAX_MESSAGES_PER_WAKE = 1000;

/** The raw ICMPv6 socket of one LAN interface (ffi/icmp6_socket.ts). */
export interface RaSocket {
  /** The descriptor to poll. */
  readonly fd: number;
  /** Sends one ICMPv6 message from `source`. */
  send(bytes: Uint8Array, destination: string, source: string): void;
  /** The next received message, or undefined. */
  receive(): { data: Uint8Array; source: string; hopLimit: number | undefined } | undefined;
  /** Closes it. */
  close(): void;
}

/** The UDP socket on port 547 of one LAN interface (ffi/udp6_socket.ts). */
export interface ServerSocket {
  /** The descriptor to poll. */
  readonly fd: number;
  /** Sends `bytes` to `destination`:`port` out of the interface. */
  send(bytes: Uint8Array, destination: string, port: number): void;
  /** The next received datagram, or undefined. */
  receive(): { bytes: Uint8Array; source: string; port: number; destination?: string } | undefined;
  /** Closes it. */
  close(): void;
}

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
  readonly #server = new StatelessServer();
  #ra: RaSocket | undefined;
  #dhcp: ServerSocket | undefined;
  #routes: RouteWatchPort | undefined;
  #ifindex: number | undefined;
  #link: LinkReadiness = { carrier: false, linkLocals: [], up: false };
  #upstream: UpstreamView = NO_UPSTREAM;
  #subnets: readonly LanAssignment[] = [];
  #problem: string | undefined;
  #serverProblem: string | undefined;
  #needLink = true;
  #needRouterCheck = true;
  #defaultRoute = false;
  #stopped = false;
  #closed = false;
  /** Send errors already logged, by text, until a send works again. */
  readonly #sendErrors = new Set<string>();
  /** Records waiting to be written. */
  #toSave: PrefixRecord[] | undefined;
  /** The link-local address RAs go out from, once usable. */
  #source: string | undefined;

  /** A runtime for `lan`; nothing is opened until `start`. */
  constructor(lan: LanConfig, ports: LanPorts) {
    this.name = lan.name;
    this.#lan = lan;
    this.#ports = ports;
  }

  /** Reads the saved stale list, makes the engine, opens the sockets if the interface exists. */
  start(now: number): void {
    const { clock } = this.#ports;
    let saved: PrefixRecord[] = [];
    const file = lanPrefixFile(this.#ports.stateDir(), this.name);
    try {
      saved = loadLanPrefixes(file, now, clock.wall());
    } catch (error) {
      this.#log("warn", `${this.name}: ignoring ${file}: ${errorText(error)}`);
    }
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
    return [this.#ra?.fd, this.#dhcp?.fd, this.#routes?.fd].filter((fd): fd is number =>
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
      if (fd === this.#ra?.fd) this.#readNd(now);
      else if (fd === this.#dhcp?.fd) this.#readDhcp(now);
      else if (fd === this.#routes?.fd && this.#routes.drain()) this.#needRouterCheck = true;
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
    this.#send(engine);
    for (let a = engine.pollAction(); a; a = engine.pollAction()) {
      if (a.type === "log") this.#log(a.level, a.message);
      else this.#toSave = [...a.records];
    }
    if (this.#toSave !== undefined) {
      const records = this.#toSave;
      this.#toSave = undefined;
      const file = lanPrefixFile(this.#ports.stateDir(), this.name);
      try {
        await saveLanPrefixes(
          file,
          this.name,
          records,
          this.#ports.clock.monotonic(),
          this.#ports.clock.wall(),
        );
      } catch (error) {
        this.#log(
          "error",
          `${this.name}: saving the stale list to ${file} failed: ${errorText(error)}`,
        );
      }
    }
  }

  /** The agent stops: final RAs with router lifetime 0 (RFC 4861 §6.2.5). */
  stop(now: number): void {
    this.#stopped = true;
    this.#engine?.stop(now);
    this.#send(this.#engine);
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
    const problem = this.#problem ?? this.#serverProblem;
    return {
      name: this.name,
      ...(this.#lan.routerAdvertisements && this.#engine !== undefined
        ? { ra: this.#engine.status(now) }
        : {}),
      ...(this.#lan.dhcpv6Server === "stateless"
        ? { server: { running: this.#dhcp !== undefined, counters: this.#server.counters() } }
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
    if (this.#lan.dhcpv6Server === "stateless" && this.#dhcp === undefined) {
      try {
        this.#dhcp = this.#ports.openServerSocket(this.name, link.index);
        this.#serverProblem = undefined;
      } catch (error) {
        const busy = errorText(error).includes("EADDRINUSE");
        this.#serverProblem = `no DHCPv6 server: ${errorText(error)}`;
        this.#log(
          "error",
          `${this.name}: cannot serve DHCPv6 on port 547: ${errorText(error)}` +
            (busy ? " (another DHCPv6 server, such as dnsmasq or odhcpd, holds the port)" : ""),
        );
      }
    }
  }

  #detach(): void {
    this.#ra?.close();
    this.#dhcp?.close();
    this.#ra = undefined;
    this.#dhcp = undefined;
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
    const dns = this.#dnsData();
    engine.setDns(now, { servers: dns.servers, domains: dns.domains, until: dns.until });
  }

  /** The DNS servers and domains this LAN hands out, and until when (`dns`, `domains`). */
  #dnsData(): { servers: string[]; domains: string[]; until: number } {
    const u = this.#upstream;
    const pick = (source: LanDnsSource, upstream: readonly string[]) =>
      source === "upstream" ? [...upstream] : source === "none" ? [] : [...source];
    const fromUpstream = this.#lan.dns === "upstream" || this.#lan.domains === "upstream";
    return {
      servers: pick(this.#lan.dns, u.dnsServers),
      domains: pick(this.#lan.domains, u.domains),
      until: fromUpstream ? u.until : Infinity,
    };
  }

  /** Why the router lifetime must be 0 now (RFC 7084 G-4, G-5), or undefined. */
  #verdict(): DefaultRouterVerdict {
    if (this.#lan.routerLifetime === 0) return "router_lifetime = 0 in the configuration";
    if (!this.#upstream.leased) return "no upstream lease";
    if (!this.#defaultRoute) return "no IPv6 default route";
    const forwarding = this.#ports.forwarding();
    if (forwarding === false) {
      if (!this.#ports.once.has("forwarding")) {
        this.#ports.once.add("forwarding");
        this.#log(
          "warn",
          "net.ipv6.conf.all.forwarding is 0: this host does not route, so the LAN is told it is no default router (router lifetime 0); edge6 does not change sysctls, set it to 1",
        );
      }
      return "net.ipv6.conf.all.forwarding is 0";
    }
    return undefined;
  }

  /** Sends every RA the engine has due now. */
  #send(engine: RaEngine | undefined): void {
    if (engine === undefined) return;
    const now = this.#ports.clock.monotonic();
    for (let t = engine.pollTransmit(now); t; t = engine.pollTransmit(now)) {
      const ra = this.#ra;
      const source = this.#source;
      if (ra === undefined || source === undefined) continue;
      for (const bytes of t.messages) {
        try {
          ra.send(bytes, t.destination, source);
          this.#sendErrors.clear();
        } catch (error) {
          const text = errorText(error);
          if (!this.#sendErrors.has(text)) {
            this.#sendErrors.add(text);
            this.#log("warn", `${this.name}: sending a Router Advertisement failed: ${text}`);
          }
          this.#needLink = true;
        }
      }
    }
  }

  /** Reads the queued RSs and RAs, a bounded number a wake-up (RFC 4861 §6.1 checks, then the engine). */
  #readNd(now: number): void {
    const engine = this.#engine;
    for (let i = 0; i < MAX_MESSAGES_PER_WAKE; i++) {
      const m = this.#ra?.receive();
      if (m === undefined) return;
      if (engine === undefined || this.#stopped) continue;
      const decoded = decodeNdMessage(m.data, m.source, m.hopLimit);
      if (!decoded.ok) {
        engine.countDrop(decoded.reason);
        continue;
      }
      if (decoded.message.type === "rs") engine.handleSolicit(now, m.source);
      else if (!(this.#link.linkLocals ?? []).includes(m.source)) {
        engine.handleAdvertisement(now, m.source, decoded.message.advertisement);
      }
    }
  }

  /** Reads the queued DHCPv6 datagrams, a bounded number a wake-up, and answers them (RFC 9915 §18.3.6). */
  #readDhcp(now: number): void {
    const socket = this.#dhcp;
    if (socket === undefined) return;
    const dns = this.#dnsData();
    const u = this.#upstream;
    const data = {
      duid: this.#ports.duid,
      dnsServers: dns.until > now ? dns.servers : [],
      domains: dns.until > now ? dns.domains : [],
      sntpServers: u.until > now ? u.sntpServers : [],
      ntpServers: u.until > now ? u.ntpServers : [],
      validFor: dns.until === Infinity ? Infinity : Math.max(0, (dns.until - now) / 1000),
    };
    const debug = this.#ports.logger.enabled?.("debug") ?? true;
    for (let i = 0; i < MAX_MESSAGES_PER_WAKE; i++) {
      const d = socket.receive();
      if (d === undefined) return;
      const outcome = this.#server.handle(
        {
          bytes: d.bytes,
          source: d.source,
          ...(d.destination === undefined ? {} : { destination: d.destination }),
        },
        data,
        now,
      );
      if (outcome.type === "drop") {
        // No text for a line that is not printed: a flood of junk costs a counter.
        if (debug) {
          this.#log(
            "debug",
            `${this.name}: DHCPv6 message from ${d.source} dropped: ${outcome.reason}`,
          );
        }
        continue;
      }
      try {
        socket.send(outcome.bytes, d.source, d.port);
        this.#log("debug", `${this.name}: ${outcome.message} sent to ${d.source}`);
      } catch (error) {
        this.#log(
          "warn",
          `${this.name}: sending a DHCPv6 ${outcome.message} to ${d.source} failed: ${
            errorText(error)
          }`,
        );
      }
    }
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
