/**
 * The agent: the one event loop of the IO shell, and its wiring. It waits in
 * a single poll(2) over the DHCPv6 socket, the rtnetlink monitor and the LAN
 * runtimes' sockets, for exactly as long as the earliest timer allows, woken
 * early by signals and control requests, and hands each event to whoever owns
 * it: datagrams to the upstream runtimes (`upstreams.ts`), kernel events to
 * the link table (`link_table.ts`) and from there to the runtimes, signals to
 * reload (`reload.ts`) or stop, requests to `control_answers.ts`. Between two
 * waits every runtime is drained and the LAN runtimes are fed the subnets the
 * upstream ones produced.
 * @module
 */
import type { ClientConfig, RandomSource } from "../dhcp6/client/types.ts";
import type { Config, InterfaceConfig } from "../config/types.ts";
import type { Clock } from "./clock.ts";
import type { ControlRequest, ControlResponse } from "./control_protocol.ts";
import { answerControl } from "./control_answers.ts";
import { errorText } from "./errors.ts";
import { HookQueue } from "./hook_queue.ts";
import { type LanRuntimeFactory, LanRuntimes } from "./lan_runtimes.ts";
import { LinkTable } from "./link_table.ts";
import { type ConfigPort, reload } from "./reload.ts";
import { removeStaleRoutes } from "./stale_routes.ts";
import { StateFile } from "./state_file.ts";
import type { InterfaceStatus } from "./upstream_runtime.ts";
import { Upstreams } from "./upstreams.ts";
import { upstreamView } from "./upstream_view.ts";
import type { StartupPhases } from "./startup_phases.ts";
import { lanHookView, type LanStatus } from "../hooks/lan_status.ts";
import type {
  EngineFactory,
  HookPort,
  Logger,
  NetConfig,
  NetEvent,
  NetMonitor,
  Transport,
} from "./ports.ts";

export type { ConfigChanges, ConfigPort } from "./reload.ts";
export { sameProtocol } from "./reload.ts";
export type { InterfaceStatus } from "./upstream_runtime.ts";

/**
 * Seconds a Release waits for its hook beyond `hook_timeout`: the runner
 * kills the script at the timeout and then reads what is left of its output.
 */
const RELEASE_HOOK_MARGIN_S = 5;

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
  /** The status document for `edge6 status --json` and the state file (LAN interfaces too). */
  readonly statusJson: (
    statuses: readonly InterfaceStatus[],
    lan?: readonly LanStatus[],
  ) => unknown;
  /** Makes the LAN runtimes a configuration asks for (none when absent). */
  readonly lan?: LanRuntimeFactory;
  /**
   * Loads what `lan` needs for `config` before it is called (run_agent.ts
   * loads the LAN side only for a configuration with a `[lan.*]` table).
   */
  readonly prepareLan?: (config: Config) => Promise<void>;
  /** The start-up timeline that `-D` logs (startup_phases.ts). */
  readonly phases?: StartupPhases;
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
  /**
   * Whether the log prints debug lines: when not, the engines build no
   * text for them (a flood of dropped datagrams costs counters only).
   * Default true.
   */
  readonly debugLog?: boolean;
}

/**
 * What the loop is asked to do from outside, by the signal handlers of
 * `run_agent.ts`: "stop" (SIGTERM/SIGINT: release as configured, unless -n, then exit),
 * "exit" (SIGUSR1: exit at once, leases kept) or "reload" (SIGHUP).
 */
export type Signal = "stop" | "exit" | "reload";

/** The agent's event loop. */
export class Agent {
  readonly #deps: AgentDeps;
  readonly #options: AgentOptions;
  #config: Config;
  readonly #links: LinkTable;
  readonly #hooks: HookQueue;
  readonly #upstreams: Upstreams;
  readonly #lan: LanRuntimes;
  readonly #stateFile: StateFile;
  readonly #signals: Signal[] = [];
  readonly #requests: { request: ControlRequest; done: (r: ControlResponse) => void }[] = [];
  #stopping = false;
  #exit = false;
  #statusDirty = true;

