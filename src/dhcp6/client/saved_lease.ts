/**
 * The persisted lease (RFC 9915 §18.2.12: a client with stable storage
 * resumes with Confirm or Rebind): built from the engine's state and taken
 * back at start.
 * @module
 */
import { INFINITY } from "../constants.ts";
import { encodeOption } from "../codec.ts";
import { fromHex, toHex } from "../hex.ts";
import { normalizeIPv6, prefixContains } from "../ipv6.ts";
import type { Option } from "../options/types.ts";
import type { SavedLease } from "./types.ts";
import type { ClientCore, IaBinding } from "./state.ts";
import { decodeReceivedOptions } from "./received.ts";

/** Seconds left of a lifetime received at `receivedAt`, at `now`. */
export function remaining(lifetime: number, receivedAt: number, now: number): number {
  if (lifetime === INFINITY) return INFINITY;
  return Math.max(0, lifetime - Math.floor((now - receivedAt) / 1000));
}

/**
 * The earliest wall-clock time (ms since the epoch) taken as set:
 * 2020-01-01T00:00:00Z. A router without a real-time clock starts at the
 * epoch, or at a build date, until NTP sets its clock; a time before this
 * one comes from such a clock and measures nothing.
 */
export const EARLIEST_SET_WALL_CLOCK = 1_577_836_800_000;

/**
 * The age of a saved lease, in seconds, from the wall clock it was saved
 * with (`savedAt`) and the wall clock now; or why the age cannot be known.
 * It cannot when the clock now is behind `savedAt` (a router without a
 * real-time clock restarting, or a clock stepped back), or when either time
 * is before {@link EARLIEST_SET_WALL_CLOCK}: an unset clock makes the lease
 * look younger, or older, than it is. A clock far ahead only makes a lease
 * look expired; it is then dropped and the client solicits, which is safe.
 */
export function savedLeaseAge(
  savedAt: number,
  wallClockNow: number,
): { readonly seconds: number } | { readonly unknown: string } {
  if (!Number.isFinite(savedAt) || !Number.isFinite(wallClockNow)) {
    return { unknown: "a wall-clock time is not a number" };
  }
  if (savedAt < EARLIEST_SET_WALL_CLOCK) {
    return { unknown: "it was saved while the wall clock was not set (before 2020)" };
  }
  if (wallClockNow < EARLIEST_SET_WALL_CLOCK) {
    return { unknown: "the wall clock is not set (before 2020)" };
  }
  if (wallClockNow < savedAt) {
    return {
      unknown: `the wall clock is ${
        Math.ceil((savedAt - wallClockNow) / 1000)
      } s behind the time it was saved`,
    };
  }
  return { seconds: Math.floor((wallClockNow - savedAt) / 1000) };
}

/**
 * The lease to persist, lifetimes relative to `now`; null when nothing is
 * held. Leases of unknown age that no server confirmed are left out
 * (`IaBinding.unconfirmed`): their lifetimes are only upper bounds.
 */
export function savedLeaseOf(core: ClientCore, now: number): Omit<SavedLease, "savedAt"> | null {
  const ias = core.confirmedIas;
  const addresses = ias.flatMap((ia) => ia.addresses);
  const prefixes = ias.flatMap((ia) => ia.prefixes);
  if (addresses.length + prefixes.length === 0 || !core.server) return null;
  const options: string[] = [];
  for (const o of core.options) {
    try {
      options.push(toHex(encodeOption(o)));
    } catch {
      // An option that cannot be re-encoded is simply not persisted.
    }
  }
  return {
    version: 1,
    interfaceName: core.config.interfaceName,
    serverDuid: toHex(core.server.duid),
    serverAddress: core.server.address,
    addresses: addresses.map((a) => ({
      iaid: a.iaid,
      address: a.address,
      preferredLifetime: remaining(a.preferredLifetime, a.receivedAt, now),
      validLifetime: remaining(a.validLifetime, a.receivedAt, now),
    })),
    prefixes: prefixes.map((p) => ({
      iaid: p.iaid,
      prefix: p.prefix,
      prefixLength: p.prefixLength,
      preferredLifetime: remaining(p.preferredLifetime, p.receivedAt, now),
      validLifetime: remaining(p.validLifetime, p.receivedAt, now),
      ...(p.excluded ? { excluded: p.excluded } : {}),
    })),
    options,
  };
}

/**
 * Takes a saved lease back into the engine at `now`. With a known `age`
 * (seconds since it was saved), lifetimes are shortened by it, ended leases
 * and IAs no longer configured are left out, and the shell is asked to
 * install the rest. With an unknown age ({@link savedLeaseAge}) nothing is
 * installed: the leases are kept, with the lifetimes saved as an upper
 * bound, only to be confirmed by a server (`IaBinding.unconfirmed`; RFC
 * 9915 §18.2.12). Returns how many leases were restored.
 */
