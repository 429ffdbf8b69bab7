/**
 * IA bookkeeping (RFC 9915 §18.2.10.1): applying IA options of a Reply to the
 * recorded leases, the T1/T2 in force (§14.2, §21.4, §21.21) and lease expiry.
 * @module
 */
import { INFINITY, MIN_DELEGATED_PREFIX_LENGTH } from "../constants.ts";
import { formatIPv6, parseIPv6 } from "../ipv6.ts";
import type {
  IaAddrOption,
  IaNaOption,
  IaPdOption,
  IaPrefixOption,
  Option,
} from "../options/types.ts";
import type { AddressLease, PrefixLease } from "./types.ts";
import { type ClientCore, type IaBinding, iaHasLeases } from "./state.ts";
import { describeStatus, findOption, statusOf } from "./messages.ts";
import { excludedPrefix as excludedPrefixBytes } from "../options/pd_exclude.ts";

/** Engine time a lifetime (seconds from `from`) ends; Infinity for 0xffffffff. */
export function lifetimeEnd(from: number, seconds: number): number {
  return seconds === INFINITY ? Infinity : from + seconds * 1000;
}

/** Engine time a lease's valid lifetime ends. */
export function leaseEnd(lease: { receivedAt: number; validLifetime: number }): number {
  return lifetimeEnd(lease.receivedAt, lease.validLifetime);
}

/** Label for logs: "IA_PD 0". */
export function iaLabel(ia: { type: string; iaid: number }): string {
  return `${ia.type} ${ia.iaid}`;
}

/** Client-chosen T1/T2 never fall below this, so nothing goes out at once (§14.2). */
export const MIN_CHOSEN_T = 1;

/**
 * The shortest preferred and valid lifetimes of an IA's leases, in seconds
 * from `ia.boundAt` (a lease received earlier has that much less left);
 * Infinity when none is finite. A deprecated lease (no preferred lifetime
 * left) counts with its valid lifetime: it still needs renewing before it ends.
 */
function shortestLifetimes(ia: IaBinding): { preferred: number; valid: number } {
  let preferred = Infinity;
  let valid = Infinity;
  for (const l of [...ia.addresses, ...ia.prefixes]) {
    const offset = (l.receivedAt - ia.boundAt) / 1000;
    const v = l.validLifetime === INFINITY ? Infinity : offset + l.validLifetime;
    const p = l.preferredLifetime === INFINITY ? Infinity : offset + l.preferredLifetime;
    valid = Math.min(valid, v);
    preferred = Math.min(preferred, p > 0 ? p : v);
  }
  return { preferred, valid };
}

/** True when a server's T1 or T2 (seconds, Infinity for infinity) would let a lease end first. */
function pastValid(t: number, valid: number): boolean {
  return t > 0 && Number.isFinite(valid) && t >= valid;
}

/**
 * T1 and T2 in force for an IA, in seconds from `ia.boundAt` (Infinity for
 * infinity): as given by the server, or chosen by the client as 0.5 and 0.8
 * of the shortest preferred lifetime when the server sent 0 (RFC 9915 §14.2,
 * §21.4, §21.21) or a time at or past the shortest valid lifetime, which
 * would let the lease end before it is renewed or rebound (see
 * {@link serverTimersTooLate}). A chosen T1 stays before T2 and a chosen T2
 * after T1, so neither the Renew nor the Rebind is skipped.
 */
