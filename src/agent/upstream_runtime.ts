/**
 * One upstream (WAN) interface at run time: its pure DHCPv6 client engine
 * (RFC 9915 §18), the installer that carries the engine's leases into the
 * kernel, its link state and its hooks. It is fed events (a datagram, a link
 * change, a timer, a command) and drained: every pending action is carried
 * out in order, all of them before the engine's transmits (the contract of
 * `src/dhcp6/client/types.ts`). This is the file to open for "why was this
 * address installed" (the engine's actions arrive in `#carry`) and "when does
 * the hook run" (a `hook` action, after the kernel changes before it; a
 * RELEASE hook before the Release, which waits for it to end).
 * @module
 */
import type {
  Action,
  ClientCommand,
  ClientConfig,
  ConfigChangeOutcome,
  RandomSource,
  SavedLease,
} from "../dhcp6/client/types.ts";
import type { InterfaceConfig } from "../config/types.ts";
import type { Clock } from "./clock.ts";
import type { Level } from "../log/level.ts";
import type { LanAssignment } from "../hooks/lan_assignment.ts";
import type { LanHookView } from "../hooks/lan_status.ts";
import { type Delegation, LeaseInstaller } from "./lease_installer.ts";
import { LeaseFile, loadLease } from "./lease_store.ts";
import type { AddressReport, LinkInput } from "./link_readiness.ts";
import { UpstreamLink } from "./upstream_link.ts";
import { errorText } from "./errors.ts";
import { KernelRecheck } from "./kernel_recheck.ts";
import { orderLeaseActions } from "./lease_action_order.ts";
import { sendTransmit } from "./upstream_send.ts";
import type { HookQueue } from "./hook_queue.ts";
import type { LinkTable } from "./link_table.ts";
import type { Datagram, Engine, EngineFactory, Logger, NetConfig, Transport } from "./ports.ts";
import type { ClientStatus } from "../dhcp6/client/types.ts";
import type { StartupPhase } from "./startup_phases.ts";
import { MessageType } from "../dhcp6/constants.ts";

/** One interface's state for status output. */
export interface InterfaceStatus {
  /** The engine's view: state, leases, timers, options, counters. */
  readonly client: ClientStatus;
  /** The LAN subnets taken from delegated prefixes (RFC 7084 L-2), per downstream interface. */
  readonly downstream: readonly LanAssignment[];
}

/** What an upstream runtime needs from the outside world. */
export interface UpstreamPorts {
  /** Monotonic time for the engine, wall time for saved leases. */
  readonly clock: Clock;
  /** rtnetlink operations, for the installer. */
  readonly net: NetConfig;
  /** The DHCPv6 client socket; only `send` is used here. */
  readonly transport: Pick<Transport, "send">;
  /**
   * The interfaces as last reported, their addresses on demand, and (when
   * known) which addresses failed duplicate address detection.
   */
  readonly links: Pick<LinkTable, "get" | "addresses"> & Partial<Pick<LinkTable, "dadFailed">>;
  /** Where the engine's hook runs go. */
  readonly hooks: HookQueue;
  /** Makes the engine. */
  readonly engines: EngineFactory;
  /** Randomness for the engine and LAN interface identifiers. */
  readonly random: RandomSource;
  /** Log lines. */
  readonly logger: Logger;
  /** The state directory as configured now (a reload may change it). */
  readonly stateDir: () => string;
  /** Told whenever what `status` reports may have changed. */
  readonly changed: () => void;
  /**
   * Called after the engine's actions changed the LAN subnets and before its
   * datagrams go out: the LAN side withdraws a prefix from the hosts (RFC
   * 9096: zero lifetimes) before the Release of it is sent (RFC 9915 §18.2.7).
   */
  readonly lanChanged?: () => Promise<void>;
  /**
   * Wakes the loop from its wait: a hook a Release waits for has finished,
   * and the next drain sends the Release.
   */
  readonly wake?: () => void;
  /** What the LAN side advertises now, for the hook (`LAN_ADVERTISED`, `LAN_STALE`). */
  readonly lanView?: () => LanHookView | undefined;
  /** Marks a start-up phase of this interface (`-D` logs the first of each: startup_phases.ts). */
  readonly phase?: (phase: StartupPhase, iface: string) => void;
}

/** The downstream interfaces of each IA_PD of `iface`, by IAID. */
export function delegationsOf(iface: InterfaceConfig): Map<number, readonly Delegation[]> {
  return new Map(iface.iaPd.map((pd) => [pd.iaid, pd.delegate]));
}

