/**
 * Checks a list of transmission times against RFC 9915 §15: the first RT is
 * IRT ± 10 % (strictly above IRT for Solicit), each next RT is 2·RTprev ± 10 %
 * of RTprev, or MRT ± 10 % once capped.
 * @module
 */

/** Expected §15 parameters, ms. */
export interface Expect {
  /** IRT of the message type, ms (the §7.6 table). */
  readonly irt: number;
  /** 0: no cap. */
  readonly mrt: number;
  /** Solicit: the first RT must be strictly greater than IRT (§15, RAND positive). */
  readonly firstAboveIrt?: boolean;
}

/** Why each interval breaks §15 (empty when all fit). `times` are the transmission times. */
export function scheduleViolations(times: readonly number[], e: Expect): string[] {
  const out: string[] = [];
  const eps = 1e-6;
  let prev: number | undefined;
  for (let i = 1; i < times.length; i++) {
    const rt = times[i]! - times[i - 1]!;
    if (prev === undefined) {
      const lo = e.firstAboveIrt ? e.irt : 0.9 * e.irt;
      const okLo = e.firstAboveIrt ? rt > lo : rt >= lo - eps;
      if (!okLo || rt > 1.1 * e.irt + eps) {
        out.push(`first RT ${rt} outside the band of IRT ${e.irt}`);
      }
    } else {
      const doubled = rt >= 1.9 * prev - eps && rt <= 2.1 * prev + eps;
      const capped = e.mrt > 0 && rt >= 0.9 * e.mrt - eps && rt <= 1.1 * e.mrt + eps;
      if (!doubled && !capped) {
        out.push(`RT #${i} = ${rt} after ${prev}: neither 2·RTprev ± 10 % nor MRT ± 10 %`);
      }
      if (e.mrt > 0 && rt > 1.1 * e.mrt + eps) {
        out.push(`RT #${i} = ${rt} exceeds MRT ${e.mrt} + 10 %`);
      }
      // Once 2·RTprev − 10 % is past MRT + 10 %, only the capped value is allowed.
      if (e.mrt > 0 && 1.9 * prev > 1.1 * e.mrt && !capped) {
        out.push(`RT #${i} = ${rt} should be capped at MRT`);
      }
    }
    prev = rt;
  }
  return out;
}
