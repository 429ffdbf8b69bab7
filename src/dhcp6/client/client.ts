/**
 * The DHCPv6 client engine of one interface (RFC 9915 §18.2), sans-IO: the
 * shell feeds it events with the current monotonic time and drains what it
 * must send, do and wait for.
 * @module
 */
import { MessageType } from "../constants.ts";
import { isRelayMessage, type Message } from "../message.ts";
import { optionName } from "../names.ts";
import type {
  Action,
  ClientCommand,
  ClientConfig,
  ClientStatus,
  ConfigChangeOutcome,
  RandomSource,
  SavedLease,
  Transmit,
} from "./types.ts";
import { ClientCore, increment } from "./state.ts";
import { endExchange, messageName, onExchangeTimeout } from "./exchange.ts";
import { describeInvalid, validateResponse } from "./validate.ts";
import { decodeReceived } from "./received.ts";
import { handleAdvertise, onSolicitTimeout, startSolicit } from "./solicit.ts";
import { handleLeaseReply } from "./reply.ts";
import { handleConfirmReply, onConfirmTimeout } from "./confirm.ts";
import {
  abortRelease,
  finishStop,
  handleReleaseReply,
  releaseHookDone,
  startRelease,
} from "./release.ts";
import { handleDadFailed, handleDeclineReply } from "./decline.ts";
import { handleInformationReply, startInformationRequest } from "./info_request.ts";
import { handleReconfigure } from "./reconfigure.ts";
import { processMaxRt } from "./max_rt.ts";
import { startRebind, startRenew } from "./renew.ts";
import { refreshConfiguration } from "./link.ts";
import { applyPendingConfig, changeConfig } from "./config_change.ts";
import { expireLeases } from "./ia.ts";
import { afterLeaseLoss, installedLeaseCount } from "./bound.ts";
import { describeStatus, findOption, statusOf } from "./messages.ts";
import { buildStatus } from "./status.ts";
import { restoreLease, savedLeaseAge, savedLeaseOf } from "./saved_lease.ts";
import { dueTimer, nextTimeout } from "./timers.ts";

/** Bound on timer handling per call, so that a bug cannot spin forever. */
const MAX_TIMER_STEPS = 1000;

/**
 * One interface's DHCPv6 client (RFC 9915 §18.2).
 *
 * Inputs: {@link start}, {@link handleDatagram}, {@link handleTimeout},
 * {@link handleLinkChange}, {@link handleAddressEvent}, {@link handleCommand},
 * {@link handleConfigChange}.
 * Outputs: {@link pollAction} (carry out every action first), then
 * {@link pollTransmit}, then arm one timer at {@link pollTimeout}.
 * Times are milliseconds of a monotonic clock; nothing here reads a clock,
 * draws ambient randomness or throws on input from the wire.
 *
 * @example
 * ```ts
 * const client = new Dhcp6Client(config, () => crypto.getRandomValues(new Uint32Array(1))[0]! / 2 ** 32);
 * client.start(now());
 * // loop: feed events, then drain
 * for (let a; (a = client.pollAction());) carryOut(a);
 * for (let t; (t = client.pollTransmit());) send(t);
 * const wakeAt = client.pollTimeout();
 * ```
 */
export class Dhcp6Client {
  readonly #core: ClientCore;
  /** A saved lease given to a start while the link was down: resumed when it comes up. */
  #pendingSaved: { saved: SavedLease; wallClockNow: number | undefined } | undefined;

  /** A client for `config`, drawing uniform numbers in [0, 1) from `random`. */
  constructor(config: ClientConfig, random: RandomSource) {
    this.#core = new ClientCore(config, random);
  }

  /** The interface this client runs on. */
  get interfaceName(): string {
    return this.#core.config.interfaceName;
  }

