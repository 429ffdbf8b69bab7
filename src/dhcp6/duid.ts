/**
 * DHCP Unique Identifiers (RFC 9915 §11): parsing into the four defined
 * types, and builders. A DUID is always kept and compared as its bytes; the
 * parsed view is for display and for hooks.
 * @module
 */
import { formatUuid } from "./uuid_text.ts";

/** DUID type codes (RFC 9915 §11.1). */
export const DuidType = { LLT: 1, EN: 2, LL: 3, UUID: 4 } as const;

/** The longest DUID: 128 octets plus the 2-octet type code (RFC 9915 §11.1). */
export const MAX_DUID_LENGTH = 130;

/** Seconds from the Unix epoch to 2000-01-01T00:00:00Z, the DUID-LLT epoch (RFC 9915 §11.2). */
export const DUID_EPOCH_UNIX_SECONDS = 946684800;

/** A DUID split into its fields; `raw` for unknown types or bad lengths. */
export type ParsedDuid =
  | {
    readonly type: "LLT";
    readonly hardwareType: number;
    /** Seconds since 2000-01-01 UTC, modulo 2^32. */
    readonly time: number;
    readonly linkLayerAddress: Uint8Array;
  }
  | { readonly type: "EN"; readonly enterprise: number; readonly identifier: Uint8Array }
  | { readonly type: "LL"; readonly hardwareType: number; readonly linkLayerAddress: Uint8Array }
  | { readonly type: "UUID"; readonly uuid: string }
  | { readonly type: "raw"; readonly typeCode: number | undefined; readonly data: Uint8Array };

const u16 = (b: Uint8Array, i: number) => (b[i]! << 8) | b[i + 1]!;
const u32 = (b: Uint8Array, i: number) => b[i]! * 0x1000000 + ((b[i + 1]! << 16) | u16(b, i + 2));

/**
 * Splits a DUID into its fields (RFC 9915 §11.2–§11.5). Never throws: a
 * DUID of an unknown type, or too short for its type, comes back as `raw`.
 */
export function parseDuid(duid: Uint8Array): ParsedDuid {
  if (duid.length < 2) return { type: "raw", typeCode: undefined, data: duid.slice() };
  const code = u16(duid, 0);
  const body = duid.subarray(2);
  switch (code) {
    case DuidType.LLT:
      if (body.length >= 6) {
        return {
          type: "LLT",
          hardwareType: u16(body, 0),
          time: u32(body, 2),
          linkLayerAddress: body.slice(6),
        };
      }
      break;
    case DuidType.EN:
      if (body.length >= 4) {
        return { type: "EN", enterprise: u32(body, 0), identifier: body.slice(4) };
      }
      break;
    case DuidType.LL:
      if (body.length >= 2) {
        return { type: "LL", hardwareType: u16(body, 0), linkLayerAddress: body.slice(2) };
      }
      break;
    case DuidType.UUID:
      if (body.length === 16) return { type: "UUID", uuid: formatUuid(body) };
      break;
  }
  return { type: "raw", typeCode: code, data: body.slice() };
}

function checkUint(v: number, max: number, what: string): void {
  if (!Number.isInteger(v) || v < 0 || v > max) throw new RangeError(`${what} ${v} out of range`);
}

function build(head: number[], tail: Uint8Array): Uint8Array {
  const out = new Uint8Array(head.length + tail.length);
  out.set(head);
  out.set(tail, head.length);
  if (out.length > MAX_DUID_LENGTH) {
    throw new RangeError(`DUID would be ${out.length} bytes; at most ${MAX_DUID_LENGTH}`);
  }
  return out;
}

/**
 * Builds a DUID-LLT (RFC 9915 §11.2). `time` is seconds since 2000-01-01 UTC
 * (see {@link duidTime}); `hardwareType` is the IANA hardware type (1 for Ethernet).
 */
export function duidLlt(
  hardwareType: number,
  time: number,
  linkLayerAddress: Uint8Array,
): Uint8Array {
  checkUint(hardwareType, 0xffff, "hardware type");
  checkUint(time, 0xffffffff, "DUID time");
  return build([
    0,
    DuidType.LLT,
    hardwareType >>> 8,
    hardwareType & 0xff,
    time >>> 24,
    (time >>> 16) & 0xff,
    (time >>> 8) & 0xff,
    time & 0xff,
  ], linkLayerAddress);
}

/** Builds a DUID-EN (RFC 9915 §11.3). */
export function duidEn(enterprise: number, identifier: Uint8Array): Uint8Array {
  checkUint(enterprise, 0xffffffff, "enterprise number");
  return build([
    0,
    DuidType.EN,
    enterprise >>> 24,
    (enterprise >>> 16) & 0xff,
    (enterprise >>> 8) & 0xff,
    enterprise & 0xff,
  ], identifier);
}

/** Builds a DUID-LL (RFC 9915 §11.4). */
export function duidLl(hardwareType: number, linkLayerAddress: Uint8Array): Uint8Array {
  checkUint(hardwareType, 0xffff, "hardware type");
  return build([0, DuidType.LL, hardwareType >>> 8, hardwareType & 0xff], linkLayerAddress);
}

/** Builds a DUID-UUID (RFC 9915 §11.5, RFC 6355) from the 16 UUID bytes. */
export function duidUuid(uuid: Uint8Array): Uint8Array {
  if (uuid.length !== 16) throw new RangeError(`a UUID is 16 bytes, not ${uuid.length}`);
  return build([0, DuidType.UUID], uuid);
}

/** The DUID-LLT time for a Unix time in milliseconds (RFC 9915 §11.2: modulo 2^32). */
export function duidTime(unixMilliseconds: number): number {
  const s = Math.floor(unixMilliseconds / 1000) - DUID_EPOCH_UNIX_SECONDS;
  return ((s % 0x100000000) + 0x100000000) % 0x100000000;
}
