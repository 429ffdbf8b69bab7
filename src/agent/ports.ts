/**
 * The shapes the agent drives: the client engine (RFC 9915 §18, pure), the
 * DHCPv6 socket, rtnetlink operations and events, hooks and the log. The agent
 * is written against these so that its loop is testable with fakes and so that
 * the FFI and engine modules plug in through small adapters.
 * @module
 */
import type {
  Action,
  ClientCommand,
  ClientConfig,
  ClientStatus,
  ConfigChangeOutcome,
  HookReason,
  RandomSource,
  SavedLease,
  Transmit,
} from "../dhcp6/client/types.ts";
import type { Level } from "../log/level.ts";
import type { LanAssignment } from "../hooks/lan_assignment.ts";
import type { LanHookView } from "../hooks/lan_status.ts";

/** One interface's DHCPv6 client engine (quinn-proto style: handle*, poll*). */
export interface Engine {
  /**
   * Starts the client; with a saved lease it resumes by Confirm/Rebind (RFC
   * 9915 §18.2.12), aged by `wallClockNow` − `saved.savedAt`.
   */
  start(now: number, saved?: SavedLease, wallClockNow?: number): void;
  /** A datagram from `from`, sent to `destination` (Reconfigure must be unicast, §16.11). */
  handleDatagram(now: number, from: string, bytes: Uint8Array, destination?: string): void;
  /**
   * The timer reported by `pollTimeout` fired: retransmit, renew, rebind or expire (RFC 9915 §15,
   * §18.2.4, §18.2.5).
   */
  handleTimeout(now: number): void;
  /** Carrier lost (false) or regained (true): RFC 9915 §18.2.12 on regain. */
  handleLinkChange(now: number, up: boolean): void;
  /** DAD finished on a leased address; failure leads to Decline (RFC 9915 §18.2.8). */
  handleAddressEvent(now: number, address: string, event: "ready" | "dad-failed"): void;
  /** An operator's renew, rebind, release or stop (RFC 9915 §18.2.4, §18.2.5, §18.2.7). */
  handleCommand(now: number, command: ClientCommand): void;
  /**
   * The hook of an action marked `holdsRelease` has finished (or there was
   * no script): the Release held for it goes out (RFC 9096 §3.3).
   */
  handleHookDone(now: number): void;
  /**
   * A reload changed this interface's configuration: only what changed is
   * redone (RFC 9915 §18.2.4, §18.2.7); "restart" asks for a new engine.
   */
  handleConfigChange(now: number, config: ClientConfig): ConfigChangeOutcome;
  /** The next side effect to carry out, or undefined when none; drained before transmits. */
  pollAction(): Action | undefined;
  /** The next datagram to send, or undefined when none. */
  pollTransmit(): Transmit | undefined;
  /** Engine time of the earliest timer, if any. */
  pollTimeout(): number | undefined;
  /** What the client holds at `now`, for status output and hooks. */
  status(now: number): ClientStatus;
}

/** Makes an engine for one interface. */
export type EngineFactory = (config: ClientConfig, random: RandomSource) => Engine;

/** A datagram received on the DHCPv6 client port. */
export interface Datagram {
  /** The UDP payload: one DHCPv6 message, not yet decoded. */
  readonly bytes: Uint8Array;
  /** Source address (RFC 5952 text, without zone). */
  readonly source: string;
  /** Index of the receiving interface (from IPV6_PKTINFO). */
  readonly interfaceIndex: number;
  /** The address it was sent to (from IPV6_PKTINFO), when known. */
  readonly destination?: string;
}

/** The UDP socket on port 546 (RFC 9915 §7.2). */
export interface Transport {
  /** The descriptor to poll for readability. */
  readonly fd: number;
  /** Sends to `destination` (ff02::1:2) out of `interfaceIndex`. */
  send(interfaceIndex: number, destination: string, bytes: Uint8Array): void;
  /** The next queued datagram, or undefined when none is waiting (never blocks). */
  receive(): Datagram | undefined;
  /** Closes the socket; the transport is unusable after. */
  close(): void;
}

/** A network interface as rtnetlink reports it. */
export interface LinkInfo {
  /** The kernel's interface index (ifindex). */
  readonly index: number;
  /** The interface name (IFLA_IFNAME), as the configuration names it. */
  readonly name: string;
  /** ARP hardware type (1 Ethernet). */
  readonly hardwareType: number;
  /** Link-layer address; empty when the interface has none. */
  readonly mac: Uint8Array;
  /** Administratively up (IFF_UP). */
  readonly up: boolean;
  /** Carrier present (IFF_LOWER_UP / IFF_RUNNING). */
  readonly carrier: boolean;
}

