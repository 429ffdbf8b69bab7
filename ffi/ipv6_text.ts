/**
 * IPv6 address text: parsing (RFC 4291 §2.2) and canonical formatting
 * (RFC 5952 §4), so that the kernel interfaces in `ffi/` speak in the same
 * strings that `ip -6 addr` prints.
 * @module
 */

/**
 * Parses IPv6 address text (`2001:db8::1`, `::`, `::ffff:192.0.2.1`) into 16 bytes.
 * A zone (`%eth0`) is not part of an address here: pass the scope id separately.
 * @throws {SyntaxError} naming the text and what was wrong with it.
 */
export function parseIpv6(text: string): Uint8Array<ArrayBuffer> {
  const fail = (why: string): never => {
    throw new SyntaxError(`invalid IPv6 address "${text}": ${why}`);
  };
  if (text.length === 0 || text.length > 45) fail("expected 2 to 45 characters");
  const halves = text.split("::");
  if (halves.length > 2) fail("'::' may appear once");
  const groups = (part: string): number[] => {
    if (part === "") return [];
    const out: number[] = [];
    const pieces = part.split(":");
    pieces.forEach((piece, i) => {
      if (i === pieces.length - 1 && piece.includes(".")) {
        const octets = piece.split(".");
        if (octets.length !== 4) fail(`bad embedded IPv4 "${piece}"`);
        const bytes = octets.map((o) => {
          if (!/^(0|[1-9][0-9]{0,2})$/.test(o) || Number(o) > 255) {
            fail(`bad IPv4 octet "${o}"`);
          }
          return Number(o);
        });
        out.push((bytes[0]! << 8) | bytes[1]!, (bytes[2]! << 8) | bytes[3]!);
        return;
      }
      if (!/^[0-9a-fA-F]{1,4}$/.test(piece)) fail(`bad group "${piece}"`);
      out.push(parseInt(piece, 16));
    });
    return out;
  };
  const head = groups(halves[0]!);
  const tail = halves.length === 2 ? groups(halves[1]!) : [];
  const total = head.length + tail.length;
  if (halves.length === 2 ? total > 7 : total !== 8) {
    fail(halves.length === 2 ? "too many groups around '::'" : "expected 8 groups");
  }
  const words = [...head, ...new Array<number>(8 - total).fill(0), ...tail];
  const out = new Uint8Array(16);
  words.forEach((word, i) => {
    out[2 * i] = word >> 8;
    out[2 * i + 1] = word & 0xff;
  });
  return out;
}

/**
 * Formats 16 bytes as canonical IPv6 text (RFC 5952 §4: lower case, no
 * leading zeros, the longest run of two or more zero groups as `::`, the
 * first such run on a tie).
 * @throws {RangeError} unless exactly 16 bytes are given.
 */
export function formatIpv6(bytes: Uint8Array): string {
  if (bytes.length !== 16) {
    throw new RangeError(`IPv6 address needs 16 bytes, got ${bytes.length}`);
  }
  const words: number[] = [];
  for (let i = 0; i < 16; i += 2) words.push((bytes[i]! << 8) | bytes[i + 1]!);
  let bestStart = -1;
  let bestLength = 1; // RFC 5952 §4.2.2: a single zero group is not shortened.
  for (let i = 0; i < 8;) {
    if (words[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && words[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = (ws: number[]) => ws.map((w) => w.toString(16)).join(":");
  if (bestStart < 0) return hex(words);
  return `${hex(words.slice(0, bestStart))}::${hex(words.slice(bestStart + bestLength))}`;
}
