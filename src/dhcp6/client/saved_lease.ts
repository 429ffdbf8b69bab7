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

/** The lease to persist, lifetimes relative to `now`; null when nothing is held. */
export function savedLeaseOf(core: ClientCore, now: number): Omit<SavedLease, "savedAt"> | null {
  if (!core.hasLeases || !core.server) return null;
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
    addresses: core.addresses.map((a) => ({
      iaid: a.iaid,
      address: a.address,
      preferredLifetime: remaining(a.preferredLifetime, a.receivedAt, now),
      validLifetime: remaining(a.validLifetime, a.receivedAt, now),
    })),
    prefixes: core.prefixes.map((p) => ({
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
 * Takes a saved lease back into the engine at `now`, `ageSeconds` after it
 * was saved: lifetimes shortened by the age, ended leases and IAs no longer
 * configured left out. Returns how many leases were restored.
 */
export function restoreLease(
  core: ClientCore,
  now: number,
  saved: SavedLease,
  ageSeconds: number,
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
  const age = Math.max(0, Math.floor(ageSeconds));
  let n = 0;
  for (const a of saved.addresses) {
    const restored = restoreInto(core, "IA_NA", a, now, age, (ia, lifetimes) => {
      const lease = { iaid: a.iaid, address: a.address, ...lifetimes };
      ia.addresses.push(lease);
      core.act({ type: "address-add", lease });
    });
    if (restored) n++;
  }
  for (const p of saved.prefixes) {
    const restored = restoreInto(core, "IA_PD", p, now, age, (ia, lifetimes) => {
      const excluded = savedExclusion(p);
      const lease = {
        iaid: p.iaid,
        prefix: p.prefix,
        prefixLength: p.prefixLength,
        ...lifetimes,
        ...(excluded ? { excluded } : {}),
      };
      ia.prefixes.push(lease);
      core.act({ type: "prefix-add", lease });
    });
    if (restored) n++;
  }
  if (n === 0) return 0;
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
  core.log("info", `resumed ${n} lease(s) saved ${age} s ago`);
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
