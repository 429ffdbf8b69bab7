/**
 * Byte-array helpers shared by the codecs (DHCPv6, Neighbor Discovery,
 * rtnetlink) and the tests that build datagrams by hand.
 * @module
 */

/** The byte arrays `parts` one after the other, in a new array. */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((sum, p) => sum + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