/** One upstream interface: engine, installer, link state, hooks. */
export class UpstreamRuntime {
  /** The interface's configuration in force (a reload may replace it). */
  config: InterfaceConfig;
  /** Set once the engine reported `stopped`. */
  stopped = false;
  /** Called once the engine reports `stopped` (reload restarts, removal). */
  afterStop: (() => Promise<void>) | undefined;
  readonly #engine: Engine;
  readonly #installer: LeaseInstaller;
  readonly #ports: UpstreamPorts;
  readonly #leaseFile: LeaseFile;
  /** Carrier and a link-local address past DAD: when the engine may send. */
  readonly #link: UpstreamLink;
  /** A hook the engine holds its Release for has finished: tell it at the next drain. */
  #releaseHookDone = false;
  /** Interfaces whose addresses are compared with the lease at the next drain. */
  readonly #recheck: KernelRecheck;

  /** A runtime for `config` whose engine has not started yet; `start` starts it. */
  constructor(config: InterfaceConfig, clientConfig: ClientConfig, ports: UpstreamPorts) {
    this.config = config;
    this.#ports = ports;
    this.#engine = ports.engines(clientConfig, ports.random);
    this.#installer = new LeaseInstaller(
      ports.net,
      { upstream: config.name, delegations: delegationsOf(config) },
      (name) => ports.links.get(name),
      ports.random,
      ports.logger,
    );
    this.#link = new UpstreamLink(config.name, ports, (now, up) => {
      // Back up: what the kernel dropped while it was down is put back now, not at T1.
      if (up) this.#recheck.mark(this.name);
      this.#engine.handleLinkChange(now, up);
    });
    this.#leaseFile = new LeaseFile(config.name, ports.logger);
    this.#recheck = new KernelRecheck(ports.links, ports.clock);
  }

  /** The upstream interface's name. */
  get name(): string {
    return this.config.name;
  }

  /**
   * Starts the engine: resumes a saved lease (RFC 9915 §18.2.12) if there is
   * one, and first tells it when the link is not usable yet (no carrier, or
   * no link-local address past DAD), so that it waits for the link instead of
   * sending into nothing.
   */
  async start(): Promise<void> {
    const { clock } = this.#ports;
    const name = this.name;
    let saved: SavedLease | null = null;
    if (!this.config.informationOnly) {
      try {
        saved = await loadLease(this.#ports.stateDir(), name, clock.wall());
      } catch (error) {
        this.#log("warn", `${name}: saved lease ignored: ${errorText(error)}`);
      }
    }
    this.#log("info", `${name}: starting${saved === null ? "" : " (resuming a saved lease)"}`);
    await this.#link.atStart(clock.monotonic());
    this.#engine.start(clock.monotonic(), saved ?? undefined, clock.wall());
  }

  /**
   * Re-reads the interface's carrier (from the link table) and addresses
   * (from the kernel), at start and after lost notifications. `quiet`: at
   * start, where the engine is told only that the link is down. Returns the
   * addresses read, or undefined when they could not be.
   */
  resyncLink(now: number, quiet = false): Promise<readonly AddressReport[] | undefined> {
    return this.#link.resync(now, quiet);
  }

  /** Folds a link change in; the engine hears when the link became usable or stopped being so. */
  linkInput(input: LinkInput, now: number, quiet = false): void {
    this.#link.input(input, now, quiet);
  }

  /** A datagram that arrived on this interface: the engine decides what it is worth. */
  handleDatagram(now: number, datagram: Datagram): void {
    if (datagram.bytes[0] === MessageType.REPLY) this.#ports.phase?.("Reply received", this.name);
    this.#engine.handleDatagram(now, datagram.source, datagram.bytes, datagram.destination);
  }

  /** A leased address finished DAD, or failed it (RFC 9915 §18.2.8: Decline). */
  handleAddressEvent(now: number, address: string, event: "ready" | "dad-failed"): void {
    this.#engine.handleAddressEvent(now, address, event);
  }

  /** An operator's renew, rebind or release, or a stop. */
  command(now: number, command: ClientCommand): void {
    this.#engine.handleCommand(now, command);
  }

  /** A reload changed what is asked of the server (see `reload.ts`). */
  configChange(now: number, clientConfig: ClientConfig): ConfigChangeOutcome {
    return this.#engine.handleConfigChange(now, clientConfig);
  }

  /** Takes a new downstream layout or hook: delegated prefixes move, the binding is untouched. */
  async rewire(iface: InterfaceConfig, now: number): Promise<void> {
    this.config = iface;
    await this.#installer.setDelegations(delegationsOf(iface), now);
  }

  /** Whether `name` is one of this interface's downstream interfaces. */
  isDownstream(name: string): boolean {
    return this.#installer.isDownstream(name);
  }

  /** A downstream interface came back or changed its MAC: its LAN addresses are made again. */
  async refreshDownstream(name: string, now: number): Promise<void> {
    await this.#installer.refreshDownstream(name, now);
  }

  /** Whether the lease holds `address` on interface `name` (upstream or downstream). */
  holds(name: string, address: string): boolean {
    return this.#installer.holds(name, address);
  }

  /**
   * The kernel may have lost addresses of `name` (one was removed, the
   * interface came back): they are compared with the lease at the next
   * drain, and what is missing is put back.
   */
  recheck(name: string): void {
    if (name === this.name || this.isDownstream(name)) this.#recheck.mark(name);
  }

  /**
   * Notifications were lost: every interface of this runtime is compared
   * with the lease at the next drain, and the unreachable routes set again.
   */
  recheckAll(): void {
    this.#recheck.mark(this.name);
    for (const pd of this.config.iaPd) for (const d of pd.delegate) this.#recheck.mark(d.interface);
    this.#recheck.markRoutes();
  }

  /** Engine time of the earliest timer, if any. */
  pollTimeout(): number | undefined {
    return this.#engine.pollTimeout();
  }

  /** Fires the engine's timer if it is due at `now`. */
  fireTimer(now: number): void {
    const t = this.#engine.pollTimeout();
    if (t !== undefined && t <= now) this.#engine.handleTimeout(now);
  }

  /** What the interface holds now, for `edge6 status`, the state file and the LAN side. */
  status(now: number): InterfaceStatus {
    return { client: this.#engine.status(now), downstream: this.#installer.downstream() };
  }

  /** The LAN subnets in force, taken from this interface's delegated prefixes. */
  downstream(): LanAssignment[] {
    return this.#installer.downstream();
  }

  /** All pending actions of the engine, then its transmits, until it has none. */
  async drain(): Promise<void> {
    if (this.#releaseHookDone) {
      this.#releaseHookDone = false;
      this.#engine.handleHookDone(this.#ports.clock.monotonic());
    }
    for (;;) {
      let progressed = false;
      let lan = false;
      const actions: Action[] = [];
      for (let a = this.#engine.pollAction(); a; a = this.#engine.pollAction()) actions.push(a);
      const ordered = orderLeaseActions(actions);
      const lastKernel = ordered.findLastIndex((a) =>
        a.type.startsWith("address-") || a.type.startsWith("prefix-")
      );
      for (const [i, a] of ordered.entries()) {
        progressed = true;
        // The LAN hears of changed subnets before the hook runs, so the hook sees what it advertises.
        if (lan && a.type === "hook") {
          lan = false;
          await this.#ports.lanChanged?.();
        }
        lan ||= a.type.startsWith("prefix-");
        await this.#carry(a);
        if (i === lastKernel) this.#ports.phase?.("kernel updated", this.name);
      }
      if (await this.#recheck.run(this.#installer)) {
        this.#ports.changed();
        lan = true;
      }
      if (lan) await this.#ports.lanChanged?.();
      for (let t = this.#engine.pollTransmit(); t; t = this.#engine.pollTransmit()) {
        progressed = true;
        sendTransmit(this.#ports, t, this.#ports.clock.monotonic() - this.#link.since);
        if (t.bytes[0] === MessageType.SOLICIT) this.#ports.phase?.("Solicit sent", this.name);
      }
      if (!progressed) return;
    }
  }

  async #carry(action: Action): Promise<void> {
    const name = this.name;
    const { clock } = this.#ports;
    if (await this.#installer.apply(action, clock.monotonic())) {
      this.#ports.changed();
      return;
    }
    switch (action.type) {
      case "hook": {
        const script = this.config.script;
        if (script === undefined) {
          if (action.holdsRelease) this.#engine.handleHookDone(clock.monotonic());
          return;
        }
        const lanView = this.#ports.lanView?.();
        const run = this.#ports.hooks.enqueue({
          interfaceName: name,
          script,
          reason: action.reason,
          status: action.status,
          lan: this.#installer.downstream(),
          ...(lanView === undefined ? {} : { lanView }),
          now: clock.monotonic(),
        });
        this.#ports.phase?.("hook started", name);
        // The Release waits for this hook (ended or killed at hook_timeout): a script that
        // reconfigures the RA daemon tells the LAN before the server hears of it (RFC 9096
        // §3.3). The loop goes on meanwhile; the engine bounds the wait itself.
        if (action.holdsRelease) {
          void run.then(() => {
            this.#releaseHookDone = true;
            this.#ports.wake?.();
          });
        }
        return;
      }
      case "state-changed":
        // A step, not an event: the engine logs why each exchange starts and how it ends.
        this.#log("info", `${name}: ${action.from} -> ${action.to}`);
        this.#ports.changed();
        return;
      case "lease-changed":
        // A failed save (a full disk) is logged once per kind inside; the
        // lease in memory stays in force and the next change tries again.
        await this.#leaseFile.persist(this.#ports.stateDir(), action.lease, clock.wall());
        this.#ports.changed();
        return;
      case "stopped": {
        this.stopped = true;
        this.#ports.changed();
        const after = this.afterStop;
        this.afterStop = undefined;
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

  #log(level: Level, message: string): void {
    this.#ports.logger.log(level, message);
  }
}
