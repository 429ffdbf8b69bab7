/**
 * The client's DUID, created once and kept in a file (RFC 9915 §11: a DUID
 * must not change, so that servers keep recognising the client). The file uses
 * the format of WIDE/OPNsense dhcp6c (`/var/db/dhcp6c_duid`): a 2-byte length
 * in little-endian (host) order, then the DUID bytes. Reading it unchanged lets
 * a router that switches from dhcp6c keep its DUID, and with it its leases.
 * @module
 */
import { writeFileAtomic } from "./atomic_write.ts";

/** The longest DUID: 2 bytes of type plus at most 128 bytes (RFC 9915 §11.1). */
export const MAX_DUID_LENGTH = 130;

/** Seconds between the Unix epoch and 2000-01-01T00:00:00Z (RFC 9915 §11.2). */
const DUID_EPOCH_SECONDS = 946_684_800;

/** A network interface as far as DUID creation cares. */
export interface HardwareInterface {
  /** The interface name, as the kernel reports it. */
  readonly name: string;
  /** ARP hardware type (RFC 826 / IANA "Hardware Types"; 1 is Ethernet). */
  readonly hardwareType: number;
  /** Link-layer address; empty for interfaces without one (loopback, tunnels). */
  readonly mac: Uint8Array;
}

/**
 * Decodes a dhcp6c DUID file: `u16 length (little-endian)` then `length` bytes.
 * Throws a `RangeError` naming the file and what is wrong.
 */
export function decodeDuidFile(bytes: Uint8Array, path = "DUID file"): Uint8Array {
  if (bytes.length < 2) {
    throw new RangeError(
      `${path}: ${bytes.length} bytes, expected at least 2 (a little-endian length)`,
    );
  }
  const length = bytes[0]! | (bytes[1]! << 8);
  if (length < 3 || length > MAX_DUID_LENGTH) {
    throw new RangeError(
      `${path}: DUID length ${length} at offset 0, expected 3 to ${MAX_DUID_LENGTH} (RFC 9915 §11.1)`,
    );
  }
  if (bytes.length < 2 + length) {
    throw new RangeError(
      `${path}: DUID length says ${length} bytes but only ${bytes.length - 2} follow`,
    );
  }
  return bytes.slice(2, 2 + length);
}

/** Encodes a DUID in dhcp6c's file format (little-endian length, then bytes). */
export function encodeDuidFile(duid: Uint8Array): Uint8Array {
  if (duid.length < 3 || duid.length > MAX_DUID_LENGTH) {
    throw new RangeError(`DUID of ${duid.length} bytes, expected 3 to ${MAX_DUID_LENGTH}`);
  }
  const out = new Uint8Array(2 + duid.length);
  out[0] = duid.length & 0xff;
  out[1] = duid.length >> 8;
  out.set(duid, 2);
  return out;
}

/**
 * Builds a DUID-LLT (RFC 9915 §11.2): type 1, hardware type, the time in
 * seconds since 2000-01-01 UTC modulo 2^32, then the link-layer address.
 */
export function makeDuidLlt(hardwareType: number, mac: Uint8Array, wallMs: number): Uint8Array {
  if (mac.length === 0 || mac.length > MAX_DUID_LENGTH - 8) {
    throw new RangeError(`link-layer address of ${mac.length} bytes cannot form a DUID-LLT`);
  }
  const out = new Uint8Array(8 + mac.length);
  const view = new DataView(out.buffer);
  view.setUint16(0, 1); // 2 bytes: DUID type 1 (LLT)
  view.setUint16(2, hardwareType & 0xffff); // 2 bytes: hardware type
  const seconds = Math.floor(wallMs / 1000) - DUID_EPOCH_SECONDS;
  view.setUint32(4, ((seconds % 2 ** 32) + 2 ** 32) % 2 ** 32); // 4 bytes: time
  out.set(mac, 8); // the link-layer address
  return out;
}

/**
 * The interface a new DUID-LLT is made from: the first one, in the order given
 * (kernel index order), with a link-layer address that is not all zeros, as
 * dhcp6c does.
 */
