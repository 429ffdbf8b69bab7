/**
 * Release (RFC 9915 §18.2.7) and stopping. Every lease is withdrawn before
 * the Release goes out: addresses and delegated prefixes removed at once
 * (§6.3: no Release while any of the delegated space is in use); the shell
 * carries out actions before transmits. The RELEASE hook runs before the
 * Release too, and the Release can wait for it to finish (RFC 9096 §3.3).
 * @module
 */
import { MessageType } from "../constants.ts";
import { limitsFor } from "../retransmit.ts";
import { type ClientCore, type IaBinding, iaHasLeases, type ServerInfo } from "./state.ts";
import { endExchange, startExchange, transmit } from "./exchange.ts";
import { clientId, elapsedTime, iaOption, serverId } from "./messages.ts";
import { withdrawAll } from "./ia.ts";
import { emitHook, emitLeaseChanged } from "./bound.ts";
import { buildStatus } from "./status.ts";

/** What to do once the Release is over. */
export type AfterRelease = "stop" | "idle";

/**
 * Releases every lease, then stops or idles. The leases are withdrawn first,
 * and the configuration the server gave goes with them; the RELEASE hook
 * then runs with that state, before the Release goes out (see
 * {@link sendRelease}).
 */
export function startRelease(core: ClientCore, now: number, then: AfterRelease): void {
  const server = core.server;
  if (!server || !core.hasLeases) {
    core.log("debug", "nothing to release");
    finishRelease(core, now, then);
    return;
  }
  endExchange(core);
  // RFC 9915 §6.3: nothing of a released prefix may stay in use, not even deprecated.
  const released = withdrawAll(core, "releasing them (RFC 9915 §18.2.7)", false)
    .filter(iaHasLeases);
  core.options = [];
  emitLeaseChanged(core, now);
  sendRelease(core, now, server, released, (c, t) => finishRelease(c, t, then));
}

/**
 * Releases only `released` (IAs already withdrawn and dropped from the
 * bindings), keeping every other binding (§18.2.7: the Release carries the
 * IAs to release); `then` runs once it is answered or given up.
 */
export function startPartialRelease(
  core: ClientCore,
  now: number,
  released: readonly IaBinding[],
  then: (core: ClientCore, now: number) => void,
): void {
  const server = core.server;
  if (!server || released.length === 0) {
    then(core, now);
    return;
  }
  endExchange(core);
  sendRelease(core, now, server, released, then);
}

/**
 * Sends the Release of `released`, whose leases are withdrawn already (the
 * shell carries out actions before transmits, so the kernel, and through
 * `lanChanged` the LAN side, let go of them first: RFC 9915 §6.3, §18.2.7).
 * The RELEASE hook is queued before the Release, with the state after the
 * withdrawal, so that a script reconfiguring an RA daemon tells the hosts
 * before the server hears of it (RFC 9096 §3.3). With
 * `releaseHookWait`, the Release waits for the shell to report the end of
 * that hook (`handleHookDone`), at most that long.
 */
function sendRelease(
  core: ClientCore,
  now: number,
  server: ServerInfo,
  released: readonly IaBinding[],
  then: (core: ClientCore, now: number) => void,
): void {
  core.afterRelease = then;
  core.setState("releasing");
  const wait = core.config.releaseHookWait ?? 0;
  // Leases of unknown age were never installed nor shown to the hook: no hook for them alone.
  const announced = released.some((ia) => !ia.unconfirmed);
  core.releaseHeld = announced && wait > 0;
  if (announced) {
    core.act({
      type: "hook",
      reason: "RELEASE",
      status: buildStatus(core, now),
      ...(core.releaseHeld ? { holdsRelease: true as const } : {}),
    });
  }
  if (core.releaseHeld) {
    core.log(
      "debug",
      `holding the RELEASE until the RELEASE hook has finished (at most ${wait} ms)`,
    );
  }
  startExchange(core, now, {
    kind: "release",
    limits: limitsFor("RELEASE"),
    delay: core.releaseHeld ? wait : 0,
    serverDuid: server.duid,
    build: (ex, elapsed) => ({
      type: MessageType.RELEASE,
      transactionId: ex.transactionId,
      options: [
        clientId(core),
        serverId(server.duid),
        elapsedTime(elapsed),
        ...released.map((ia) => iaOption(core, ia, "leases")),
      ],
    }),
    onSent: (ex) => {
      if (core.releaseHeld && ex.retransmission.count === 1) {
        core.log(
          "warn",
          `the RELEASE hook did not finish within ${wait} ms: sending the RELEASE anyway`,
        );
      }
      core.releaseHeld = false;
    },
    onFail: (c, t) => {
      c.log(
        "debug",
        "no Reply to RELEASE after REL_MAX_RC transmissions: release done (RFC 9915 §18.2.7)",
      );
      afterRelease(c, t);
    },
  });
}

/**
 * The shell reports that the hook it was running has finished. A Release
 * held for the RELEASE hook (see {@link sendRelease}) goes out now; any
 * other report is ignored.
 */
export function releaseHookDone(core: ClientCore, now: number): void {
  const ex = core.exchange;
  if (!core.releaseHeld || ex?.kind !== "release" || ex.sendAt === undefined) {
    core.log("debug", "hook done: no RELEASE is waiting for it");
    return;
  }
  core.releaseHeld = false;
  core.log("debug", "the RELEASE hook has finished: sending the RELEASE");
  transmit(core, ex, now);
}

/** A Reply to Release completes it whatever its status (§18.2.10.2). */
export function handleReleaseReply(
  core: ClientCore,
  now: number,
  from: string,
  status: string,
): void {
  core.log("debug", `REPLY to RELEASE from ${from} (status ${status}): release done`);
  endExchange(core);
  afterRelease(core, now);
}

/** Ends a running Release early (the link went down): done as if unanswered. */
export function abortRelease(core: ClientCore, now: number, why: string): void {
  core.log("debug", `giving up the RELEASE exchange: ${why}`);
  endExchange(core);
  afterRelease(core, now);
}

/** Runs what follows the Release that just ended. */
function afterRelease(core: ClientCore, now: number): void {
  const then = core.afterRelease;
  core.afterRelease = undefined;
  core.releaseHeld = false;
  if (then) then(core, now);
  else finishRelease(core, now, "idle");
}

/** After a Release of everything (its hook ran before it): stop, or idle. */
function finishRelease(core: ClientCore, now: number, then: AfterRelease): void {
  core.forgetServer();
  if (then === "stop") {
    finishStop(core, now);
    return;
  }
  core.setState("idle");
}

/** Stops: the EXIT hook, state stopped, then the "stopped" action. */
export function finishStop(core: ClientCore, now: number): void {
  endExchange(core);
  core.setState("stopped");
  emitHook(core, now, "EXIT");
  core.act({ type: "stopped" });
}