export function effectiveT1T2(ia: IaBinding): { t1: number; t2: number } {
  const { preferred, valid } = shortestLifetimes(ia);
  const chosen = (f: number) =>
    Number.isFinite(preferred) ? Math.max(MIN_CHOSEN_T, f * preferred) : Infinity;
  const given = (t: number) => (t === INFINITY ? Infinity : t);
  const chooseT1 = ia.t1 === 0 || pastValid(given(ia.t1), valid);
  const chooseT2 = ia.t2 === 0 || pastValid(given(ia.t2), valid);
  let t1 = chooseT1 ? chosen(0.5) : given(ia.t1);
  let t2 = chooseT2 ? chosen(0.8) : given(ia.t2);
  // A chosen T2 at or before the server's T1 would skip the Renew: rebind later, before
  // the lease ends, keeping the 0.5 : 0.8 ratio when nothing ends.
  if (chooseT2 && !chooseT1 && t2 <= t1) t2 = Math.min(1.6 * t1, t1 + (valid - t1) / 2);
  // A chosen T1 past the server's T2 would skip the Renew: keep the 0.5 : 0.8 ratio to T2.
  if (chooseT1 && !chooseT2 && t1 > t2) t1 = Math.max(MIN_CHOSEN_T, 0.625 * t2);
  return { t1, t2 };
}

/**
 * Why the server's T1/T2 of `ia` cannot be used as sent, when a non-zero one
 * is at or past the shortest valid lifetime (§21.4: T1 and T2 let the client
 * extend lifetimes before they expire): a sentence for a warning, naming the
 * times chosen instead; undefined when they are usable.
 */
export function serverTimersTooLate(ia: IaBinding): string | undefined {
  const { valid } = shortestLifetimes(ia);
  const given = (t: number) => (t === INFINITY ? Infinity : t);
  if (!pastValid(given(ia.t1), valid) && !pastValid(given(ia.t2), valid)) return undefined;
  const t = effectiveT1T2(ia);
  const s = (v: number) => `${Math.round(v)} s`;
  return `${iaLabel(ia)}: the server sent T1 ${ia.t1} s and T2 ${ia.t2} s, at or past the ` +
    `shortest valid lifetime (${s(valid)}); the leases would end unrenewed, so renewing ` +
    `at ${s(t.t1)} and rebinding at ${s(t.t2)} instead (RFC 9915 §14.2, §21.4)`;
}

/** Engine time to Renew: the earliest T1 over IAs holding leases (§18.2.4). */
export function renewAt(core: ClientCore): number {
  return earliestTimer(core, "t1");
}

/** Engine time to Rebind: the earliest T2 over IAs holding leases (§18.2.5). */
export function rebindAt(core: ClientCore): number {
  return earliestTimer(core, "t2");
}

/** The earliest engine time of T1 or T2 in force, over IAs holding leases. */
function earliestTimer(core: ClientCore, timer: "t1" | "t2"): number {
  const ats = core.ias.filter(iaHasLeases).map((ia) =>
    ia.boundAt + effectiveT1T2(ia)[timer] * 1000
  );
  return Math.min(...ats);
}

/** Engine time the next lease expires (Infinity when none is held). */
export function nextExpiry(core: ClientCore): number {
  return Math.min(...leaseEnds(core));
}

/** Engine time the last lease expires: the end of Rebind (§18.2.5; -Infinity when none). */
export function lastExpiry(core: ClientCore): number {
  return Math.max(...leaseEnds(core));
}

function leaseEnds(core: ClientCore): number[] {
  return core.ias.flatMap((ia) => [...ia.addresses, ...ia.prefixes].map(leaseEnd));
}

/** T1 > T2, both non-zero: the IA option is invalid (§21.4, §21.21). */
export function hasT1AfterT2(opt: IaNaOption | IaPdOption): boolean {
  return opt.t1 > 0 && opt.t2 > 0 && opt.t1 > opt.t2;
}

/**
 * Checks an IA option of a Reply or Advertise: null when usable, else why
 * not: T1 after T2 (see {@link hasT1AfterT2}) or an error status.
 */
export function iaProblem(opt: IaNaOption | IaPdOption): string | null {
  if (hasT1AfterT2(opt)) {
    return `${opt.name} ${opt.iaid} has T1 ${opt.t1} > T2 ${opt.t2}`;
  }
  const s = statusOf(opt.options);
  if (s.code !== 0) return `${opt.name} ${opt.iaid} has status ${describeStatus(s)}`;
  return null;
}

