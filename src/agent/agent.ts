/**
 * The agent: the one event loop of the IO shell around the pure DHCPv6 client
 * engines (RFC 9915 §18), one engine per upstream interface. It waits in a
 * single poll(2) over the DHCPv6 socket and the rtnetlink monitor, for exactly
 * as long as the earliest engine timer allows, woken early by signals and
 * control requests. Every input goes to an engine; the engine's actions are
 * carried out in order, all of them before its transmits (the contract of
 * `src/dhcp6/client/types.ts`). A failed action is logged with its cause and
 * the loop goes on.
 * @module
 */
import type { Action, ClientConfig, ClientStatus, RandomSource } from "../dhcp6/client/types.ts";
import type { Config, InterfaceConfig } from "../config/types.ts";
import type { Clock } from "./clock.ts";
import type { Level } from "../log/level.ts";
import type { ControlRequest, ControlResponse } from "./control_protocol.ts";
import { type Delegation, errorText, LeaseInstaller } from "./lease_installer.ts";
import { deleteLease, loadLease, saveLease } from "./lease_store.ts";
import { unreachableRoute } from "./prefix_delegation.ts";
import { downstreamNeedsRefresh } from "./downstream_refresh.ts";
import {
  isLinkLocal,
  type LinkInput,
  type LinkReadiness,
  nextLinkReadiness,
} from "./link_readiness.ts";
import { writeFileAtomic } from "./atomic_write.ts";
import type { LanAssignment } from "../hooks/lan_assignment.ts";
import type {
  Engine,
  EngineFactory,
  HookPort,
  InterfaceAddress,
  LinkInfo,
  Logger,
  NetConfig,
  NetEvent,
  NetMonitor,
  Transport,
} from "./ports.ts";

/** The poll(2) wait the loop sleeps in (ffi/poll.ts's `Poller`). */
export interface Waiter {
  /**
   * Waits until one of `fds` is readable, `timeoutMs` passes (-1: no limit) or `wake` is called.
   */
  wait(
    fds: readonly number[],
    timeoutMs: number,
  ): Promise<{ readonly readable: ReadonlySet<number> }>;
  /** Interrupts the current or next wait. */
  wake(): void;
}

/** Which interfaces changed between two configurations. */
export interface ConfigChanges {
  /** Interfaces only the new configuration has: started on reload. */
  readonly added: readonly string[];
  /** Interfaces only the old configuration has: stopped (released unless -n) on reload. */
  readonly removed: readonly string[];
  /** Interfaces in both whose settings differ: updated in place where the engine can. */
  readonly changed: readonly string[];
}

/** The configuration module as the agent uses it. */
export interface ConfigPort {
  /** Loads and validates a file; throws an Error listing every problem. */
  load(path: string): Promise<Config>;
  /** The engine's configuration for one interface (RFC 9915 §18 knobs). */
  toClientConfig(iface: InterfaceConfig, duid: Uint8Array): ClientConfig;
  /** What differs between two configurations, by interface name. */
  diff(previous: Config, next: Config): ConfigChanges;
}

/** Everything the agent drives. */
export interface AgentDeps {
  /** Monotonic time for the engines and wall time for saved leases. */
  readonly clock: Clock;
  /** rtnetlink operations: addresses, unreachable routes, the interface list. */
  readonly net: NetConfig;
  /** The rtnetlink event socket: links, carrier, DAD results. */
  readonly monitor: NetMonitor;
  /** The DHCPv6 client socket, UDP port 546 (RFC 9915 §7.2). */
  readonly transport: Transport;
  /** The poll(2) the loop sleeps in. */
  readonly waiter: Waiter;
  /** Makes one pure client engine per upstream interface. */
  readonly engines: EngineFactory;
  /** Runs hook scripts after the kernel changes of an event. */
  readonly hooks: HookPort;
  /** Where every log line goes (stderr or syslog, as configured). */
  readonly logger: Logger;
  /** Randomness handed to the engines and to LAN interface identifiers. */
  readonly random: RandomSource;
  /** Loads and compares configurations, for start and reload. */
  readonly config: ConfigPort;
  /** The status document for `edge6 status --json` and the state file. */
  readonly statusJson: (statuses: readonly InterfaceStatus[]) => unknown;
}

