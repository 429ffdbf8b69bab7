/**
 * Release (RFC 9915 §18.2.7) and stopping. Every lease is withdrawn before
 * the Release goes out: addresses removed, delegated prefixes deprecated
 * (§6.3, RFC 7084 L-13); the shell carries out actions before transmits.
 * @module
 */
import { MessageType } from "../constants.ts";
import { limitsFor } from "../retransmit.ts";
import type { ClientCore } from "./state.ts";
import { endExchange, startExchange } from "./exchange.ts";
import { clientId, elapsedTime, iaOption, serverId } from "./messages.ts";
import { iaHasLeases, withdrawAll } from "./ia.ts";
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
  const released = withdrawAll(core, "releasing them (RFC 9915 §18.2.7)").filter(iaHasLeases);
  emitLeaseChanged(core, now);
  core.afterRelease = then;
  core.setState("releasing");
  startExchange(core, now, {
    kind: "release",
    type: MessageType.RELEASE,
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
      finishRelease(c, t, then, true);
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
  finishRelease(core, now, core.afterRelease ?? "idle", true);
}

/** Ends a running Release early (the link went down): done as if unanswered. */
export function abortRelease(core: ClientCore, now: number, why: string): void {
  core.log("debug", `giving up the RELEASE exchange: ${why}`);
  endExchange(core);
  finishRelease(core, now, core.afterRelease ?? "idle", true);
}

function finishRelease(core: ClientCore, now: number, then: AfterRelease, released: boolean): void {
  core.server = undefined;
  core.reconfigureKey = undefined;
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