/** The usable leases in an IA option: valid > 0 and preferred ≤ valid (§21.6, §21.22). */
export function usableLeaseCount(opt: IaNaOption | IaPdOption): number {
  let n = 0;
  for (const o of opt.options) {
    if (
      (o.name === "IAADDR" || o.name === "IAPREFIX") && o.validLifetime > 0 &&
      o.preferredLifetime <= o.validLifetime
    ) n++;
  }
  return n;
}

/**
 * Applies a Success IA option to the recorded IA (§18.2.10.1): records T1/T2,
 * adds new leases, updates known ones, discards those with valid lifetime 0
 * and those with preferred > valid. In an IA_PD, prefixes the server no longer
 * lists while it hands out new ones are withdrawn (RFC 9096 renumbering).
 * Returns whether any lease changed.
 */
export function applyIa(
  core: ClientCore,
  ia: IaBinding,
  opt: IaNaOption | IaPdOption,
  now: number,
): boolean {
  if (ia.unconfirmed) {
    // Leases of unknown age were never installed: the server's answer replaces them, so
    // what it lists is added with its lifetimes and the rest goes silently (§18.2.12).
    core.log("debug", `${iaLabel(ia)}: the server answered for leases of unknown age`);
    ia.addresses = [];
    ia.prefixes = [];
    ia.unconfirmed = false;
  }
  ia.t1 = opt.t1;
  ia.t2 = opt.t2;
  ia.boundAt = now;
  ia.status = undefined;
  const changed = opt.name === "IA_NA"
    ? applyAddresses(core, ia, opt, now)
    : applyPrefixes(core, ia, opt, now);
  const late = iaHasLeases(ia) ? serverTimersTooLate(ia) : undefined;
  if (late) core.log("warn", late);
  return changed;
}

function applyAddresses(core: ClientCore, ia: IaBinding, opt: IaNaOption, now: number): boolean {
  let changed = false;
  for (const o of opt.options) {
    if (o.name !== "IAADDR" || !usableEntry(core, ia, o, `address ${o.address}`)) continue;
    const i = ia.addresses.findIndex((a) => a.address === o.address);
    if (o.validLifetime === 0) {
      if (i < 0) continue;
      const [old] = ia.addresses.splice(i, 1);
      core.log(
        "debug",
        `${iaLabel(ia)}: server set valid lifetime 0 for ${o.address}: removing it`,
      );
      core.act({ type: "address-remove", lease: old! });
      changed = true;
      continue;
    }
    const lease: AddressLease = {
      iaid: ia.iaid,
      address: o.address,
      preferredLifetime: o.preferredLifetime,
      validLifetime: o.validLifetime,
      receivedAt: now,
    };
    if (i >= 0) ia.addresses[i] = lease;
    else ia.addresses.push(lease);
    logLeaseTaken(core, ia, o, `address ${o.address}`, i >= 0);
    core.act({ type: i >= 0 ? "address-update" : "address-add", lease });
    changed = true;
  }
  return changed;
}

