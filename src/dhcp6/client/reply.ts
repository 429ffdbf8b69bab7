/**
 * Receipt of a Reply to Solicit (Rapid Commit), Request, Renew or Rebind
 * (RFC 9915 §18.2.10, §18.2.10.1).
 * @module
 */
import { StatusCode } from "../constants.ts";
import type { ClientServerMessage } from "../message.ts";
import { endExchange, type ExchangeKind, ignoreErrorReply } from "./exchange.ts";
import { describeStatus, findOption, sameBytes, statusOf } from "./messages.ts";
import { iaIn } from "./advertise.ts";
import { applyIa, hasT1AfterT2, iaLabel, iaProblem } from "./ia.ts";
import { type ClientCore, iaHasLeases } from "./state.ts";
import { startSolicit } from "./solicit.ts";
import { startRequest } from "./request.ts";
import {
  configurationOptions,
  emitHook,
  emitLeaseChanged,
  emitLossHook,
  enterBound,
  installedLeaseCount,
} from "./bound.ts";
import { takeReconfigureKey } from "./reconfigure.ts";

const HOOK_REASON = {
  solicit: "SOLICIT",
  request: "REQUEST",
  renew: "RENEW",
  rebind: "REBIND",
} as const;

/** Handles a valid Reply to a Solicit with Rapid Commit, a Request, a Renew or a Rebind. */
export function handleLeaseReply(
  core: ClientCore,
  now: number,
  from: string,
  m: ClientServerMessage,
  kind: LeaseExchangeKind,
): void {
  const serverDuid = findOption(m.options, "SERVERID")!.duid;
  const top = statusOf(m.options);
  const fresh = kind === "solicit" || kind === "request";
  const installed = installedLeaseCount(core);
  if (top.code === StatusCode.NotOnLink && fresh) {
    notOnLink(core, now, `REPLY from ${from} has status ${describeStatus(top)}`, installed);
    return;
  }
  if (top.code !== StatusCode.Success) {
    ignoreErrorReply(core, kind, from, describeStatus(top));
    return;
  }
  logObsoleteOptions(core, m);
  if (fresh) {
    // Checked before any IA is applied, so that nothing from this Reply is installed
    // only to be withdrawn by the new Solicit (§18.2.10.1).
    const off = core.ias.find((ia) => {
      const opt = iaIn(m, ia.type, ia.iaid);
      return opt !== undefined && statusOf(opt.options).code === StatusCode.NotOnLink;
    });
    if (off) {
      notOnLink(core, now, `REPLY from ${from} puts ${iaLabel(off)} NotOnLink`, installed);
      return;
    }
  }
  const { changed, needRequest, missing } = applyReplyIas(core, now, from, m, fresh);
  if (needRequest) {
    if (changed) emitLeaseChanged(core, now);
    endExchange(core);
    startRequest(core, now, { duid: serverDuid, address: from });
    return;
  }
  if (missing.length > 0 && !fresh) {
    // The server likely lacks that IA type: keep the exchange on its own (rate-limited) schedule (§18.2.10.1).
    core.log(
      "debug",
      `REPLY from ${from} lacks ${
        missing.join(", ")
      }: keeping the other bindings, retrying on the ${kindName(kind)} schedule`,
    );
    core.options = configurationOptions(m.options);
    if (changed) emitLeaseChanged(core, now);
    return;
  }
  if (!core.hasLeases) {
    endExchange(core);
    core.forgetServer();
    if (changed) emitLeaseChanged(core, now);
    // A server that cannot deliver must not draw a Solicit storm: back off (§15, §18.2.1).
    startSolicit(core, now, `REPLY from ${from} holds no usable lease`, fresh);
    // The Reply took the last leases away (valid lifetime 0): the hook hears of it.
    if (installedLeaseCount(core) < installed) emitHook(core, now, HOOK_REASON[kind]);
    return;
  }
  if (core.server && !sameBytes(core.server.duid, serverDuid)) {
    core.log(
      "debug",
      `bindings now from ${from}: forgetting the previous server's reconfigure key`,
    );
    core.reconfigureKey = undefined;
  }
  core.server = { duid: serverDuid, address: from };
  core.options = configurationOptions(m.options);
  takeReconfigureKey(core, m, serverDuid);
  core.dropHints = false;
  core.discovery = undefined;
  core.advertisedMaxRt.clear();
  endExchange(core);
  enterBound(core, now, HOOK_REASON[kind]);
}