/** An address to install; lifetimes in seconds (0xffffffff: forever). */
export interface AddressSpec {
  /** The interface to put the address on. */
  readonly interfaceIndex: number;
  /** The address, in IPv6 text form. */
  readonly address: string;
  /** Prefix length of the address: 128 for an IA_NA address, the subnet length on a LAN. */
  readonly prefixLength: number;
  /** Seconds until it becomes deprecated (IFA_CACHEINFO). */
  readonly preferredLifetime: number;
  /** Seconds until the kernel removes it (IFA_CACHEINFO). */
  readonly validLifetime: number;
  /** IFA_F_NOPREFIXROUTE: no on-link route for the prefix (it is not ours to announce). */
  readonly noPrefixRoute: boolean;
}

/** An IPv6 address of an interface, with its duplicate address detection state (RFC 4862 §5.4). */
export interface InterfaceAddress {
  /** The address, in IPv6 text form. */
  readonly address: string;
  /** Its prefix length. */
  readonly prefixLength: number;
  /** Still in duplicate address detection (IFA_F_TENTATIVE): nothing can be sent from it. */
  readonly tentative: boolean;
  /** Duplicate address detection failed (IFA_F_DADFAILED). */
  readonly dadFailed: boolean;
}

/** rtnetlink operations the agent needs. Each rejects with an Error naming the errno. */
export interface NetConfig {
  /** Every interface the kernel knows now (RTM_GETLINK dump). */
  links(): Promise<LinkInfo[]>;
  /**
   * The IPv6 addresses of one interface now (RTM_GETADDR dump): the agent
   * waits for a finished link-local one before it lets the engine send.
   */
  addresses(interfaceIndex: number): Promise<InterfaceAddress[]>;
  /** Adds the address, or replaces its lifetimes if present (NLM_F_REPLACE). */
  setAddress(spec: AddressSpec): Promise<void>;
  /** Removes the address; absent addresses are not an error. */
  removeAddress(interfaceIndex: number, address: string, prefixLength: number): Promise<void>;
  /**
   * Adds or replaces an unreachable route for the prefix (RFC 7084 WPD-5),
   * asking the kernel to remove it after `validLifetime` seconds (0xffffffff:
   * never) so that it does not outlive the prefix if the agent dies (Linux
   * 6.x accepts but ignores RTA_EXPIRES on unreachable routes).
   */
  setUnreachableRoute(prefix: string, prefixLength: number, validLifetime: number): Promise<void>;
  /** Removes that route; an absent route is not an error. */
  removeUnreachableRoute(prefix: string, prefixLength: number): Promise<void>;
  /**
   * The unreachable routes in the kernel that look like ours (main table,
   * protocol dhcp): what a previous run may have left behind, since the kernel
   * does not expire them.
   */
  unreachableRoutes(): Promise<{ readonly prefix: string; readonly prefixLength: number }[]>;
}

/** What the rtnetlink monitor reports. */
export type NetEvent =
  | { readonly type: "link"; readonly link: LinkInfo }
  | { readonly type: "link-removed"; readonly index: number; readonly name: string }
  | {
    readonly type: "address";
    readonly interfaceIndex: number;
    readonly address: string;
    readonly prefixLength: number;
    readonly tentative: boolean;
    readonly dadFailed: boolean;
    readonly removed: boolean;
  }
  /** Notifications were lost (ENOBUFS): re-read the interfaces. */
  | { readonly type: "resync" };

/** The rtnetlink event socket (RTMGRP_LINK, RTMGRP_IPV6_IFADDR). */
export interface NetMonitor {
  /** The descriptor to poll for readability. */
  readonly fd: number;
  /** Events queued now (never blocks). */
  read(): NetEvent[];
  /** Closes the socket; the monitor is unusable after. */
  close(): void;
}

/** One hook run: the event, the status after it and the LAN subnets in force. */
export interface HookRequest {
  /** The upstream interface the event happened on. */
  readonly interfaceName: string;
  /** Path of the hook script, run without a shell. */
  readonly script: string;
  /** The dhcp6c reason for the event (`REASON` in the hook's environment). */
  readonly reason: HookReason;
  /** The client's state after the event: leases and options to export. */
  readonly status: ClientStatus;
  /** The LAN subnets in force, exported to the hook as `LAN_SUBNETS`. */
  readonly lan: readonly LanAssignment[];
  /** What the LAN side advertises (`LAN_ADVERTISED`, `LAN_STALE`), when `[lan.*]` tables exist. */
  readonly lanView?: LanHookView;
  /** Engine time of the event (ms). */
  readonly now: number;
}

/** Runs an interface's hook script after its kernel changes (OPNsense order). */
export interface HookPort {
  /** Resolves when the run has finished; never needed for the loop to go on. */
  run(request: HookRequest): Promise<void>;
}

/** Where the agent logs. */
export interface Logger {
  /** Writes one log line at `level` (`notice`: an event; `info`: a step; `debug`: a decision). */
  log(level: Level, message: string): void;
  /** Whether a line at `level` is written; guard a line that costs to build (absent: always). */
  enabled?(level: Level): boolean;
}
