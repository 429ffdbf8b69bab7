import assert from "node:assert/strict";
import type { Action, PrefixLease } from "../dhcp6/client/types.ts";
import { orderLeaseActions } from "./lease_action_order.ts";

const p56: PrefixLease = {
  iaid: 2,
  prefix: "2001:db8:100::",
  prefixLength: 56,
  preferredLifetime: 90,
  validLifetime: 120,
  receivedAt: 0,
};
const p60: PrefixLease = { ...p56, prefixLength: 60 };
const address = {
  iaid: 1,
  address: "2001:db8:1::100",
  preferredLifetime: 90,
  validLifetime: 120,
  receivedAt: 0,
};

function describe(actions: readonly Action[]): string[] {
  return actions.map((a) => {
    if ("lease" in a && a.lease !== null && "prefix" in a.lease) {
      return `${a.type} /${a.lease.prefixLength}`;
    }
    return a.type;
  });
}

Deno.test("a withdrawal listed before the new prefix is carried out after it", () => {
  const ordered = orderLeaseActions([
    { type: "prefix-remove", lease: p56, deprecate: false },
    { type: "prefix-add", lease: p60 },
    { type: "address-update", lease: address },
    { type: "lease-changed", lease: null },
    { type: "hook", reason: "RENEW", status: {} as never },
  ]);
  assert.deepEqual(describe(ordered), [
    "prefix-add /60",
    "address-update",
    "prefix-remove /56",
    "lease-changed",
    "hook",
  ]);
});

Deno.test("no action crosses a hook or state change, and a re-added lease keeps its order", () => {
  const ordered = orderLeaseActions([
    { type: "prefix-remove", lease: p56, deprecate: true },
    { type: "hook", reason: "REBIND", status: {} as never },
    { type: "prefix-add", lease: p60 },
    { type: "prefix-remove", lease: p60, deprecate: false },
    { type: "prefix-add", lease: p60 },
    { type: "address-remove", lease: address },
    { type: "state-changed", from: "bound", to: "renewing" },
  ]);
  assert.deepEqual(describe(ordered), [
    "prefix-remove /56",
    "hook",
    "prefix-add /60",
    "prefix-remove /60",
    "prefix-add /60",
    "address-remove",
    "state-changed",
  ]);
});