/** The exchanges whose Reply carries leases. */
type LeaseExchangeKind = keyof typeof HOOK_REASON;

/** What the IA options of a Reply did to the bindings. */
interface ReplyIasOutcome {
  /** Some lease was added, updated or removed. */
  readonly changed: boolean;
  /** An IA had NoBinding in a Reply to Renew/Rebind: a Request must follow (§18.2.10.1). */
  readonly needRequest: boolean;
  /** IAs holding leases that the Reply left out or sent invalid. */
  readonly missing: readonly string[];
}

/** Applies each requested IA of a Success Reply by its own status (§18.2.10.1). */
function applyReplyIas(
  core: ClientCore,
  now: number,
  from: string,
  m: ClientServerMessage,
  fresh: boolean,
): ReplyIasOutcome {
  let needRequest = false;
  let changed = false;
  const missing: string[] = [];
  for (const ia of core.ias) {
    const opt = iaIn(m, ia.type, ia.iaid);
    if (!opt) {
      if (iaHasLeases(ia)) missing.push(iaLabel(ia));
      continue;
    }
    if (hasT1AfterT2(opt)) {
      core.log("debug", `discarding ${iaProblem(opt)} (RFC 9915 §21.4, §21.21)`);
      if (iaHasLeases(ia)) missing.push(iaLabel(ia));
      continue;
    }
    const s = statusOf(opt.options);
    switch (s.code) {
      case StatusCode.Success:
        changed = applyIa(core, ia, opt, now) || changed;
        break;
      case StatusCode.NoBinding:
        if (!fresh) {
          core.log(
            "debug",
            `${iaLabel(ia)} has status NoBinding: will send REQUEST with all IAs to ${from}`,
          );
          needRequest = true;
        }
        ia.status = s.name;
        break;
      case StatusCode.NotOnLink:
        // Only in a Reply to Renew/Rebind here: the fresh case returned before.
        ia.status = s.name;
        break;
      default:
        // The IA's own T1/T2 still apply: its leases are renewed then, not at once (§18.2.10.1).
        ia.status = s.name;
        ia.t1 = opt.t1;
        ia.t2 = opt.t2;
        ia.boundAt = now;
        core.log(
          "debug",
          `${iaLabel(ia)} has status ${
            describeStatus(s)
          }: using the other IAs, retrying this one empty in later messages`,
        );
    }
  }
  return { changed, needRequest, missing };
}

/** IA_TA (RFC 9915 §21.5) and Server Unicast (§16) are obsolete: logged and ignored. */
function logObsoleteOptions(core: ClientCore, m: ClientServerMessage): void {
  for (const o of m.options) {
    if (o.name === "IA_TA") {
      core.log("debug", `ignoring IA_TA ${o.iaid}: obsolete in RFC 9915 §21.5`);
    }
    if (o.name === "UNICAST") {
      core.log("debug", "ignoring Server Unicast option: obsolete in RFC 9915 §16");
    }
  }
}

/**
 * NotOnLink to a Request or Rapid Commit Solicit: Solicit again without those
 * addresses (§18.2.10.1), backing off as after any round that bound nothing.
 * Leases still held (a Request after NoBinding or a Decline) are dropped with
 * the new discovery, and the hook runs with NOTONLINK; `installed` is
 * {@link installedLeaseCount} before.
 */
function notOnLink(core: ClientCore, now: number, why: string, installed: number): void {
  endExchange(core);
  core.dropHints = true;
  startSolicit(core, now, `${why}: soliciting again without address hints`, true);
  emitLossHook(core, now, "NOTONLINK", installed);
}

function kindName(kind: ExchangeKind): string {
  return kind.toUpperCase();
}
