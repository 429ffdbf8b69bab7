/**
 * Brings a status document read from STATE_DIR/status.json up to date: the
 * agent writes the file when something changes, so its "seconds left" are as
 * of `generated_at`. Pure: the current wall-clock time is an argument.
 * @module
 */
import type { StatusDocument, StatusInterface } from "./status_json.ts";

/**
 * The document as it would read at `nowMs` (ms since the epoch): every time
 * left (lifetimes, T1, T2, next timer; RFC 9915 §7.7, §18.2.4, §18.2.5)
 * lowered by the seconds since `generated_at`, never below 0; null (infinite)
 * stays null. A document without `generated_at`, or dated in the future, is
 * returned unchanged.
 */
export function ageStatusDocument(doc: StatusDocument, nowMs: number): StatusDocument {
  if (doc.generated_at === null) return doc;
  const then = Date.parse(doc.generated_at);
  if (!Number.isFinite(then) || then > nowMs) return doc;
  const elapsed = Math.floor((nowMs - then) / 1000);
  const less = (v: number | null | undefined) =>
    v === null || v === undefined ? v : Math.max(0, v - elapsed);
  const age = (i: StatusInterface): StatusInterface => ({
    ...i,
    addresses: i.addresses.map((a) => ({
      ...a,
      preferred_left: less(a.preferred_left)!,
      valid_left: less(a.valid_left)!,
    })),
    prefixes: i.prefixes.map((p) => ({
      ...p,
      preferred_left: less(p.preferred_left)!,
      valid_left: less(p.valid_left)!,
    })),
    ias: i.ias.map((ia) => ({
      ...ia,
      ...(ia.t1_left === undefined ? {} : { t1_left: less(ia.t1_left)! }),
      ...(ia.t2_left === undefined ? {} : { t2_left: less(ia.t2_left)! }),
    })),
    next_timer_in: less(i.next_timer_in)!,
  });
  return {
    ...doc,
    generated_at: new Date(nowMs).toISOString(),
    interfaces: doc.interfaces.map(age),
  };
}
