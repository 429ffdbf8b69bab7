/**
 * Hex data as written for raw options: `0a:1b:2c`, `0a1b2c`, or one byte `0a`.
 * @module
 */

/**
 * Normalises hex text to lowercase digits without separators. Accepts pairs
 * separated by colons, or an unbroken even run of digits (an optional `0x`
 * prefix too). Returns an error string when the text is not hex data.
 */
export function normalizeHex(text: string): { hex: string } | { error: string } {
  const body = /^0x/i.test(text) ? text.slice(2) : text;
  if (body.includes(":")) {
    if (!/^[0-9a-fA-F]{2}(:[0-9a-fA-F]{2})*$/.test(body)) {
      return { error: "expected hex bytes as xx:xx:… (two digits per byte)" };
    }
    return { hex: body.replaceAll(":", "").toLowerCase() };
  }
  if (!/^([0-9a-fA-F]{2})*$/.test(body)) {
    return { error: "expected an even number of hex digits" };
  }
  return { hex: body.toLowerCase() };
}

/** Decodes normalised hex (from {@link normalizeHex}) into bytes. */
export function hexToBytes(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** Writes bytes as colon-separated lowercase pairs, dhcp6c's raw-option notation. */
export function colonHex(hex: string): string {
  return hex.match(/../g)?.join(":") ?? "";
}