/** How the agent was started (`edge6 run`'s options). */
export interface AgentOptions {
  /** The configuration file, read again on SIGHUP or `edge6 reload`. */
  readonly configPath: string;
  /** The configuration already loaded from `configPath` at start. */
  readonly config: Config;
  /** Interfaces named on the command line; empty means every configured one. */
  readonly only: readonly string[];
  /** `-n`: do not release on stop (dhcp6c's flag). */
  readonly noRelease: boolean;
  /** The client DUID (RFC 9915 §11), the same for every interface. */
  readonly duid: Uint8Array;
}

/** One interface's state for status output. */
export interface InterfaceStatus {
  /** The engine's view: state, leases, timers, options, counters. */
  readonly client: ClientStatus;
  /** The LAN subnets taken from delegated prefixes (RFC 7084 L-2), per downstream interface. */
  readonly downstream: readonly LanAssignment[];
}

/**
 * What the loop is asked to do from outside, by the signal handlers of
 * `run_agent.ts`: "stop" (SIGTERM/SIGINT: release as configured, unless -n, then exit),
 * "exit" (SIGUSR1: exit at once, leases kept) or "reload" (SIGHUP).
 */
export type Signal = "stop" | "exit" | "reload";

interface Runtime {
  config: InterfaceConfig;
  readonly engine: Engine;
  installer: LeaseInstaller;
  stopped: boolean;
  /**
   * Carrier and usable link-local addresses, and whether the engine was told
   * the link is up: only with both (RFC 4862 §5.4; RFC 9915 §18.2.12).
   */
  link: LinkReadiness;
  /** Called once the engine reports `stopped` (reload restarts, removal). */
  afterStop: (() => Promise<void>) | undefined;
  /** When (monotonic ms) the engine was last told the link is up, or the interface was started. */
  linkSince: number;
}

/**
 * How long after a link comes up a send may still fail because IPv6 on it is
 * not ready (the agent waits for a finished link-local address, but the
 * kernel's routes to ff02::1:2 may trail it, and addresses may be unreadable).
 */
const LINK_SETTLE_MS = 10_000;

/** The agent's event loop. */
export class Agent {
  readonly #deps: AgentDeps;
  readonly #options: AgentOptions;
  #config: Config;
  readonly #runtimes = new Map<string, Runtime>();
  readonly #links = new Map<string, LinkInfo>();
  readonly #signals: Signal[] = [];
  readonly #requests: { request: ControlRequest; done: (r: ControlResponse) => void }[] = [];
  readonly #hooksRunning = new Set<Promise<void>>();
  /** DAD failures already given to an engine ("ifindex address"). */
  readonly #dadReported = new Set<string>();
  /** Addresses seen tentative, whose DAD outcome is still to come ("ifindex address"). */
  readonly #dadPending = new Set<string>();
  #stopping = false;
  #exit = false;
  #statusDirty = true;

  /** An agent that has not started yet; `run` starts it. */
  constructor(deps: AgentDeps, options: AgentOptions) {
    this.#deps = deps;
    this.#options = options;
    this.#config = options.config;
  }

  /** Hands a signal to the loop and wakes it; it acts on it between two waits. */
  signal(signal: Signal): void {
    this.#signals.push(signal);
    this.#deps.waiter.wake();
  }

  /** Hands a control request to the loop; resolves with the answer. */
  request(request: ControlRequest): Promise<ControlResponse> {
    return new Promise((done) => {
      this.#requests.push({ request, done });
      this.#deps.waiter.wake();
    });
  }