function applyPrefixes(core: ClientCore, ia: IaBinding, opt: IaPdOption, now: number): boolean {
  let changed = false;
  const listed = new Set<string>();
  let fresh = false;
  for (const o of opt.options) {
    if (o.name !== "IAPREFIX") continue;
    const label = `${o.prefix}/${o.prefixLength}`;
    if (!usableEntry(core, ia, o, `prefix ${label}`)) continue;
    listed.add(label);
    const i = ia.prefixes.findIndex((p) =>
      p.prefix === o.prefix && p.prefixLength === o.prefixLength
    );
    if (o.validLifetime === 0) {
      if (i < 0) continue;
      const [old] = ia.prefixes.splice(i, 1);
      core.log("debug", `${iaLabel(ia)}: server set valid lifetime 0 for ${label}: withdrawing it`);
      // Nothing is left of it: LAN addresses may not outlive it (RFC 9915 §6.3).
      core.act({ type: "prefix-remove", lease: old!, deprecate: false });
      changed = true;
      continue;
    }
    const excluded = excludedPrefix(o.prefix, o.prefixLength, o.options);
    if (excluded && "error" in excluded) {
      // Using the whole prefix could hand the WAN link's own prefix to a LAN (RFC 6603 §4.2).
      core.log("warn", `${iaLabel(ia)}: discarding prefix ${label}: ${excluded.error}`);
      continue;
    }
    const lease: PrefixLease = {
      iaid: ia.iaid,
      prefix: o.prefix,
      prefixLength: o.prefixLength,
      preferredLifetime: o.preferredLifetime,
      validLifetime: o.validLifetime,
      receivedAt: now,
      ...(excluded ? { excluded } : {}),
    };
    if (i >= 0) ia.prefixes[i] = lease;
    else {
      ia.prefixes.push(lease);
      fresh = true;
    }
    logLeaseTaken(core, ia, o, `prefix ${label}`, i >= 0);
    core.act({ type: i >= 0 ? "prefix-update" : "prefix-add", lease });
    changed = true;
  }
  // The server moved this IA to a new prefix: stale ones are withdrawn (RFC 9096).
  if (fresh) withdrawUnlisted(core, ia, listed);
  return changed;
}

/**
 * Whether an IAADDR or IAPREFIX of a Reply may be used: not with an error
 * status, nor with preferred > valid lifetime (§21.6, §21.22). Logs why not.
 */
function usableEntry(
  core: ClientCore,
  ia: IaBinding,
  o: IaAddrOption | IaPrefixOption,
  what: string,
): boolean {
  const s = statusOf(o.options);
  if (s.code !== 0) {
    core.log("debug", `${iaLabel(ia)}: ignoring ${what}: status ${describeStatus(s)}`);
    return false;
  }
  if (o.name === "IAPREFIX" && o.prefixLength < MIN_DELEGATED_PREFIX_LENGTH) {
    core.log(
      "warn",
      `${iaLabel(ia)}: discarding ${what}: shorter than /${MIN_DELEGATED_PREFIX_LENGTH}, ` +
        "its unreachable route would capture traffic far beyond this site",
    );
    return false;
  }
  if (o.preferredLifetime > o.validLifetime) {
    const section = o.name === "IAADDR" ? "§21.6" : "§21.22";
    core.log(
      "debug",
      `${
        iaLabel(ia)
      }: discarding ${what}: preferred lifetime ${o.preferredLifetime} > valid ${o.validLifetime} (RFC 9915 ${section})`,
    );
    return false;
  }
  return true;
}

function logLeaseTaken(
  core: ClientCore,
  ia: IaBinding,
  o: IaAddrOption | IaPrefixOption,
  what: string,
  updated: boolean,
): void {
  core.log(
    "debug",
    `${iaLabel(ia)}: ${
      updated ? "updating" : "adding"
    } ${what} (preferred ${o.preferredLifetime} s, valid ${o.validLifetime} s)`,
  );
}

/** Withdraws, as stale (RFC 9096), the prefixes of `ia` a Reply no longer lists. */
function withdrawUnlisted(core: ClientCore, ia: IaBinding, listed: ReadonlySet<string>): void {
  for (const old of ia.prefixes.filter((p) => !listed.has(`${p.prefix}/${p.prefixLength}`))) {
    ia.prefixes.splice(ia.prefixes.indexOf(old), 1);
    core.log(
      "info",
      `${
        iaLabel(ia)
      }: server delegated a new prefix; withdrawing stale ${old.prefix}/${old.prefixLength} (RFC 9096)`,
    );
    core.act({ type: "prefix-remove", lease: old, deprecate: true });
  }
}

/**
 * The prefix an OPTION_PD_EXCLUDE inside an IAPREFIX excludes (RFC 6603
 * §4.2): the delegated prefix followed by the subnet ID bits. Undefined when
 * there is no such option; `{ error }` when it cannot belong to this
 * delegated prefix (not longer than it, or a subnet ID of the wrong size).
 */
