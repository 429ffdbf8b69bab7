/**
 * Release (RFC 9915 §18.2.7) and stopping. Every lease is withdrawn before
 * the Release goes out: addresses and delegated prefixes removed at once
 * (§6.3: no Release while any of the delegated space is in use); the shell
 * carries out actions before transmits.
 * @module
 */
import { MessageType } from "../constants.ts";
import { limitsFor } from "../retransmit.ts";
import { type ClientCore, type IaBinding, iaHasLeases, type ServerInfo } from "./state.ts";
import { endExchange, startExchange } from "./exchange.ts";
import { clientId, elapsedTime, iaOption, serverId } from "./messages.ts";
import { withdrawAll } from "./ia.ts";
import { emitHook, emitLeaseChanged } from "./bound.ts";

/** What to do once the Release is over. */
export type AfterRelease = "stop" | "idle";

/** Releases every lease, then stops or idles. */
export function startRelease(core: ClientCore, now: number, then: AfterRelease): void {
  const server = core.server;
  if (!server || !core.hasLeases) {
    core.log("debug", "nothing to release");
    finishRelease(core, now, then, false);
    return;
  }
  endExchange(core);
  // RFC 9915 §6.3: nothing of a released prefix may stay in use, not even deprecated.
  const released = withdrawAll(core, "releasing them (RFC 9915 §18.2.7)", false)
    .filter(iaHasLeases);
  emitLeaseChanged(core, now);
  sendRelease(core, now, server, released, (c, t) => finishRelease(c, t, then, true));
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

function sendRelease(
  core: ClientCore,
  now: number,
  server: ServerInfo,
  released: readonly IaBinding[],
  then: (core: ClientCore, now: number) => void,
): void {
  core.afterRelease = then;
  core.setState("releasing");
  startExchange(core, now, {
    kind: "release",
    limits: limitsFor("RELEASE"),
    delay: 0,
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
    onFail: (c, t) => {
      c.log(
        "debug",
        "no Reply to RELEASE after REL_MAX_RC transmissions: release done (RFC 9915 §18.2.7)",
      );
      afterRelease(c, t);
    },
  });
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
  if (then) then(core, now);
  else finishRelease(core, now, "idle", true);
}

function finishRelease(core: ClientCore, now: number, then: AfterRelease, released: boolean): void {
  core.forgetServer();
  if (released) emitHook(core, now, "RELEASE");
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