  /** Runs until stopped; resolves to the exit code. */
  async run(): Promise<number> {
    await this.#refreshLinks();
    await this.#removeStaleRoutes();
    for (const iface of this.#selected(this.#config)) await this.#start(iface);
    const { transport, monitor, waiter, clock } = this.#deps;
    while (!this.#exit) {
      await this.#drainAll();
      if (this.#stopping && [...this.#runtimes.values()].every((r) => r.stopped)) break;
      const now = clock.monotonic();
      const deadline = this.#earliestTimeout();
      const timeout = deadline === undefined
        ? -1
        : Math.min(Math.max(0, Math.ceil(deadline - now)), 0x7fffffff);
      const ready = await waiter.wait([transport.fd, monitor.fd], timeout);
      await this.#handleSignals();
      await this.#handleRequests();
      if (this.#exit) break;
      if (ready.readable.has(transport.fd)) this.#readDatagrams();
      if (ready.readable.has(monitor.fd)) await this.#readNetEvents();
      this.#fireTimers();
    }
    await Promise.allSettled([...this.#hooksRunning]);
    await this.#writeStateFile();
    for (const pending of this.#requests.splice(0)) {
      pending.done({ ok: false, error: "the agent is stopping" });
    }
    return 0;
  }

  /** Status of every interface, as for `edge6 status`. */
  statuses(): InterfaceStatus[] {
    const now = this.#deps.clock.monotonic();
    const order = this.#config.interfaces.map((i) => i.name);
    const rank = (name: string) => {
      const i = order.indexOf(name);
      return i < 0 ? order.length : i;
    };
    return [...this.#runtimes.values()].sort((a, b) => rank(a.config.name) - rank(b.config.name))
      .map((r) => ({
        client: r.engine.status(now),
        downstream: r.installer.downstream(),
      }));
  }

  #log(level: Level, message: string): void {
    this.#deps.logger.log(level, message);
  }

  #selected(config: Config): InterfaceConfig[] {
    const only = this.#options.only;
    return config.interfaces.filter((i) => only.length === 0 || only.includes(i.name));
  }

  async #refreshLinks(): Promise<void> {
    try {
      for (const link of await this.#deps.net.links()) this.#links.set(link.name, link);
    } catch (error) {
      this.#log("error", `reading interfaces failed: ${errorText(error)}`);
    }
  }

  /**
   * Removes the unreachable routes (RFC 7084 WPD-5) a previous run left in the
   * kernel for prefixes no saved lease holds any more (it was killed, then its
   * lease expired or was lost): the kernel never expires them. Routes of every
   * configured interface's unexpired saved lease stay; the engines resume those.
   */
  async #removeStaleRoutes(): Promise<void> {
    const { clock, net } = this.#deps;
    const kept = new Set<string>();
    for (const iface of this.#config.interfaces) {
      if (iface.informationOnly) continue;
      let saved = null;
      try {
        saved = await loadLease(this.#config.global.stateDir, iface.name, clock.wall());
      } catch {
        continue; // #start logs it; the engine will not resume it either
      }
      for (const p of saved?.prefixes ?? []) {
        const route = unreachableRoute(p.prefix, p.prefixLength);
        kept.add(`${route.prefix}/${route.prefixLength}`);
      }
    }
    let routes;
    try {
      routes = await net.unreachableRoutes();
    } catch (error) {
      this.#log("warn", `reading routes failed: ${errorText(error)}`);
      return;
    }
    for (const route of routes) {
      const canonical = unreachableRoute(route.prefix, route.prefixLength);
      const key = `${canonical.prefix}/${canonical.prefixLength}`;
      if (kept.has(key)) continue;
      this.#log("notice", `removing unreachable route ${key} left by an earlier run`);
      try {
        await net.removeUnreachableRoute(route.prefix, route.prefixLength);
      } catch (error) {
        this.#log("warn", `removing unreachable route ${key} failed: ${errorText(error)}`);
      }
    }
  }

  #makeInstaller(iface: InterfaceConfig): LeaseInstaller {
    return new LeaseInstaller(
      this.#deps.net,
      { upstream: iface.name, delegations: delegationsOf(iface) },
      (name) => this.#links.get(name),
      this.#deps.random,
      this.#deps.logger,
    );
  }

  /** The engine's configuration for `iface`; -n turns every release off. */
  #clientConfig(iface: InterfaceConfig): ClientConfig {
    const base = this.#deps.config.toClientConfig(iface, this.#options.duid);
    return { ...base, releaseOnStop: base.releaseOnStop && !this.#options.noRelease };
  }

  async #start(iface: InterfaceConfig): Promise<void> {
    const { clock, engines, random } = this.#deps;
    const engine = engines(this.#clientConfig(iface), random);
    const runtime: Runtime = {
      config: iface,
      engine,
      installer: this.#makeInstaller(iface),
      stopped: false,
      // A fresh engine assumes a usable link.
      link: { carrier: true, linkLocals: undefined, up: true },
      linkSince: clock.monotonic(),
      afterStop: undefined,
    };
    this.#runtimes.set(iface.name, runtime);
    if (!this.#links.has(iface.name)) {
      this.#log("warn", `${iface.name}: no such interface yet; waiting for it to appear`);
    }
    let saved = null;
    if (!iface.informationOnly) {
      try {
        saved = await loadLease(this.#config.global.stateDir, iface.name, clock.wall());
      } catch (error) {
        this.#log("warn", `${iface.name}: saved lease ignored: ${errorText(error)}`);
      }
    }
    this.#log(
      "info",
      `${iface.name}: starting${saved === null ? "" : " (resuming a saved lease)"}`,
    );
    // The engine assumes a working link; tell it first when there is none (no
    // carrier, or no link-local address past DAD yet), so that it waits for
    // the link (RFC 9915 §18.2.12) instead of sending into nothing.
    const addresses = await this.#resyncLink(runtime, clock.monotonic(), true);
    if (runtime.link.carrier && !runtime.link.up) {
      if (addresses?.some((a) => isLinkLocal(a.address))) {
        this.#log(
          "info",
          `${iface.name}: waiting for its link-local address (duplicate address detection)`,
        );
      } else {
        this.#log(
          "warn",
          `${iface.name}: no IPv6 link-local address (is IPv6 enabled on ${iface.name}?); waiting for one`,
        );
      }
    }
    engine.start(clock.monotonic(), saved ?? undefined, clock.wall());
  }

  /**
   * Re-reads an upstream interface's carrier (from the interface list) and
   * addresses (from the kernel), at start and after lost notifications.
   * `quiet`: at start, where the engine is told only that the link is down.
   * Returns the addresses read, or undefined when they could not be.
   */
  async #resyncLink(
    runtime: Runtime,
    now: number,
    quiet = false,
  ): Promise<InterfaceAddress[] | undefined> {
    const name = runtime.config.name;
    const link = this.#links.get(name);
    let addresses: InterfaceAddress[] | undefined = [];
    if (link !== undefined) {
      try {
        addresses = await this.#deps.net.addresses(link.index);
      } catch (error) {
        // Without them carrier alone decides, as address notifications come.
        this.#log("warn", `${name}: reading its addresses failed: ${errorText(error)}`);
        addresses = undefined;
      }
    }
    if (addresses !== undefined) {
      this.#linkInput(runtime, { type: "addresses", reports: addresses }, now, quiet);
    }
    const carrier = link !== undefined && link.up && link.carrier;
    this.#linkInput(runtime, { type: "carrier", carrier }, now, quiet);
    return addresses;
  }

