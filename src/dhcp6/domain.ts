/**
 * Domain names in the uncompressed RFC 1035 §3.1 wire form that DHCPv6 uses
 * (RFC 9915 §10), and their text form: labels joined by `.`, with `.`, `\`
 * and bytes outside printable ASCII inside a label escaped as `\.`, `\\` and
 * `\DDD` (RFC 1035 §5.1), so that text and wire forms map one to one.
 * @module
 */
import type { Reader, Writer } from "./buffer.ts";

/** The longest label (RFC 1035 §2.3.4). */
export const MAX_LABEL_LENGTH = 63;
/** The longest name in wire form, length bytes and root label included (RFC 1035 §2.3.4). */
export const MAX_NAME_LENGTH = 255;

/** A name read from the wire (RFC 9915 §10). */
export interface WireName {
  /** Text form, without a trailing dot; "" for the root name or an empty partial name. */
  readonly name: string;
  /** True when the name ended without its root label (RFC 4704 §4.2 partial names). */
  readonly partial: boolean;
}

/**
 * Reads one name. With `allowPartial`, the name may end at the end of the
 * reader's window without a root label; otherwise the root label is required.
 * Compression pointers and the reserved label types are rejected (RFC 9915 §10).
 */
export function readDomainName(r: Reader, allowPartial = false): WireName {
  const start = r.pos;
  const labels: Uint8Array[] = [];
  let wireLength = 0;
  for (;;) {
    if (r.remaining === 0) {
      if (allowPartial) return { name: formatLabels(labels), partial: true };
      throw r.error(
        labels.length === 0
          ? "domain name is missing"
          : `domain name at offset ${start} has no terminating root label`,
      );
    }
    const at = r.pos;
    const len = r.u8("label length");
    wireLength += 1 + (len & 0x3f);
    if (len === 0) {
      return { name: formatLabels(labels), partial: false };
    }
    if ((len & 0xc0) === 0xc0) {
      throw r.error(`domain name at offset ${start} uses a compression pointer`, at);
    }
    if (len > MAX_LABEL_LENGTH) {
      throw r.error(
        `domain name at offset ${start} has label length ${len} (reserved label type; at most ${MAX_LABEL_LENGTH})`,
        at,
      );
    }
    if (wireLength + 1 > MAX_NAME_LENGTH) {
      throw r.error(
        `domain name at offset ${start} is longer than ${MAX_NAME_LENGTH} bytes`,
        at,
      );
    }
    if (len > r.remaining) {
      throw r.error(
        `label at offset ${at} needs ${len} bytes but only ${r.remaining} remain`,
        at,
      );
    }
    labels.push(r.bytesN(len, "label"));
  }
}

/** Reads names until the end of the reader's window (RFC 3646 §4 domain search lists). */
export function readDomainList(r: Reader): string[] {
  const names: string[] = [];
  while (r.remaining > 0) names.push(readDomainName(r).name);
  return names;
}

/**
 * Writes a name in wire form; with `partial`, without the root label
 * (RFC 4704 §4.2). Throws SyntaxError or RangeError for text that is not a
 * valid name.
 */
export function writeDomainName(w: Writer, name: string, partial = false): void {
  w.bytes(domainToWire(name, partial));
}

/** The wire form of a name (RFC 1035 §3.1; see {@link writeDomainName}). */
export function domainToWire(name: string, partial = false): Uint8Array {
  const labels = parseDomainText(name);
  const size = labels.reduce((n, l) => n + 1 + l.length, 0) + 1;
  if (size > MAX_NAME_LENGTH) {
    throw new RangeError(
      `domain name "${name}" is ${size} bytes in wire form; at most ${MAX_NAME_LENGTH}`,
    );
  }
  const out = new Uint8Array(partial ? size - 1 : size);
  let i = 0;
  for (const l of labels) {
    out[i++] = l.length;
    out.set(l, i);
    i += l.length;
  }
  return out;
}

/**
 * Splits a text name into its labels' bytes, undoing `\.`, `\\`, `\X` and
 * `\DDD`. "" and "." are the root name (no labels); one trailing dot is
 * allowed. Throws SyntaxError for empty labels or bad escapes, RangeError
 * for labels longer than 63 bytes.
 */
export function parseDomainText(text: string): Uint8Array[] {
  if (text === "" || text === ".") return [];
  const labels: Uint8Array[] = [];
  let cur: number[] = [];
  const endLabel = (at: number) => {
    if (cur.length === 0) {
      throw new SyntaxError(`domain name "${text}" has an empty label at ${at}`);
    }
    if (cur.length > MAX_LABEL_LENGTH) {
      throw new RangeError(
        `domain name "${text}" has a ${cur.length}-byte label; at most ${MAX_LABEL_LENGTH}`,
      );
    }
    labels.push(Uint8Array.from(cur));
    cur = [];
  };
  const utf8 = new TextEncoder();
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === ".") {
      endLabel(i);
      if (i === text.length - 1) return labels;
      continue;
    }
    if (c === "\\") {
      const d = text.slice(i + 1, i + 4);
      if (/^[0-9]{3}$/.test(d)) {
        const v = Number(d);
        if (v > 255) throw new SyntaxError(`domain name "${text}": escape \\${d} exceeds 255`);
        cur.push(v);
        i += 3;
        continue;
      }
      const next = text[i + 1];
      if (next === undefined) throw new SyntaxError(`domain name "${text}" ends with "\\"`);
      if (/[0-9]/.test(next)) {
        throw new SyntaxError(`domain name "${text}": "\\" followed by digits needs three`);
      }
      cur.push(...utf8.encode(next));
      i += 1;
      continue;
    }
    const cp = text.codePointAt(i)!;
    if (cp < 0x80) {
      cur.push(cp);
      continue;
    }
    if (cp > 0xffff) i++;
    cur.push(...utf8.encode(String.fromCodePoint(cp)));
  }
  endLabel(text.length);
  return labels;
}

/** Joins labels into text, escaping as described in the module doc (RFC 1035 §5.1). */
export function formatLabels(labels: readonly Uint8Array[]): string {
  return labels.map(formatLabel).join(".");
}

function formatLabel(label: Uint8Array): string {
  let s = "";
  for (const b of label) {
    if (b === 0x2e) s += "\\.";
    else if (b === 0x5c) s += "\\\\";
    else if (b > 0x20 && b < 0x7f) s += String.fromCharCode(b);
    else s += "\\" + b.toString().padStart(3, "0");
  }
  return s;
}
