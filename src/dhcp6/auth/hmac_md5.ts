/**
 * HMAC-MD5 (RFC 2104), the MAC of the Reconfigure Key Authentication Protocol
 * (RFC 9915 §20.4).
 * @module
 */
import { md5 } from "./md5.ts";

const BLOCK = 64;

/** HMAC-MD5 of `data` under `key` (RFC 2104 §2): H(K ⊕ opad, H(K ⊕ ipad, text)). */
export function hmacMd5(key: Uint8Array, data: Uint8Array): Uint8Array {
  // Keys longer than the block are hashed first (RFC 2104 §2).
  const k = new Uint8Array(BLOCK);
  k.set(key.length > BLOCK ? md5(key) : key);
  const inner = new Uint8Array(BLOCK + data.length);
  const outer = new Uint8Array(BLOCK + 16);
  for (let i = 0; i < BLOCK; i++) {
    inner[i] = k[i]! ^ 0x36;
    outer[i] = k[i]! ^ 0x5c;
  }
  inner.set(data, BLOCK);
  outer.set(md5(inner), BLOCK);
  return md5(outer);
}

/** Compares two MACs without an early exit. */
export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}