  /** Folds a link change in; tells the engine when the link became usable or stopped being so. */
  #linkInput(runtime: Runtime, input: LinkInput, now: number, quiet = false): void {
    const name = runtime.config.name;
    const before = runtime.link;
    const { state, tell } = nextLinkReadiness(before, input);
    runtime.link = state;
    if (tell === undefined) {
      if (!quiet && state.carrier && !before.carrier) {
        this.#log(
          "info",
          `${name}: carrier up; waiting for its link-local address (duplicate address detection)`,
        );
      }
      return;
    }
    if (tell) runtime.linkSince = now;
    if (!quiet) {
      this.#log(
        "notice",
        `${name}: link ${
          tell ? "up" : state.carrier ? "down: no usable link-local address" : "down"
        }`,
      );
    }
    runtime.engine.handleLinkChange(now, tell);
  }

  async #drainAll(): Promise<void> {
    for (const runtime of [...this.#runtimes.values()]) await this.#drain(runtime);
    if (this.#statusDirty) await this.#writeStateFile();
  }

  /** All pending actions of one engine, then its transmits, until it has none. */
  async #drain(runtime: Runtime): Promise<void> {
    for (;;) {
      let progressed = false;
      for (let action = runtime.engine.pollAction(); action; action = runtime.engine.pollAction()) {
        progressed = true;
        await this.#carry(runtime, action);
      }
      for (let t = runtime.engine.pollTransmit(); t; t = runtime.engine.pollTransmit()) {
        progressed = true;
        const link = this.#links.get(t.interfaceName);
        if (link === undefined) {
          this.#log("warn", `${t.interfaceName}: cannot send: interface not present`);
          continue;
        }
        try {
          this.#deps.transport.send(link.index, t.destination, t.bytes);
        } catch (error) {
          const settling = this.#deps.clock.monotonic() - runtime.linkSince < LINK_SETTLE_MS;
          if (isAddressNotReady(error) && settling) {
            // Just after the link comes up it has no link-local address yet, or
            // one still tentative (RFC 4862 §5.4); the engine's retransmission
            // goes out once it is ready, so this is expected, not a fault.
            this.#log(
              "debug",
              `${t.interfaceName}: link-local address not ready yet (duplicate address detection); ${t.destination} is tried again at the next retransmission`,
            );
            continue;
          }
          this.#log(
            "warn",
            `${t.interfaceName}: sending to ${t.destination} failed: ${errorText(error)}${
              isAddressNotReady(error)
                ? ` (no usable link-local address: is IPv6 enabled on ${t.interfaceName}?)`
                : ""
            }`,
          );
        }
      }
      if (!progressed) return;
    }
  }

  async #carry(runtime: Runtime, action: Action): Promise<void> {
    const name = runtime.config.name;
    const { clock } = this.#deps;
    if (await runtime.installer.apply(action, clock.monotonic())) {
      this.#statusDirty = true;
      return;
    }
    switch (action.type) {
      case "hook": {
        const script = runtime.config.script;
        if (script === undefined) return;
        const running = this.#deps.hooks.run({
          interfaceName: name,
          script,
          reason: action.reason,
          status: action.status,
          lan: runtime.installer.downstream(),
          now: clock.monotonic(),
        }).catch((error) =>
          this.#log("error", `${name}: hook ${script} failed: ${errorText(error)}`)
        );
        this.#hooksRunning.add(running);
        running.finally(() => this.#hooksRunning.delete(running));
        return;
      }
      case "state-changed":
        // A step, not an event: the engine logs why each exchange starts and how it ends.
        this.#log("info", `${name}: ${action.from} -> ${action.to}`);
        this.#statusDirty = true;
        return;
      case "lease-changed":
        try {
          const dir = this.#config.global.stateDir;
          if (action.lease === null) await deleteLease(dir, name);
          else await saveLease(dir, action.lease, clock.wall());
        } catch (error) {
          this.#log("error", `${name}: saving the lease failed: ${errorText(error)}`);
        }
        this.#statusDirty = true;
        return;
      case "stopped": {
        runtime.stopped = true;
        this.#statusDirty = true;
        const after = runtime.afterStop;
        runtime.afterStop = undefined;
        if (after !== undefined) await after();
        return;
      }
      case "log":
        // The engine names its interface already; others get the name added.
        // Its info messages are the protocol's events (bound, renewing, link
        // down…): shown by default at notice; the agent's own steps are info (-d).
        this.#log(
          action.level === "info" ? "notice" : action.level,
          action.message.startsWith(`${name}:`) ? action.message : `${name}: ${action.message}`,
        );
        return;
      default:
        return;
    }
  }

  #earliestTimeout(): number | undefined {
    let earliest: number | undefined;
    for (const runtime of this.#runtimes.values()) {
      const t = runtime.engine.pollTimeout();
      if (t !== undefined && (earliest === undefined || t < earliest)) earliest = t;
    }
    return earliest;
  }

  #fireTimers(): void {
    const now = this.#deps.clock.monotonic();
    for (const runtime of this.#runtimes.values()) {
      const t = runtime.engine.pollTimeout();
      if (t !== undefined && t <= now) runtime.engine.handleTimeout(now);
    }
  }

  #runtimeByIndex(index: number): Runtime | undefined {
    for (const runtime of this.#runtimes.values()) {
      if (this.#links.get(runtime.config.name)?.index === index) return runtime;
    }
    return undefined;
  }

  #readDatagrams(): void {
    for (let i = 0; i < 1000; i++) {
      let datagram;
      try {
        datagram = this.#deps.transport.receive();
      } catch (error) {
        this.#log("warn", `receiving failed: ${errorText(error)}`);
        return;
      }
      if (datagram === undefined) return;
      const runtime = this.#runtimeByIndex(datagram.interfaceIndex);
      if (runtime === undefined) continue; // not one of our upstream interfaces
      runtime.engine.handleDatagram(
        this.#deps.clock.monotonic(),
        datagram.source,
        datagram.bytes,
        datagram.destination,
      );
    }
  }

  async #readNetEvents(): Promise<void> {
    let events: NetEvent[];
    try {
      events = this.#deps.monitor.read();
    } catch (error) {
      this.#log("warn", `reading netlink events failed: ${errorText(error)}`);
      return;
    }
    for (const event of events) await this.#netEvent(event);
  }

  async #netEvent(event: NetEvent): Promise<void> {
    const now = this.#deps.clock.monotonic();
    if (event.type === "link") {
      const previous = this.#links.get(event.link.name);
      this.#links.set(event.link.name, event.link);
      const runtime = this.#runtimes.get(event.link.name);
      if (runtime !== undefined) {
        const carrier = event.link.up && event.link.carrier;
        this.#linkInput(runtime, { type: "carrier", carrier }, now);
      }
      if (downstreamNeedsRefresh(previous, event.link)) {
        for (const r of this.#runtimes.values()) {
          if (r.installer.isDownstream(event.link.name)) {
            await r.installer.refreshDownstream(event.link.name, now);
          }
        }
      }
      return;
    }
    if (event.type === "link-removed") {
      this.#links.delete(event.name);
      const runtime = this.#runtimes.get(event.name);
      if (runtime !== undefined) {
        this.#linkInput(runtime, { type: "carrier", carrier: false }, now);
        this.#linkInput(runtime, { type: "addresses", reports: [] }, now);
      }
      return;
    }
    if (event.type === "resync") {
      await this.#refreshLinks();
      for (const runtime of [...this.#runtimes.values()]) await this.#resyncLink(runtime, now);
      return;
    }
    // The upstream's own link-local address: the link is usable once it is past
    // DAD. It is never a leased address, so the engine hears only of the link.
    const owner = this.#runtimeByIndex(event.interfaceIndex);
    if (owner !== undefined && isLinkLocal(event.address)) {
      if (event.dadFailed && !event.removed) {
        this.#log(
          "warn",
          `${owner.config.name}: duplicate address detected on its link-local address ${event.address}; DHCPv6 cannot send on it`,
        );
      }
      this.#linkInput(owner, { type: "address", report: event }, now);
      return;
    }
    // The kernel may report one failure twice (flagged, then removed): tell the engine once.
    const key = `${event.interfaceIndex} ${event.address}`;
    if (!event.dadFailed) {
      if (event.removed) {
        this.#dadPending.delete(key);
        return;
      }
      this.#dadReported.delete(key);
      if (event.tentative) {
        this.#dadPending.add(key);
        return;
      }
      // Tentative before, not now: DAD completed (RFC 4862 §5.4; RFC 9915 §18.2.10.1).
      if (!this.#dadPending.delete(key)) return;
      this.#runtimeByIndex(event.interfaceIndex)?.engine.handleAddressEvent(
        now,
        event.address,
        "ready",
      );
      return;
    }
    this.#dadPending.delete(key);
    if (this.#dadReported.has(key)) return;
    const runtime = this.#runtimeByIndex(event.interfaceIndex);
    if (runtime === undefined) return;
    this.#dadReported.add(key);
    this.#log("warn", `${runtime.config.name}: duplicate address detected on ${event.address}`);
    runtime.engine.handleAddressEvent(now, event.address, "dad-failed");
  }

  async #handleSignals(): Promise<void> {
    for (const signal of this.#signals.splice(0)) {
      if (signal === "exit") {
        this.#log("notice", "exiting without release (SIGUSR1)");
        this.#exit = true;
      } else if (signal === "stop") {
        this.#stop();
      } else {
        const result = await this.#reload();
        this.#log(result.ok ? "notice" : "error", result.ok ? result.message ?? "" : result.error);
      }
    }
  }

  #stop(): void {
    if (this.#stopping) return;
    this.#stopping = true;
    this.#log("notice", this.#options.noRelease ? "stopping (-n: no release)" : "stopping");
    const now = this.#deps.clock.monotonic();
    for (const runtime of this.#runtimes.values()) {
      if (!runtime.stopped) runtime.engine.handleCommand(now, "stop");
    }
  }

  async #handleRequests(): Promise<void> {
    for (const { request, done } of this.#requests.splice(0)) {
      try {
        done(await this.#answer(request));
      } catch (error) {
        done({ ok: false, error: errorText(error) });
      }
    }
  }

  async #answer(request: ControlRequest): Promise<ControlResponse> {
    if (request.command === "status") {
      const statuses = this.statuses().filter((s) =>
        request.interface === undefined || s.client.interfaceName === request.interface
      );
      if (request.interface !== undefined && statuses.length === 0) {
        return { ok: false, error: `no interface ${request.interface} in this agent` };
      }
      return { ok: true, status: this.#deps.statusJson(statuses) };
    }
    if (request.command === "reload") return await this.#reload();
    const targets = [...this.#runtimes.values()].filter((r) =>
      !r.stopped && (request.interface === undefined || r.config.name === request.interface)
    );
    if (targets.length === 0) {
      return {
        ok: false,
        error: request.interface === undefined
          ? "no running interfaces"
          : `no running interface ${request.interface} in this agent`,
      };
    }
    const now = this.#deps.clock.monotonic();
    for (const runtime of targets) runtime.engine.handleCommand(now, request.command);
    return {
      ok: true,
      message: `${request.command} started on ${targets.map((r) => r.config.name).join(", ")}`,
    };
  }

  /**
   * SIGHUP / `edge6 reload`: an invalid file keeps the running configuration
   * (and every error is logged); unchanged interfaces are left alone; removed
   * ones are stopped (released, unless -n); new ones start. A changed one
   * keeps its bindings: the engine redoes only what changed (removed IAs
   * released, added ones asked for in a Renew, RFC 9915 §18.2.4, §18.2.7) and
   * LAN prefixes move where the downstream layout changed. Only a new DUID or
   * a switch to or from information-only restarts it.
   */
  async #reload(): Promise<ControlResponse> {
    let next: Config;
    try {
      next = await this.#deps.config.load(this.#options.configPath);
    } catch (error) {
      for (const line of errorText(error).split("\n")) {
        if (line.trim() !== "") this.#log("error", `reload: ${line}`);
      }
      return {
        ok: false,
        error: `${this.#options.configPath} is invalid; the running configuration is kept`,
      };
    }
    const changes = this.#deps.config.diff(this.#config, next);
    const previous = this.#config;
    this.#config = next;
    const wanted = new Set(this.#selected(next).map((i) => i.name));
    const done: string[] = [];
    for (const name of changes.removed) {
      const runtime = this.#runtimes.get(name);
      if (runtime === undefined) continue;
      runtime.afterStop = () => {
        this.#runtimes.delete(name);
        return Promise.resolve();
      };
      runtime.engine.handleCommand(this.#deps.clock.monotonic(), "stop");
      done.push(`${name} removed`);
    }
    for (const name of changes.added) {
      const iface = next.interfaces.find((i) => i.name === name);
      if (iface === undefined || !wanted.has(name) || this.#runtimes.has(name)) continue;
      await this.#start(iface);
      done.push(`${name} added`);
    }
    for (const name of changes.changed) {
      const runtime = this.#runtimes.get(name);
      const iface = next.interfaces.find((i) => i.name === name);
      const old = previous.interfaces.find((i) => i.name === name);
      if (runtime === undefined || iface === undefined || old === undefined) continue;
      if (sameProtocol(old, iface)) {
        await this.#rewireDownstream(runtime, iface);
        done.push(`${name} downstream/hook updated`);
        continue;
      }
      const now = this.#deps.clock.monotonic();
      const outcome = runtime.engine.handleConfigChange(now, this.#clientConfig(iface));
      if (outcome !== "restart") {
        // The new layout first: prefixes of added IA_PDs go to their LANs, while those of
        // removed ones keep what they installed until the engine withdraws them (below,
        // before any Release goes out).
        await this.#rewireDownstream(runtime, iface);
        await this.#drain(runtime);
        done.push(`${name} updated`);
        continue;
      }
      runtime.afterStop = async () => {
        this.#runtimes.delete(name);
        await this.#start(iface);
      };
      runtime.engine.handleCommand(now, "stop");
      done.push(`${name} restarted`);
    }
    return {
      ok: true,
      message: done.length === 0 ? "reloaded: nothing changed" : `reloaded: ${done.join(", ")}`,
    };
  }

  /** Moves delegated prefixes whose downstream layout changed; the binding is not touched. */
  async #rewireDownstream(runtime: Runtime, iface: InterfaceConfig): Promise<void> {
    runtime.config = iface;
    await runtime.installer.setDelegations(delegationsOf(iface), this.#deps.clock.monotonic());
  }

  async #writeStateFile(): Promise<void> {
    this.#statusDirty = false;
    const path = `${this.#config.global.stateDir}/status.json`;
    try {
      const json = JSON.stringify(this.#deps.statusJson(this.statuses()), null, 2) + "\n";
      await writeFileAtomic(path, new TextEncoder().encode(json), 0o644);
    } catch (error) {
      this.#log("warn", `writing ${path} failed: ${errorText(error)}`);
    }
  }
}

/** The downstream interfaces of each IA_PD of `iface`, by IAID. */
function delegationsOf(iface: InterfaceConfig): Map<number, readonly Delegation[]> {
  return new Map(iface.iaPd.map((pd) => [pd.iaid, pd.delegate]));
}

/**
 * True when two interface configurations ask the server for the same thing,
 * so that only the downstream layout or the hook differ.
 */
export function sameProtocol(a: InterfaceConfig, b: InterfaceConfig): boolean {
  const strip = (i: InterfaceConfig) => ({
    ...i,
    script: undefined,
    iaPd: i.iaPd.map((pd) => ({ ...pd, delegate: [] })),
  });
  return JSON.stringify(strip(a)) === JSON.stringify(strip(b));
}

/**
 * A send refused because the interface has no usable link-local address yet:
 * none at all (no route to ff02::1:2, ENETUNREACH) or a tentative one
 * (EADDRNOTAVAIL).
 */
function isAddressNotReady(error: unknown): boolean {
  return error instanceof Error && "code" in error &&
    (error.code === "EADDRNOTAVAIL" || error.code === "ENETUNREACH");
}
