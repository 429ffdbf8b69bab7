/**
 * Renumbering inside the same subnet (RFC 9096; RFC 9915 §18.2.10.1): a /56
 * that becomes a /60 on the same base gives the LAN interface, with the same
 * sla-id, the same subnet and the same address. Withdrawing the old prefix
 * must not deprecate or delete the address the new one keeps, whichever order
 * the server listed them in, and `status` must show what the kernel holds.
 */
import assert from "node:assert/strict";
import type { Action, PrefixLease } from "../dhcp6/client/types.ts";
import type { InterfaceConfig } from "../config/types.ts";
import { testConfig } from "../../tests/sim/harness.ts";
import { FakeKernel } from "../../tests/fakes/fake_kernel.ts";
import { ScriptedEngine } from "../../tests/fakes/scripted_engine.ts";
import { HookQueue } from "./hook_queue.ts";
import { LinkTable } from "./link_table.ts";
import { UpstreamRuntime } from "./upstream_runtime.ts";
import { testInterface } from "../../tests/fakes/interfaces.ts";

const IFACE: InterfaceConfig = testInterface({
  iaNa: [],
  iaPd: [{ iaid: 2, prefixes: [], delegate: [{ interface: "lan0", slaId: 1 }] }],
  releaseOnStop: false,
});

const A56: PrefixLease = {
  iaid: 2,
  prefix: "2001:db8:100::",
  prefixLength: 56,
  preferredLifetime: 90,
  validLifetime: 120,
  receivedAt: 1_000,
};
const B60: PrefixLease = { ...A56, prefixLength: 60, preferredLifetime: 300, validLifetime: 600 };
/** lan0's address in 2001:db8:100:1::/64, from both prefixes (sla-id 1, EUI-64 of 02:00:00:00:00:03). */
const X = "2001:db8:100:1:0:ff:fe00:3";

async function fixture() {
  const dir = await Deno.makeTempDir();
  const kernel = new FakeKernel([
    { index: 2, name: "wan0", hardwareType: 1, mac: Uint8Array.of(2, 0, 0, 0, 0, 2) },
    { index: 3, name: "lan0", hardwareType: 1, mac: Uint8Array.of(2, 0, 0, 0, 0, 3) },
  ]);
  const logger = { log: () => {} };
  const links = new LinkTable(kernel, logger);
  await links.refresh();
  let engine: ScriptedEngine | undefined;
  const runtime = new UpstreamRuntime(IFACE, testConfig(), {
    clock: { monotonic: () => 1_000, wall: () => 1_700_000_000_000 },
    net: kernel,
    transport: { send: () => {} },
    links,
    hooks: new HookQueue({ run: () => Promise.resolve() }, logger),
    engines: (config) => (engine = new ScriptedEngine(config)),
    random: () => 0.5,
    logger,
    stateDir: () => dir,
    changed: () => {},
  });
  await runtime.start();
  return {
    kernel,
    runtime,
    /** Hands the runtime one event's actions and lets it carry them out. */
    async step(...actions: Action[]) {
      engine!.actions.push(...actions);
      await runtime.drain();
    },
    /** The LAN subnets `status` shows, as "address subnet/len delegated-prefix". */
    status: () =>
      runtime.status(1_000).downstream.map((d) =>
        `${d.address} ${d.prefix}/${d.prefixLength} ${d.delegatedPrefix}`
      ),
    cleanup: () => Deno.remove(dir, { recursive: true }),
  };
}

for (const deprecate of [false, true]) {
  Deno.test(`renumbering /56 -> /60, new prefix listed first, old ${deprecate ? "stale" : "with lifetime 0"}: the LAN address stays`, async () => {
    const f = await fixture();
    try {
      await f.step({ type: "prefix-add", lease: A56 });
      assert.deepEqual(f.kernel.show("lan0"), [`${X}/64 90/120`]);
      await f.step({ type: "prefix-add", lease: B60 }, {
        type: "prefix-remove",
        lease: A56,
        deprecate,
      });
      // Preferred, with the new prefix's lifetimes: neither deprecated nor deleted.
      assert.deepEqual(f.kernel.show("lan0"), [`${X}/64 300/600`]);
      assert.deepEqual(f.status(), [`${X} 2001:db8:100:1::/64 2001:db8:100::/60`]);
      assert.deepEqual([...f.kernel.routes.keys()], ["2001:db8:100::/60"]);
    } finally {
      await f.cleanup();
    }
  });
}

Deno.test("renumbering /56 -> /60, old prefix listed first: the LAN address is never taken away", async () => {
  const f = await fixture();
  try {
    await f.step({ type: "prefix-add", lease: A56 });
    f.kernel.calls.length = 0;
    await f.step({ type: "prefix-remove", lease: A56, deprecate: false }, {
      type: "prefix-add",
      lease: B60,
    });
    assert.ok(!f.kernel.calls.some((c) => c.startsWith(`del 3 ${X}`)), f.kernel.calls.join("\n"));
    assert.deepEqual(f.kernel.show("lan0"), [`${X}/64 300/600`]);
    assert.deepEqual(f.status(), [`${X} 2001:db8:100:1::/64 2001:db8:100::/60`]);
  } finally {
    await f.cleanup();
  }
});

Deno.test("an address two prefixes in force call for passes to the other when one is withdrawn", async () => {
  const f = await fixture();
  try {
    await f.step({ type: "prefix-add", lease: B60 }, { type: "prefix-add", lease: A56 });
    // A Renew refreshes the /56 last: it holds the address now.
    await f.step({ type: "prefix-update", lease: A56 });
    assert.deepEqual(f.status(), [`${X} 2001:db8:100:1::/64 2001:db8:100::/56`]);
    await f.step({ type: "prefix-remove", lease: A56, deprecate: true });
    assert.deepEqual(f.kernel.show("lan0"), [`${X}/64 300/600`]);
    assert.deepEqual(f.status(), [`${X} 2001:db8:100:1::/64 2001:db8:100::/60`]);
    // Withdrawn too, with nothing else calling for it: deprecated at last (RFC 9096).
    await f.step({ type: "prefix-remove", lease: B60, deprecate: true });
    assert.deepEqual(f.kernel.show("lan0"), [`${X}/64 0/600`]);
    assert.deepEqual(f.status(), []);
  } finally {
    await f.cleanup();
  }
});
