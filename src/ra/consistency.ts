/**
 * RFC 4861 §6.2.7: a router compares the RAs of other routers on its link
 * with its own and reports what conflicts, so that a forgotten second RA
 * sender shows up. Compared: Cur Hop Limit, the M and O flags, Reachable
 * Time and Retrans Timer (each unless either side leaves it unspecified,
 * 0), the MTU, and for a prefix both advertise, when it stops being
 * preferred and valid (deadlines, since lifetimes decrease in real time),
 * within a tolerance: both RAs are taken at the same moment, so equal
 * remaining lifetimes mean equal deadlines. Advertising different sets of prefixes is no conflict.
 * @module
 */
import type { RouterAdvertisement } from "./nd_codec.ts";

const INFINITE = 0xffffffff;

/** The conflicts between `theirs` and `ours` (as it would go out now), as short sentences. */
export function compareAdvertisements(
  theirs: RouterAdvertisement,
  ours: RouterAdvertisement,
  toleranceMs: number,
): string[] {
  const out: string[] = [];
  const specified = (a: number, b: number) => a !== 0 && b !== 0 && a !== b;
  if (specified(theirs.curHopLimit, ours.curHopLimit)) {
    out.push(`cur hop limit ${theirs.curHopLimit}, this router ${ours.curHopLimit}`);
  }
  if (theirs.managed !== ours.managed) {
    out.push(`M flag ${Number(theirs.managed)}, this router ${Number(ours.managed)}`);
  }
  if (theirs.other !== ours.other) {
    out.push(`O flag ${Number(theirs.other)}, this router ${Number(ours.other)}`);
  }
  if (specified(theirs.reachableTime, ours.reachableTime)) {
    out.push(`reachable time ${theirs.reachableTime} ms, this router ${ours.reachableTime} ms`);
  }
  if (specified(theirs.retransTimer, ours.retransTimer)) {
    out.push(`retrans timer ${theirs.retransTimer} ms, this router ${ours.retransTimer} ms`);
  }
  if (theirs.mtu !== undefined && ours.mtu !== undefined && theirs.mtu !== ours.mtu) {
    out.push(`MTU ${theirs.mtu}, this router ${ours.mtu}`);
  }
  for (const p of theirs.prefixes) {
    const mine = ours.prefixes.find((q) =>
      q.prefix === p.prefix && q.prefixLength === p.prefixLength
    );
    if (mine === undefined) continue;
    const name = `${p.prefix}/${p.prefixLength}`;
    const differs = (a: number, b: number) =>
      (a === INFINITE) !== (b === INFINITE) ||
      (a !== INFINITE && Math.abs(a - b) * 1000 > toleranceMs);
    if (differs(p.preferredLifetime, mine.preferredLifetime)) {
      out.push(
        `${name} preferred for ${p.preferredLifetime} s, this router ${mine.preferredLifetime} s`,
      );
    }
    if (differs(p.validLifetime, mine.validLifetime)) {
      out.push(`${name} valid for ${p.validLifetime} s, this router ${mine.validLifetime} s`);
    }
  }
  return out;
}
