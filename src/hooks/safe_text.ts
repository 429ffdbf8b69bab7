/**
 * Checks and encodings that keep values taken from the wire harmless when they
 * reach a hook script's environment: domain names are accepted only in the
 * letter-digit-hyphen form of RFC 1035 §2.3.1 (as relaxed by RFC 1123 §2.1),
 * and everything else is written as lowercase hexadecimal.
 * @module
 */

/** The characters any hook environment value may contain (plus the space separator). */
export const SAFE_VALUE = /^[A-Za-z0-9._:/@%+=,-]*$/;

const LDH_LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

/**
 * True when `name` (dotted text, no trailing dot, as the option codecs give it)
 * is a host name of LDH labels: RFC 1035 §2.3.1 preferred syntax, with the
 * RFC 1123 §2.1 relaxation that a label may begin with a digit; at most 253
 * characters, labels of 1–63 characters.
 */
export function isLdhName(name: string): boolean {
  if (name.length === 0 || name.length > 253) return false;
  for (const label of name.split(".")) {
    if (!LDH_LABEL.test(label)) return false;
  }
  return true;
}

/** Lowercase hexadecimal of `bytes` (two digits a byte, no separators). */
export function toHex(bytes: Uint8Array): string {
  let out = "";
  for (const b of bytes) out += b.toString(16).padStart(2, "0");
  return out;
}

/**
 * The DNS wire form (RFC 1035 §3.1) of a name in the codecs' presentation
 * text, where `\.`, `\\` and `\DDD` stand for bytes inside a label (RFC 1035
 * §5.1). Characters outside ASCII are taken as their UTF-8 bytes. Used to show
 * a rejected name exactly as the server sent it.
 */
export function nameToWire(name: string): Uint8Array {
  const out: number[] = [];
  let label: number[] = [];
  const flush = () => {
    out.push(label.length & 0xff, ...label);
    label = [];
  };
  const utf8 = new TextEncoder();
  for (let i = 0; i < name.length; i++) {
    const ch = name[i]!;
    if (ch === "\\" && i + 1 < name.length) {
      const digits = name.slice(i + 1, i + 4);
      if (/^[0-9]{3}$/.test(digits)) {
        label.push(Number(digits) & 0xff);
        i += 3;
      } else {
        label.push(...utf8.encode(name[i + 1]!));
        i += 1;
      }
    } else if (ch === ".") {
      flush();
    } else {
      label.push(...utf8.encode(ch));
    }
  }
  if (label.length > 0) flush();
  out.push(0);
  return Uint8Array.from(out);
}

/** Lowercase hexadecimal of the UTF-8 bytes of `text`. */
export function textToHex(text: string): string {
  return toHex(new TextEncoder().encode(text));
}

/**
 * `text` itself when every character is in {@link SAFE_VALUE}, otherwise
 * `hex:` followed by the hexadecimal of its UTF-8 bytes: a form no shell can
 * expand or split.
 */
export function safeToken(text: string): string {
  return SAFE_VALUE.test(text) && text.length > 0 ? text : `hex:${textToHex(text)}`;
}