  /** An agent that has not started yet; `run` starts it. */
  constructor(deps: AgentDeps, options: AgentOptions) {
    this.#deps = deps;
    this.#options = options;
    this.#config = options.config;
    this.#links = new LinkTable(deps.net, deps.logger);
    this.#hooks = new HookQueue(deps.hooks, deps.logger);
    this.#upstreams = new Upstreams(
      {
        clock: deps.clock,
        net: deps.net,
        transport: deps.transport,
        links: this.#links,
        hooks: this.#hooks,
        engines: deps.engines,
        random: deps.random,
        logger: deps.logger,
        stateDir: () => this.#config.global.stateDir,
        changed: () => (this.#statusDirty = true),
        lanChanged: () => this.#feedLan(),
        wake: () => deps.waiter.wake(),
        lanView: () => {
          const lan = this.#lan.statuses(deps.clock.monotonic());
          return lan.length === 0 ? undefined : lanHookView(lan);
        },
        ...(deps.phases === undefined
          ? {}
          : { phase: (phase, iface) => deps.phases!.mark(phase, iface) }),
      },
      deps.transport,
      this.#links,
      (iface) => this.#clientConfig(iface),
    );
    this.#lan = new LanRuntimes(deps.lan ?? (() => []), { links: this.#links });
    this.#stateFile = new StateFile(deps.logger);
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
    const { clock, transport, monitor, waiter } = this.#deps;
    await this.#links.refresh();
    for (const iface of this.#selected(this.#config)) await this.#upstreams.start(iface);
    // The first Solicits go out now: nothing below can change them. No reply is
    // read before the loop, so stale routes are gone before a new lease installs any.
    await this.#upstreams.drain();
    await removeStaleRoutes(this.#config, this.#deps.net, clock, this.#deps.logger);
    await this.#deps.prepareLan?.(this.#config);
    this.#lan.configure(this.#config, clock.monotonic());
    while (!this.#exit) {
      await this.#drain();
      if (this.#stopping && this.#upstreams.allStopped()) break;
      const fds = [transport.fd, monitor.fd, ...this.#lan.fds()];
      const ready = await waiter.wait(fds, this.#timeoutMs());
      await this.#handleSignals();
      await this.#handleRequests();
      if (this.#exit) break;
      const now = clock.monotonic();
      if (ready.readable.has(transport.fd)) this.#upstreams.receive(now);
      if (ready.readable.has(monitor.fd)) await this.#readNetEvents();
      this.#lan.readable(ready.readable, now);
      this.#upstreams.fireTimers(clock.monotonic());
      this.#lan.fireTimers(clock.monotonic());
    }
    await this.#lan.drain();
    this.#lan.closeAll();
    await this.#hooks.idle();
    await this.#writeStateFile();
    for (const pending of this.#requests.splice(0)) {
      pending.done({ ok: false, error: "the agent is stopping" });
    }
    return 0;
  }

  /** Status of every interface, as for `edge6 status`, in configured order. */
  statuses(): InterfaceStatus[] {
    const order = this.#config.interfaces.map((i) => i.name);
    return this.#upstreams.statuses(this.#deps.clock.monotonic(), order);
  }

  #selected(config: Config): InterfaceConfig[] {
    const only = this.#options.only;
    return config.interfaces.filter((i) => only.length === 0 || only.includes(i.name));
  }

  /**
   * The engine's configuration for `iface`; -n turns every release off. A
   * Release waits for its hook at most the hook's timeout and a little more
   * (the runner kills the script then, RFC 9096 §3.3).
   */
  #clientConfig(iface: InterfaceConfig): ClientConfig {
    const base = this.#deps.config.toClientConfig(iface, this.#options.duid);
    return {
      ...base,
      releaseOnStop: base.releaseOnStop && !this.#options.noRelease,
      releaseHookWait: (this.#config.global.hookTimeout + RELEASE_HOOK_MARGIN_S) * 1000,
      debugLog: this.#options.debugLog ?? true,
    };
  }

  /** How long the next wait may last: until the earliest timer of any runtime. */
  #timeoutMs(): number {
    const times = [this.#upstreams.earliestTimeout(), this.#lan.earliestTimeout()];
    const due = times.filter((t): t is number => t !== undefined);
    if (due.length === 0) return -1;
    const wait = Math.ceil(Math.min(...due) - this.#deps.clock.monotonic());
    return Math.min(Math.max(0, wait), 0x7fffffff);
  }

  /** Drains every runtime, feeds the LAN side, and rewrites the state file if needed. */
  async #drain(): Promise<void> {
    await this.#upstreams.drain();
    await this.#feedLan();
    if (this.#statusDirty) await this.#writeStateFile();
  }

  /**
   * Hands the LAN runtimes the subnets of every upstream and what the
   * upstreams hold (lease, DNS), and lets them act on it at once.
   */
  async #feedLan(): Promise<void> {
    const now = this.#deps.clock.monotonic();
    const upstreams = this.#upstreams.all();
    const subnets = upstreams.flatMap((r) => r.downstream());
    const view = upstreamView(upstreams.map((r) => r.status(now).client), now);
    this.#lan.feed(subnets, view, now);
    await this.#lan.drain();
  }

  async #readNetEvents(): Promise<void> {
    let events: NetEvent[];
    try {
      events = this.#deps.monitor.read();
    } catch (error) {
      this.#deps.logger.log("warn", `reading netlink events failed: ${errorText(error)}`);
      return;
    }
    let lost = false;
    for (const event of events) {
      for (const news of this.#links.handle(event)) {
        if (news.type === "resync") {
          lost = true;
          continue;
        }
        await this.#upstreams.handleNews(news, this.#deps.clock.monotonic());
        this.#lan.news(news, this.#deps.clock.monotonic());
      }
    }
    if (lost) await this.#resync();
  }

  /**
   * Notifications were lost (the monitor's buffer overflowed, ENOBUFS): the
   * partial view is not trusted. Interfaces are read again and what changed
   * meanwhile is handled as if it had been heard; then every runtime reads
   * its links again and compares the kernel with its lease.
   */
  async #resync(): Promise<void> {
    const { logger, clock } = this.#deps;
    logger.log(
      "warn",
      "kernel notifications were lost (netlink receive buffer overflow); " +
        "reading interfaces and addresses again",
    );
    const news = [...await this.#links.refresh(), { type: "resync" } as const];
    for (const item of news) {
      await this.#upstreams.handleNews(item, clock.monotonic());
      this.#lan.news(item, clock.monotonic());
    }
  }

  async #handleSignals(): Promise<void> {
    const { logger, clock } = this.#deps;
    for (const signal of this.#signals.splice(0)) {
      if (signal === "exit") {
        logger.log("notice", "exiting without release (SIGUSR1)");
        this.#exit = true;
      } else if (signal === "stop") {
        if (this.#stopping) continue;
        this.#stopping = true;
        logger.log("notice", this.#options.noRelease ? "stopping (-n: no release)" : "stopping");
        this.#lan.stopAll(clock.monotonic());
        this.#upstreams.stopAll(clock.monotonic());
      } else {
        const result = await this.#reload();
        logger.log(result.ok ? "notice" : "error", result.ok ? result.message ?? "" : result.error);
      }
    }
  }

  async #handleRequests(): Promise<void> {
    for (const { request, done } of this.#requests.splice(0)) {
      try {
        done(
          await answerControl(request, {
            statuses: () => this.statuses(),
            lanStatuses: () => this.#lan.statuses(this.#deps.clock.monotonic()),
            statusJson: this.#deps.statusJson,
            reload: () => this.#reload(),
            upstreams: this.#upstreams,
            now: () => this.#deps.clock.monotonic(),
          }),
        );
      } catch (error) {
        done({ ok: false, error: errorText(error) });
      }
    }
  }

  async #reload(): Promise<ControlResponse> {
    const response = await reload({
      path: this.#options.configPath,
      current: this.#config,
      config: this.#deps.config,
      selected: (c) => this.#selected(c),
      upstreams: this.#upstreams,
      now: () => this.#deps.clock.monotonic(),
      logger: this.#deps.logger,
      adopt: (next) => (this.#config = next),
    });
    if (response.ok) {
      await this.#deps.prepareLan?.(this.#config);
      this.#lan.configure(this.#config, this.#deps.clock.monotonic());
    }
    return response;
  }

  async #writeStateFile(): Promise<void> {
    this.#statusDirty = false;
    const document = this.#deps.statusJson(
      this.statuses(),
      this.#lan.statuses(this.#deps.clock.monotonic()),
    );
    await this.#stateFile.write(this.#config.global.stateDir, document);
  }
}
