/**
 * `STATE_DIR/lan-IFACE.json`: the /64s a LAN interface advertised and those
 * it advertises as stale, per /64, on stable storage (RFC 9096 §3.5), so
 * that a restart, a crash or a reboot still deprecates a prefix that changed
 * meanwhile. Written atomically on every change; times are wall-clock
 * milliseconds on disk and engine milliseconds in memory. The file is read
 * as untrusted input: an entry that does not have the expected shape is
 * skipped, and a file that is not this format at all is reported.
 * @module
 */
import type { PrefixRecord } from "../ra/types.ts";
import { writeFileAtomic } from "./atomic_write.ts";

/** The file's format version. */
const VERSION = 1;
/** Entries read at most (the engine keeps far fewer). */
const MAX_ENTRIES = 256;

/** The file of one LAN interface. */
export function lanPrefixFile(stateDir: string, name: string): string {
  return `${stateDir}/lan-${name}.json`;
}

/** Saves `records` (engine times; `monotonic` and `wall` are the two clocks now). */
export async function saveLanPrefixes(
  path: string,
  name: string,
  records: readonly PrefixRecord[],
  monotonic: number,
  wall: number,
): Promise<void> {
  const document = {
    version: VERSION,
    interface: name,
    saved_at: new Date(wall).toISOString(),
    prefixes: records.map((r) => ({
      subnet: r.subnet,
      delegated_prefix: r.delegatedPrefix ?? null,
      on_link: r.onLink,
      autonomous: r.autonomous,
      state: r.state,
      until: r.until === Infinity ? null : Math.round(wall + (r.until - monotonic)),
      upstream: r.upstream ?? null,
    })),
  };
  await writeFileAtomic(
    path,
    new TextEncoder().encode(JSON.stringify(document, null, 2) + "\n"),
    0o644,
  );
}

/**
 * Reads the records saved at `path` into engine times; [] when there is no
 * file. Throws a SyntaxError naming what is wrong when it is not this format.
 * Synchronous: read once when a LAN runtime starts, before its engine exists.
 */
export function loadLanPrefixes(path: string, monotonic: number, wall: number): PrefixRecord[] {
  let text: string;
  try {
    text = Deno.readTextFileSync(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return [];
    throw error;
  }
  return parseLanPrefixes(text, monotonic, wall);
}

/** Parses the file's text (see {@link loadLanPrefixes}); pure. */
export function parseLanPrefixes(text: string, monotonic: number, wall: number): PrefixRecord[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw new SyntaxError("not JSON");
  }
  if (
    typeof doc !== "object" || doc === null || (doc as { version?: unknown }).version !== VERSION
  ) {
    throw new SyntaxError(`expected a version ${VERSION} document`);
  }
  const list = (doc as { prefixes?: unknown }).prefixes;
  if (!Array.isArray(list)) throw new SyntaxError("prefixes must be an array");
  const out: PrefixRecord[] = [];
  for (const e of list.slice(0, MAX_ENTRIES)) {
    if (typeof e !== "object" || e === null) continue;
    const r = e as Record<string, unknown>;
    const subnet = typeof r.subnet === "string" && /^[0-9a-f:]{2,39}\/\d{1,3}$/.test(r.subnet)
      ? r.subnet
      : undefined;
    const state = r.state === "current" || r.state === "stale" ? r.state : undefined;
    const until = r.until === null
      ? Infinity
      : typeof r.until === "number" && Number.isFinite(r.until)
      ? monotonic + (r.until - wall)
      : undefined;
    if (subnet === undefined || state === undefined || until === undefined) continue;
    if (typeof r.on_link !== "boolean" || typeof r.autonomous !== "boolean") continue;
    const delegated = typeof r.delegated_prefix === "string" &&
        /^[0-9a-f:]{2,39}\/\d{1,3}$/.test(r.delegated_prefix)
      ? r.delegated_prefix
      : undefined;
    const upstream = typeof r.upstream === "string" && /^[A-Za-z0-9._@+-]{1,15}$/.test(r.upstream)
      ? r.upstream
      : undefined;
    out.push({
      subnet,
      ...(delegated === undefined ? {} : { delegatedPrefix: delegated }),
      onLink: r.on_link,
      autonomous: r.autonomous,
      state,
      until,
      ...(upstream === undefined ? {} : { upstream }),
    });
  }
  return out;
}
