/**
 * UUID text (RFC 9562 §4), used to show DUID-UUID (RFC 6355).
 * @module
 */

/** Formats 16 bytes as 8-4-4-4-12 lowercase hex (the UUID text form, RFC 9562 §4). */
export function formatUuid(bytes: Uint8Array): string {
  if (bytes.length !== 16) throw new RangeError(`a UUID is 16 bytes, not ${bytes.length}`);
  const h = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