export function restoreLease(
  core: ClientCore,
  now: number,
  saved: SavedLease,
  age: { readonly seconds: number } | { readonly unknown: string },
): number {
  if (saved.version !== 1) {
    core.log("warn", `ignoring saved lease: version ${String(saved.version)} is not 1`);
    return 0;
  }
  if (saved.interfaceName !== core.config.interfaceName) {
    core.log("warn", `ignoring saved lease: it is for ${saved.interfaceName}`);
    return 0;
  }
  let duid: Uint8Array;
  try {
    duid = fromHex(saved.serverDuid);
  } catch (e) {
    core.log("warn", `ignoring saved lease: server DUID: ${(e as Error).message}`);
    return 0;
  }
  const known = "seconds" in age;
  const seconds = known ? Math.max(0, Math.floor(age.seconds)) : 0;
  let n = 0;
  for (const a of saved.addresses) {
    const restored = restoreInto(core, "IA_NA", a, now, seconds, (ia, lifetimes) => {
      const lease = { iaid: a.iaid, address: a.address, ...lifetimes };
      ia.addresses.push(lease);
      if (known) core.act({ type: "address-add", lease });
    });
    if (restored) n++;
  }
  for (const p of saved.prefixes) {
    const restored = restoreInto(core, "IA_PD", p, now, seconds, (ia, lifetimes) => {
      const excluded = savedExclusion(p);
      const lease = {
        iaid: p.iaid,
        prefix: p.prefix,
        prefixLength: p.prefixLength,
        ...lifetimes,
        ...(excluded ? { excluded } : {}),
      };
      ia.prefixes.push(lease);
      if (known) core.act({ type: "prefix-add", lease });
    });
    if (restored) n++;
  }
  if (n === 0) return 0;
  if (!known) {
    for (const ia of core.ias) {
      if (ia.addresses.length + ia.prefixes.length > 0) ia.unconfirmed = true;
    }
  }
  core.server = { duid, address: saved.serverAddress ?? "" };
  const options: Option[] = [];
  for (const h of saved.options) {
    try {
      options.push(...decodeReceivedOptions(fromHex(h)));
    } catch {
      core.log("debug", `ignoring a saved option that does not decode: ${h.slice(0, 16)}…`);
    }
  }
  core.options = options;
  if (known) core.log("info", `resumed ${n} lease(s) saved ${seconds} s ago`);
  else {
    core.log(
      "warn",
      `the saved lease's age is unknown (${age.unknown}): its ${n} lease(s) are not installed ` +
        "until a server confirms them by a Reply to Rebind (RFC 9915 §18.2.5, §18.2.12)",
    );
  }
  return n;
}

/** Lifetimes of a restored lease, seconds from `receivedAt` (engine ms). */
interface RestoredLifetimes {
  readonly preferredLifetime: number;
  readonly validLifetime: number;
  readonly receivedAt: number;
}

/**
 * Puts one saved lease back into its IA, received at `now` with its
 * lifetimes shortened by `age` seconds (preferred capped at valid), through
 * `install`. Skipped, returning false, when that IA is no longer configured
 * or the valid lifetime has run out.
 */
function restoreInto(
  core: ClientCore,
  type: IaBinding["type"],
  saved: {
    readonly iaid: number;
    readonly preferredLifetime: number;
    readonly validLifetime: number;
  },
  now: number,
  age: number,
  install: (ia: IaBinding, lifetimes: RestoredLifetimes) => void,
): boolean {
  const left = (l: number) => (l === INFINITY ? INFINITY : l - age);
  const ia = core.ias.find((i) => i.type === type && i.iaid === saved.iaid);
  const valid = left(saved.validLifetime);
  if (!ia || valid <= 0) return false;
  install(ia, {
    preferredLifetime: Math.max(0, Math.min(left(saved.preferredLifetime), valid)),
    validLifetime: valid,
    receivedAt: now,
  });
  ia.boundAt = now;
  return true;
}

/**
 * The excluded prefix of a saved delegated prefix (RFC 6603), when it is
 * well formed and inside it; anything else in a file is ignored.
 */
function savedExclusion(
  p: SavedLease["prefixes"][number],
): { prefix: string; prefixLength: number } | undefined {
  const ex = p.excluded;
  if (!ex || typeof ex.prefix !== "string" || !Number.isInteger(ex.prefixLength)) return undefined;
  if (ex.prefixLength <= p.prefixLength || ex.prefixLength > 128) return undefined;
  try {
    if (!prefixContains(p.prefix, p.prefixLength, ex.prefix)) return undefined;
    return { prefix: normalizeIPv6(ex.prefix), prefixLength: ex.prefixLength };
  } catch {
    return undefined;
  }
}
