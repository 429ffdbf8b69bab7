/**
 * Leases persisted per interface, so that a restarted agent resumes its
 * bindings with Confirm or Rebind (RFC 9915 §18.2.12) instead of a fresh
 * Solicit, and a router keeps its prefix. One JSON file per interface, replaced
 * atomically after every change.
 * @module
 */
import type { SavedLease } from "../dhcp6/client/types.ts";
import { writeFileAtomic } from "./atomic_write.ts";
import type { Logger } from "./ports.ts";
import { SaveReporter } from "./save_reporter.ts";
import { savedLeaseAge } from "../dhcp6/client/saved_lease.ts";

/** The wire value of an infinite lifetime (RFC 9915 §7.7). */
const INFINITY = 0xffffffff;

/** The file holding `interfaceName`'s lease in `dir`. */
export function leasePath(dir: string, interfaceName: string): string {
  if (!/^[A-Za-z0-9_.:@-]{1,15}$/.test(interfaceName) || interfaceName.startsWith(".")) {
    throw new RangeError(`interface name "${interfaceName}" cannot name a lease file`);
  }
  return `${dir}/${interfaceName}.lease.json`;
}

/** Saves a lease (the engine's `lease-changed`, stamped with the wall clock). */
export async function saveLease(
  dir: string,
  lease: Omit<SavedLease, "savedAt">,
  wallMs: number,
): Promise<void> {
  const saved: SavedLease = { ...lease, savedAt: wallMs };
  const text = JSON.stringify(saved, null, 2) + "\n";
  await writeFileAtomic(leasePath(dir, lease.interfaceName), new TextEncoder().encode(text));
}

/** Deletes an interface's lease (the engine's `lease-changed` with null). */
export async function deleteLease(dir: string, interfaceName: string): Promise<void> {
  try {
    await Deno.remove(leasePath(dir, interfaceName));
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
}

/**
 * One interface's lease file as the running agent keeps it: every
 * `lease-changed` of the engine is written (or the file deleted) at once.
 * A failure (a full disk above all) never stops the agent: the lease in
 * memory stays in force, the file keeps its previous content whole (see
 * `writeFileAtomic`), the failure is logged once per kind, and the next
 * change tries again (RFC 9915 §18.2.12: a lost save only costs a fresh
 * exchange after a restart).
 */
export class LeaseFile {
  readonly #interfaceName: string;
  readonly #reporter: SaveReporter;

  /** The lease file of `interfaceName`, reporting failures to `logger`. */
  constructor(interfaceName: string, logger: Logger) {
    this.#interfaceName = interfaceName;
    this.#reporter = new SaveReporter(logger);
  }

  /** Failed saves since the last one that worked (0 when the file is current). */
  get failures(): number {
    return this.#reporter.failures;
  }

  /**
   * Saves `lease` in `dir` stamped `wallMs`, or deletes the file when it is
   * null; true when that worked. Never throws.
   */
  persist(
    dir: string,
    lease: Omit<SavedLease, "savedAt"> | null,
    wallMs: number,
  ): Promise<boolean> {
    const name = this.#interfaceName;
    return lease === null
      ? this.#reporter.attempt(
        `${name}: deleting the lease in ${dir}`,
        () => deleteLease(dir, name),
      )
      : this.#reporter.attempt(
        `${name}: saving the lease in ${dir}`,
        () => saveLease(dir, lease, wallMs),
      );
  }
}

/**
 * Loads an interface's lease, aged to `wallMs`: lifetimes lose the seconds
 * elapsed since it was saved; expired addresses and prefixes are dropped; a
 * lease with nothing left is `null` (RFC 9915 §18.2.12: only unexpired
 * bindings are worth confirming). A missing file is `null`; a malformed one
 * throws a `SyntaxError` naming the file and field.
 */
export async function loadLease(
  dir: string,
  interfaceName: string,
  wallMs: number,
): Promise<SavedLease | null> {
  const path = leasePath(dir, interfaceName);
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return null;
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new SyntaxError(`${path}: not JSON: ${(error as Error).message}`);
  }
  const lease = parseSavedLease(json, path);
  if (lease.interfaceName !== interfaceName) {
    throw new SyntaxError(
      `${path}: interfaceName is "${lease.interfaceName}", expected "${interfaceName}"`,
    );
  }
  return ageSavedLease(lease, wallMs);
}

/**
 * Subtracts the whole seconds elapsed between `lease.savedAt` and `wallMs`
 * from every lifetime (infinity stays infinity), drops what has expired, and
 * stamps the result `wallMs`. When the elapsed time cannot be known (the
 * clock is behind `savedAt`, as on a router without a real-time clock, or
 * either time is from an unset clock: `savedLeaseAge`), the lease is
 * returned as it was saved: the engine sees the same unknown age and
 * installs nothing of it until a server confirms it (RFC 9915 §18.2.12).
 */
