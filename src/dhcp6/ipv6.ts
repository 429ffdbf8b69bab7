/**
 * IPv6 address and prefix text: parsing (RFC 4291 §2.2, every form it allows)
 * and canonical formatting (RFC 5952 §4).
 * @module
 */

/**
 * Parses IPv6 text (RFC 4291 §2.2: full, `::`-compressed, or with an
 * embedded dotted IPv4 tail) into 16 bytes. Throws SyntaxError with the
 * reason when the text is not an IPv6 address. Zone ids (`%eth0`) are not
 * addresses and are rejected.
 */
export function parseIPv6(text: string): Uint8Array {
  const fail = (why: string): never => {
    throw new SyntaxError(`"${text}" is not an IPv6 address: ${why}`);
  };
  if (text.length === 0) fail("empty");
  if (text.length > 45) fail("too long");
  const halves = text.split("::");
  if (halves.length > 2) fail('"::" appears more than once');
  const groupsOf = (part: string, last: boolean): number[] => {
    if (part === "") return [];
    const out: number[] = [];
    const pieces = part.split(":");
    pieces.forEach((p, i) => {
      if (last && i === pieces.length - 1 && p.includes(".")) {
        const v4 = parseDottedQuad(p);
        if (v4 === undefined) fail(`"${p}" is not a dotted IPv4 address`);
        else out.push((v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!);
        return;
      }
      if (!/^[0-9a-fA-F]{1,4}$/.test(p)) {
        fail(p === "" ? "empty group" : `"${p}" is not a group of 1 to 4 hex digits`);
      }
      out.push(parseInt(p, 16));
    });
    return out;
  };
  let groups: number[];
  if (halves.length === 2) {
    const head = groupsOf(halves[0]!, false);
    const tail = groupsOf(halves[1]!, true);
    if (head.length + tail.length > 7) fail('too many groups around "::"');
    groups = [...head, ...new Array<number>(8 - head.length - tail.length).fill(0), ...tail];
  } else {
    groups = groupsOf(text, true);
    if (groups.length !== 8) fail(`${groups.length} groups instead of 8`);
  }
  const out = new Uint8Array(16);
  groups.forEach((g, i) => {
    out[2 * i] = g >>> 8;
    out[2 * i + 1] = g & 0xff;
  });
  return out;
}

function parseDottedQuad(text: string): number[] | undefined {
  const parts = text.split(".");
  if (parts.length !== 4) return undefined;
  const out: number[] = [];
  for (const p of parts) {
    if (!/^(0|[1-9][0-9]{0,2})$/.test(p)) return undefined;
    const v = Number(p);
    if (v > 255) return undefined;
    out.push(v);
  }
  return out;
}

/** True when `text` parses as an IPv6 address (RFC 4291 §2.2). */
export function isIPv6(text: string): boolean {
  try {
    parseIPv6(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * Formats 16 bytes as RFC 5952 §4 text: lowercase, no leading zeros, the
 * longest run (first on a tie) of two or more zero groups as `::`, and
 * IPv4-mapped addresses with a dotted tail (§5).
 */
export function formatIPv6(bytes: Uint8Array): string {
  if (bytes.length !== 16) {
    throw new RangeError(`an IPv6 address is 16 bytes, not ${bytes.length}`);
  }
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push((bytes[i]! << 8) | bytes[i + 1]!);
  const isMapped = groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff;
  if (isMapped) {
    return `::ffff:${bytes[12]}.${bytes[13]}.${bytes[14]}.${bytes[15]}`;
  }
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = (gs: number[]) => gs.map((g) => g.toString(16)).join(":");
  if (bestLen < 2) return hex(groups);
  return `${hex(groups.slice(0, bestStart))}::${hex(groups.slice(bestStart + bestLen))}`;
}

/** Rewrites any valid IPv6 text in its RFC 5952 form. Throws SyntaxError on bad text. */
export function normalizeIPv6(text: string): string {
  return formatIPv6(parseIPv6(text));
}

/**
 * Returns a copy of `bytes` with every bit past the first `length` cleared
 * (the prefix of RFC 4291 §2.3). Throws RangeError unless 0 ≤ length ≤ 128.
 */
export function maskPrefix(bytes: Uint8Array, length: number): Uint8Array {
  checkPrefixLength(length);
  const out = new Uint8Array(16);
  out.set(bytes.subarray(0, 16));
  for (let bit = length; bit < 128; bit++) {
    out[bit >> 3]! &= ~(0x80 >> (bit & 7));
  }
  return out;
}

/** Formats a prefix as `address/length` (RFC 4291 §2.3 notation, RFC 5952 address). */
export function formatPrefix(address: Uint8Array | string, length: number): string {
  checkPrefixLength(length);
  const text = typeof address === "string" ? normalizeIPv6(address) : formatIPv6(address);
  return `${text}/${length}`;
}

/** A prefix parsed from `address/length` text (RFC 4291 §2.3). */
export interface ParsedPrefix {
  /** The address part, RFC 5952 text, as written (host bits are kept). */
  readonly address: string;
  /** The prefix length, 0…128. */
  readonly length: number;
}

/** Parses `address/length` (RFC 4291 §2.3). Throws SyntaxError on bad text. */
export function parsePrefix(text: string): ParsedPrefix {
  const slash = text.indexOf("/");
  if (slash < 0) throw new SyntaxError(`"${text}" is not an IPv6 prefix: no "/length"`);
  const lenText = text.slice(slash + 1);
  if (!/^(0|[1-9][0-9]{0,2})$/.test(lenText) || Number(lenText) > 128) {
    throw new SyntaxError(`"${text}" is not an IPv6 prefix: length must be 0 to 128`);
  }
  return { address: normalizeIPv6(text.slice(0, slash)), length: Number(lenText) };
}

/** True when `address` lies inside `prefix/length`. */
export function prefixContains(
  prefix: Uint8Array | string,
  length: number,
  address: Uint8Array | string,
): boolean {
  const p = maskPrefix(typeof prefix === "string" ? parseIPv6(prefix) : prefix, length);
  const a = maskPrefix(typeof address === "string" ? parseIPv6(address) : address, length);
  return p.every((b, i) => b === a[i]);
}

function checkPrefixLength(length: number): void {
  if (!Number.isInteger(length) || length < 0 || length > 128) {
    throw new RangeError(`prefix length ${length} is not 0 to 128`);
  }
}
