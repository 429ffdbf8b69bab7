/**
 * The order in which one Reply's lease actions reach the kernel. A server
 * that renumbers (RFC 9915 §18.2.10.1; RFC 9096) sends the new prefix and the
 * old one with lifetimes 0 in the same Reply, in the order it likes; when both
 * give a LAN interface the same subnet and address (a /56 that becomes a /60
 * on the same base, with the same sla-id), withdrawing the old prefix first
 * would delete or deprecate the address the new prefix keeps. So within each
 * run of address and prefix actions, withdrawals go after the additions and
 * updates, which then already hold the addresses they share. A withdrawal is
 * left in place when a later action of the run concerns the same lease, and
 * no action moves past a hook, a saved lease or a state change: those see
 * the kernel as the engine left it.
 * @module
 */
import type { Action } from "../dhcp6/client/types.ts";

/** An action that changes addresses or delegated prefixes in the kernel. */
function isLeaseAction(action: Action): boolean {
  return action.type.startsWith("address-") || action.type.startsWith("prefix-");
}

/** What a lease action concerns: one address, or one delegated prefix. */
function leaseKey(action: Action): string | undefined {
  switch (action.type) {
    case "address-add":
    case "address-update":
    case "address-remove":
      return `address ${action.lease.address}`;
    case "prefix-add":
    case "prefix-update":
    case "prefix-remove":
      return `prefix ${action.lease.prefix}/${action.lease.prefixLength}`;
    default:
      return undefined;
  }
}

/**
 * `actions` (as the engine gave them) with each withdrawal moved to the end
 * of its run of lease actions, unless the rest of the run touches the same
 * lease; every other action keeps its place.
 */
export function orderLeaseActions(actions: readonly Action[]): Action[] {
  const out: Action[] = [];
  let run: Action[] = [];
  const flush = () => {
    const later: Action[] = [];
    run.forEach((action, i) => {
      const key = leaseKey(action);
      const removal = action.type === "address-remove" || action.type === "prefix-remove";
      const touchedAgain = run.slice(i + 1).some((next) => leaseKey(next) === key);
      if (removal && !touchedAgain) later.push(action);
      else out.push(action);
    });
    out.push(...later);
    run = [];
  };
  for (const action of actions) {
    if (isLeaseAction(action)) {
      run.push(action);
      continue;
    }
    flush();
    out.push(action);
  }
  flush();
  return out;
}