  /**
   * Starts the client. With a lease saved by a previous run, resumes it as
   * after a link change (RFC 9915 §18.2.12: Confirm for addresses, Rebind for
   * prefixes); otherwise Solicits, or Information-requests when stateless.
   * `wallClockNow` (ms since the epoch) ages the saved lease by `savedAt`;
   * when that age cannot be known (`savedLeaseAge`: the clock is behind
   * `savedAt`, or unset), nothing of the lease is installed until a Reply
   * to Rebind confirms it.
   */
  start(now: number, saved?: SavedLease, wallClockNow?: number): void {
    this.#guard("start", () => {
      const core = this.#core;
      if (core.running) {
        core.log("debug", "start ignored: already running");
        return;
      }
      core.started = true;
      core.setState("idle");
      if (!core.linkUp) {
        core.log("info", "started; waiting for the link to come up");
        if (saved) this.#pendingSaved = { saved, wallClockNow };
        return;
      }
      this.#begin(now, saved, wallClockNow);
    });
  }

  #begin(now: number, saved: SavedLease | undefined, wallClockNow: number | undefined): void {
    const core = this.#core;
    if (saved && !core.stateless) {
      // Without a wall clock the shell has aged the lease itself.
      const age = wallClockNow !== undefined
        ? savedLeaseAge(saved.savedAt, wallClockNow)
        : { seconds: 0 };
      if (restoreLease(core, now, saved, age) > 0) {
        refreshConfiguration(core, now, "resuming a saved lease");
        return;
      }
    }
    if (core.hasLeases) {
      refreshConfiguration(core, now, "restarting with leases held");
      return;
    }
    if (core.stateless) {
      startInformationRequest(core, now, { why: "stateless configuration (RFC 9915 §18.2.6)" });
    } else startSolicit(core, now, "starting");
  }

  /**
   * A datagram arrived on the interface from `from` (an IPv6 address).
   * `destination`, when given, is the address it was sent to: a Reconfigure
   * must be unicast (RFC 9915 §16.11), and an Advertise or Reply sent to a
   * multicast address is dropped (§16: clients do not accept multicast).
   * A malformed option the client's decisions do not rest on is dropped
   * alone and counted (`malformed-<OPTION>`); see `received.ts`.
   */
  handleDatagram(now: number, from: string, bytes: Uint8Array, destination?: string): void {
    this.#guard("datagram", () => {
      const core = this.#core;
      if (!core.running) {
        core.drop("not-running", () => `datagram from ${from}: the client is not running`);
        return;
      }
      let m: Message;
      try {
        m = decodeReceived(bytes);
      } catch (e) {
        core.drop("undecodable", () => `datagram from ${from}: ${(e as Error).message}`);
        return;
      }
      if (isRelayMessage(m)) {
        core.drop(
          "unexpected-type",
          () =>
            `${messageName(m.type)} from ${from}: clients discard relay messages (RFC 9915 §16)`,
        );
        return;
      }
      const name = messageName(m.type);
      increment(core.received, name);
      if (m.type === MessageType.RECONFIGURE) {
        handleReconfigure(core, now, from, m, bytes, isMulticast(destination));
        return;
      }
      if (m.type !== MessageType.ADVERTISE && m.type !== MessageType.REPLY) {
        core.drop(
          "unexpected-type",
          () => `${name} from ${from}: clients discard it (RFC 9915 §16)`,
        );
        return;
      }
      if (isMulticast(destination)) {
        core.drop(
          "multicast",
          () =>
            `${name} from ${from} sent to ${destination}: clients do not accept multicast messages (RFC 9915 §16)`,
        );
        return;
      }
      const bad = validateResponse(core, m);
      if (bad) {
        core.drop(bad, () => `${describeInvalid(core, m, bad)} (from ${from})`);
        return;
      }
      for (const o of m.options) {
        if (o.name !== "MALFORMED") continue;
        const option = optionName(o.code);
        core.drop(
          `malformed-${option}`,
          () =>
            `the ${option} option of ${name} from ${from} (${o.error}); using the rest of the message (RFC 9915 §16)`,
        );
      }
      const ex = core.exchange!;
      // Any valid Advertise or Reply, even one ignored below or carrying an error
      // status, sets SOL_MAX_RT / INF_MAX_RT (RFC 9915 §18.2.9, §18.2.10).
      processMaxRt(core, m);
      if (m.type === MessageType.ADVERTISE) {
        handleAdvertise(core, now, from, m);
        return;
      }
      switch (ex.kind) {
        case "solicit":
          if (!core.config.rapidCommit || !findOption(m.options, "RAPID_COMMIT")) {
            core.drop(
              "no-rapid-commit",
              () => `REPLY from ${from} to SOLICIT without Rapid Commit (RFC 9915 §18.2.1)`,
            );
            return;
          }
          handleLeaseReply(core, now, from, m, "solicit");
          return;
        case "request":
        case "renew":
        case "rebind":
          handleLeaseReply(core, now, from, m, ex.kind);
          return;
        case "confirm":
          handleConfirmReply(core, from, m);
          return;
        case "release":
          handleReleaseReply(core, now, from, describeStatus(statusOf(m.options)));
          return;
        case "decline":
          handleDeclineReply(core, now, from, describeStatus(statusOf(m.options)));
          return;
        case "information-request":
          handleInformationReply(core, now, from, m);
          return;
      }
    });
  }

  /** The time given by {@link pollTimeout} has come (calling early or late is harmless). */
  handleTimeout(now: number): void {
    this.#guard("timeout", () => {
      const core = this.#core;
      for (let i = 0; i < MAX_TIMER_STEPS; i++) {
        const t = dueTimer(core, now);
        if (!t) return;
        switch (t) {
          case "expire": {
            const installed = installedLeaseCount(core);
            if (expireLeases(core, now)) afterLeaseLoss(core, now, "EXPIRE", installed);
            break;
          }
          case "exchange": {
            const ex = core.exchange!;
            if (ex.kind === "solicit") onSolicitTimeout(core, ex, now);
            else if (ex.kind === "confirm") onConfirmTimeout(core, ex, now);
            else onExchangeTimeout(core, ex, now);
            break;
          }
          case "config":
            applyPendingConfig(core, now);
            break;
          case "rebind":
            startRebind(core, now, { why: "T2 reached (RFC 9915 §18.2.5)" });
            break;
          case "renew":
            startRenew(core, now, { why: "T1 reached (RFC 9915 §18.2.4)" });
            break;
          case "refresh":
            startInformationRequest(core, now, {
              why: "information refresh time reached (RFC 9915 §21.23)",
            });
            break;
        }
      }
      core.log("error", "timer handling did not settle; will retry at the next timeout");
    });
  }

  /**
   * The interface's link went down or came up. Down: the running exchange
   * stops (leases keep their lifetimes). Up: RFC 9915 §18.2.12.
   */
  handleLinkChange(now: number, up: boolean): void {
    this.#guard("link", () => {
      const core = this.#core;
      if (up === core.linkUp) {
        core.log("debug", `link ${up ? "up" : "down"} again: nothing to do`);
        return;
      }
      core.linkUp = up;
      if (!core.running) return;
      if (!up) {
        core.log("info", "link down: stopping the running exchange");
        if (core.exchange?.kind === "release") {
          abortRelease(core, now, "link down");
          return;
        }
        endExchange(core);
        core.setState(stateWithoutExchange(core));
        return;
      }
      if (this.#pendingSaved) {
        const p = this.#pendingSaved;
        this.#pendingSaved = undefined;
        this.#begin(now, p.saved, p.wallClockNow);
        return;
      }
      if (core.state === "releasing") return;
      refreshConfiguration(core, now, "link up: may have moved to a new link");
    });
  }

  /** The kernel finished DAD on a leased address: "ready" or "dad-failed" (RFC 9915 §18.2.10.1). */
  handleAddressEvent(now: number, address: string, event: "ready" | "dad-failed"): void {
    this.#guard("address", () => {
      if (event === "ready") {
        this.#core.log("debug", `${address} passed duplicate address detection`);
        return;
      }
      handleDadFailed(this.#core, now, address);
    });
  }

  /**
   * The shell has finished running the hook of an action marked
   * `holdsRelease` (or found no script to run): the Release held for it goes
   * out now (`ClientConfig.releaseHookWait`; RFC 9096 §3.3: the LAN hears of
   * a withdrawn prefix before the server does). Harmless at any other time.
   */
  handleHookDone(now: number): void {
    this.#guard("hook done", () => releaseHookDone(this.#core, now));
  }

  /**
   * An operator command: "renew" (Renew now, or Information-request when
   * stateless, or start when idle), "rebind", "release" (release and idle),
   * "stop" (release unless configured off, then stop).
   */
  handleCommand(now: number, command: ClientCommand): void {
    this.#guard("command", () => {
      const core = this.#core;
      core.log("info", `command: ${command}`);
      if (command === "stop") {
        if (core.state === "stopped") return;
        if (core.config.releaseOnStop && core.hasLeases && core.server) {
          startRelease(core, now, "stop");
        } else {
          if (core.hasLeases) {
            core.log("debug", "stopping without Release (release on stop is off)");
          }
          finishStop(core, now);
        }
        return;
      }
      if (command === "release") {
        if (core.hasLeases) startRelease(core, now, "idle");
        else core.log("debug", "release: no lease held");
        return;
      }
      if (!core.running || core.state === "idle") {
        core.started = true;
        this.#begin(now, undefined, undefined);
        return;
      }
      if (core.stateless) {
        startInformationRequest(core, now, { why: `${command} command` });
        return;
      }
      if (!core.hasLeases || core.state === "releasing") {
        core.log("debug", `${command}: ignored in state ${core.state} without leases`);
        return;
      }
      if (command === "renew") startRenew(core, now, { why: "renew command" });
      else startRebind(core, now, { why: "rebind command" });
    });
  }

  /**
   * The configuration changed (a reload). Only what changed is redone: removed
   * IAs are withdrawn and released (RFC 9915 §18.2.7; not sent when
   * `releaseOnStop` is off), added IAs are asked for in a Renew carrying every
   * IA (§18.2.4), new hints and other settings apply from the next message.
   * While not bound, discovery starts over. Returns "restart" without changing
   * anything when the DUID differs or the client switches between stateful and
   * information-only (§18.2.6): the shell then stops this client and starts a
   * new one.
   */
  handleConfigChange(now: number, config: ClientConfig): ConfigChangeOutcome {
    // An internal fault leaves the state unknown: a fresh client is the safe way on.
    let outcome: ConfigChangeOutcome = "restart";
    this.#guard("configuration change", () => {
      outcome = changeConfig(this.#core, now, config);
    });
    return outcome;
  }

  /** The next datagram to send, or undefined. Drain after {@link pollAction}. */
  pollTransmit(): Transmit | undefined {
    return this.#core.transmits.shift();
  }

  /** The next action to carry out, in order, or undefined. */
  pollAction(): Action | undefined {
    return this.#core.actions.shift();
  }

  /** Engine time at which {@link handleTimeout} must be called, or undefined for never. */
  pollTimeout(): number | undefined {
    return nextTimeout(this.#core);
  }

  /** What the client holds now (state, leases, options, counters). */
  status(now: number): ClientStatus {
    return buildStatus(this.#core, now);
  }

  /** The lease to persist now (lifetimes relative to `now`), or null. */
  savedLease(now: number): Omit<SavedLease, "savedAt"> | null {
    return savedLeaseOf(this.#core, now);
  }

  /** Runs an input; an internal fault is logged and counted, never thrown. */
  #guard(what: string, f: () => void): void {
    try {
      f();
    } catch (e) {
      const core = this.#core;
      increment(core.dropped, "internal-error");
      core.log(
        "error",
        `internal error while handling ${what}: ${(e as Error)?.stack ?? String(e)}`,
      );
    }
  }
}

/** Where a client rests with no exchange running: bound, informed (stateless) or idle. */
function stateWithoutExchange(core: ClientCore): "bound" | "informed" | "idle" {
  if (core.hasLeases) return "bound";
  return core.stateless && core.options.length > 0 ? "informed" : "idle";
}

/** True when a datagram was sent to a multicast address (ff00::/8, RFC 4291 §2.7). */
function isMulticast(destination: string | undefined): boolean {
  return destination !== undefined && destination.toLowerCase().startsWith("ff");
}