export function excludedPrefix(
  prefix: string,
  prefixLength: number,
  options: readonly Option[],
): { prefix: string; prefixLength: number } | { error: string } | undefined {
  const ex = findOption(options, "PD_EXCLUDE");
  if (!ex) return undefined;
  const what = `PD_EXCLUDE /${ex.prefixLength} (subnet ID ${ex.subnetId.length} bytes)`;
  if (ex.prefixLength <= prefixLength) {
    return { error: `${what} is not longer than the delegated /${prefixLength} (RFC 6603 §4.2)` };
  }
  let bytes: Uint8Array | undefined;
  try {
    bytes = excludedPrefixBytes(parseIPv6(prefix), prefixLength, ex);
  } catch {
    bytes = undefined;
  }
  if (!bytes) {
    return {
      error: `${what} does not fit the delegated /${prefixLength}: the subnet ID must be ${
        Math.ceil((ex.prefixLength - prefixLength) / 8)
      } bytes (RFC 6603 §4.2)`,
    };
  }
  return { prefix: formatIPv6(bytes), prefixLength: ex.prefixLength };
}

/**
 * Removes every lease whose valid lifetime has ended (exactly then, not
 * earlier). Leases of unknown age that no server confirmed go silently: the
 * shell never installed them. Returns whether any lease went.
 */
export function expireLeases(core: ClientCore, now: number): boolean {
  let changed = false;
  for (const ia of core.ias) {
    const ended = ia.unconfirmed ? "the upper bound of its valid lifetime passed" : "ended";
    for (const a of ia.addresses.filter((l) => leaseEnd(l) <= now)) {
      ia.addresses.splice(ia.addresses.indexOf(a), 1);
      core.log("info", `${iaLabel(ia)}: valid lifetime of ${a.address} ${ended}: removing it`);
      if (!ia.unconfirmed) core.act({ type: "address-remove", lease: a });
      changed = true;
    }
    for (const p of ia.prefixes.filter((l) => leaseEnd(l) <= now)) {
      ia.prefixes.splice(ia.prefixes.indexOf(p), 1);
      core.log(
        "info",
        `${iaLabel(ia)}: valid lifetime of ${p.prefix}/${p.prefixLength} ${ended}: removing it`,
      );
      if (!ia.unconfirmed) core.act({ type: "prefix-remove", lease: p, deprecate: false });
      changed = true;
    }
    if (!iaHasLeases(ia)) ia.unconfirmed = false;
  }
  return changed;
}

/**
 * Stops using every lease and forgets them. Returns the IAs as they were.
 * Delegated prefixes are withdrawn as stale (`deprecate`, RFC 9096 §3: the
 * shell may keep their LAN addresses deprecated for what is left of their
 * valid lifetime, two hours at most) unless `deprecate` is false: before a
 * Release nothing of a prefix may stay in use (RFC 9915 §6.3, §18.2.7).
 */
export function withdrawAll(core: ClientCore, why: string, deprecate = true): IaBinding[] {
  return core.ias.map((ia) => withdrawIa(core, ia, why, deprecate));
}

/**
 * Stops using one IA's leases, as {@link withdrawAll} does, and forgets them.
 * Returns the IA as it was.
 */
export function withdrawIa(
  core: ClientCore,
  ia: IaBinding,
  why: string,
  deprecate = true,
): IaBinding {
  const before = { ...ia, addresses: [...ia.addresses], prefixes: [...ia.prefixes] };
  // Leases of unknown age were never installed: nothing of them to remove.
  if (!ia.unconfirmed) {
    for (const a of ia.addresses) core.act({ type: "address-remove", lease: a });
    for (const p of ia.prefixes) core.act({ type: "prefix-remove", lease: p, deprecate });
  }
  if (iaHasLeases(ia)) core.log("debug", `${iaLabel(ia)}: withdrawing all leases: ${why}`);
  ia.addresses = [];
  ia.prefixes = [];
  ia.t1 = 0;
  ia.t2 = 0;
  ia.status = undefined;
  ia.unconfirmed = false;
  return before;
}
