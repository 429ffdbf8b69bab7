/**
 * TOML key paths as text: `interface."eth0.100".ia_pd[0].delegate[1].sla_id`.
 * @module
 */

/** A step in a key path: a table key or an array index. */
export type PathSegment = string | number;

const BARE_KEY = /^[A-Za-z0-9_-]+$/;

/** Writes one key as TOML would accept it: bare when possible, else quoted. */
export function formatKey(key: string): string {
  return BARE_KEY.test(key) ? key : JSON.stringify(key);
}

/** Writes a whole path; indices appear as `[n]`. */
export function formatPath(path: readonly PathSegment[]): string {
  let out = "";
  for (const seg of path) {
    if (typeof seg === "number") out += `[${seg}]`;
    else out += (out === "" ? "" : ".") + formatKey(seg);
  }
  return out;
}