export function pickDuidInterface(
  interfaces: readonly HardwareInterface[],
): HardwareInterface | undefined {
  return interfaces.find((i) => i.mac.length > 0 && i.mac.some((b) => b !== 0));
}

/**
 * Builds a DUID-UUID (RFC 6355 §4): type 4, then the 16 bytes of a UUID. It
 * is the DUID of a router none of whose interfaces has a link-layer address
 * (a WAN over PPP or a tunnel, nothing else yet): a DUID-LLT cannot be made
 * there, and a DUID must never change once used (RFC 9915 §11), so a random
 * (version 4, RFC 9562 §5.4) UUID is drawn once and kept in the DUID file.
 */
export function makeDuidUuid(uuid: Uint8Array): Uint8Array {
  if (uuid.length !== 16) throw new RangeError(`a UUID has 16 bytes, not ${uuid.length}`);
  const out = new Uint8Array(18);
  new DataView(out.buffer).setUint16(0, 4); // 2 bytes: DUID type 4 (UUID)
  out.set(uuid, 2); // 16 bytes: the UUID, in network order
  return out;
}

/** 16 random bytes shaped as a version 4, variant 10 UUID (RFC 9562 §5.4). */
export function randomUuid(): Uint8Array {
  const uuid = crypto.getRandomValues(new Uint8Array(16));
  uuid[6] = (uuid[6]! & 0x0f) | 0x40;
  uuid[8] = (uuid[8]! & 0x3f) | 0x80;
  return uuid;
}

/**
 * Where the DUID came from, for the log: our file, dhcp6c's file, made now
 * from an interface's link-layer address, or made now as a DUID-UUID.
 */
export type DuidOrigin = "file" | "dhcp6c" | "created" | "created-uuid";

/** Where WIDE/OPNsense dhcp6c keeps its DUID. */
export const DHCP6C_DUID_FILE = "/var/db/dhcp6c_duid";

/**
 * Reads the DUID from `path`; failing that, adopts the DUID of a previous
 * dhcp6c installation (`legacy`, same format), copying it to `path`, so that a
 * router that switches keeps its identity and its leases; failing that,
 * creates a DUID-LLT from the first interface with a MAC (any interface: the
 * upstream one may have none, RFC 9915 §11), or a DUID-UUID (RFC 6355) when
 * no interface has one, and saves it (written to a temporary file, synced,
 * then renamed, so that a crash never leaves half a DUID). A file that exists
 * but is corrupt is an error: replacing it would silently change the client's
 * identity.
 */
export async function loadOrCreateDuid(
  path: string,
  interfaces: () => readonly HardwareInterface[] | Promise<readonly HardwareInterface[]>,
  wallMs: number,
  legacy: readonly string[] = [DHCP6C_DUID_FILE],
  uuid: () => Uint8Array = randomUuid,
): Promise<{ duid: Uint8Array; origin: DuidOrigin }> {
  const existing = await readDuidFile(path);
  if (existing !== undefined) return { duid: existing, origin: "file" };
  for (const old of legacy) {
    if (old === path) continue;
    const adopted = await readDuidFile(old);
    if (adopted === undefined) continue;
    await writeFileAtomic(path, encodeDuidFile(adopted), 0o644);
    return { duid: adopted, origin: "dhcp6c" };
  }
  const chosen = pickDuidInterface(await interfaces());
  const duid = chosen === undefined
    ? makeDuidUuid(uuid())
    : makeDuidLlt(chosen.hardwareType, chosen.mac, wallMs);
  await writeFileAtomic(path, encodeDuidFile(duid), 0o644);
  return { duid, origin: chosen === undefined ? "created-uuid" : "created" };
}

/** The DUID in a dhcp6c-format file, or undefined when there is no such file. */
async function readDuidFile(path: string): Promise<Uint8Array | undefined> {
  try {
    return decodeDuidFile(await Deno.readFile(path), path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return undefined;
    throw error;
  }
}