export function ageSavedLease(lease: SavedLease, wallMs: number): SavedLease | null {
  const known = savedLeaseAge(lease.savedAt, wallMs);
  if (!("seconds" in known)) return lease;
  const elapsed = known.seconds;
  const age = (lifetime: number) =>
    lifetime === INFINITY ? INFINITY : Math.max(0, lifetime - elapsed);
  const addresses = lease.addresses
    .map((a) => ({
      ...a,
      preferredLifetime: age(a.preferredLifetime),
      validLifetime: age(a.validLifetime),
    }))
    .filter((a) => a.validLifetime > 0);
  const prefixes = lease.prefixes
    .map((p) => ({
      ...p,
      preferredLifetime: age(p.preferredLifetime),
      validLifetime: age(p.validLifetime),
    }))
    .filter((p) => p.validLifetime > 0);
  if (addresses.length === 0 && prefixes.length === 0) return null;
  return { ...lease, savedAt: wallMs, addresses, prefixes };
}

/** Checks untrusted JSON against the `SavedLease` shape, naming the first bad field. */
export function parseSavedLease(json: unknown, where: string): SavedLease {
  const fail = (field: string, expected: string): never => {
    throw new SyntaxError(`${where}: ${field}: expected ${expected}`);
  };
  const obj = (v: unknown, field: string): Record<string, unknown> =>
    typeof v === "object" && v !== null && !Array.isArray(v)
      ? v as Record<string, unknown>
      : fail(field, "an object");
  const str = (v: unknown, field: string): string =>
    typeof v === "string" ? v : fail(field, "a string");
  const u32 = (v: unknown, field: string): number =>
    typeof v === "number" && Number.isInteger(v) && v >= 0 && v <= INFINITY
      ? v
      : fail(field, "an integer from 0 to 4294967295");
  const arr = (v: unknown, field: string): unknown[] =>
    Array.isArray(v) ? v : fail(field, "an array");
  // RFC 6603: the prefix the server excluded from a delegated prefix (the engine checks it
  // belongs to its prefix again when it resumes the lease).
  const excludedOf = (v: unknown, field: string) => {
    const e = obj(v, `${field}.excluded`);
    const prefixLength = u32(e.prefixLength, `${field}.excluded.prefixLength`);
    if (prefixLength > 128) fail(`${field}.excluded.prefixLength`, "0 to 128");
    return { prefix: str(e.prefix, `${field}.excluded.prefix`), prefixLength };
  };

  const root = obj(json, "lease");
  if (root.version !== 1) fail("version", "1");
  const savedAt = root.savedAt;
  if (typeof savedAt !== "number" || !Number.isFinite(savedAt)) fail("savedAt", "a number");
  const addresses = arr(root.addresses, "addresses").map((v, i) => {
    const a = obj(v, `addresses[${i}]`);
    return {
      iaid: u32(a.iaid, `addresses[${i}].iaid`),
      address: str(a.address, `addresses[${i}].address`),
      preferredLifetime: u32(a.preferredLifetime, `addresses[${i}].preferredLifetime`),
      validLifetime: u32(a.validLifetime, `addresses[${i}].validLifetime`),
    };
  });
  const prefixes = arr(root.prefixes, "prefixes").map((v, i) => {
    const p = obj(v, `prefixes[${i}]`);
    const prefixLength = u32(p.prefixLength, `prefixes[${i}].prefixLength`);
    if (prefixLength > 128) fail(`prefixes[${i}].prefixLength`, "0 to 128");
    return {
      iaid: u32(p.iaid, `prefixes[${i}].iaid`),
      prefix: str(p.prefix, `prefixes[${i}].prefix`),
      prefixLength,
      preferredLifetime: u32(p.preferredLifetime, `prefixes[${i}].preferredLifetime`),
      validLifetime: u32(p.validLifetime, `prefixes[${i}].validLifetime`),
      ...(p.excluded === undefined ? {} : { excluded: excludedOf(p.excluded, `prefixes[${i}]`) }),
    };
  });
  const options = arr(root.options, "options").map((v, i) => {
    const hex = str(v, `options[${i}]`);
    if (!/^([0-9a-f]{2})*$/i.test(hex)) fail(`options[${i}]`, "hexadecimal option bytes");
    return hex;
  });
  const lease: SavedLease = {
    version: 1,
    interfaceName: str(root.interfaceName, "interfaceName"),
    savedAt: savedAt as number,
    serverDuid: str(root.serverDuid, "serverDuid"),
    ...(root.serverAddress === undefined
      ? {}
      : { serverAddress: str(root.serverAddress, "serverAddress") }),
    addresses,
    prefixes,
    options,
  };
  return lease;
}
