import assert from "node:assert/strict";
import type { Config } from "../config/types.ts";
import { saveLease } from "./lease_store.ts";
import type { NetConfig } from "./ports.ts";
import { unreachableRoutes } from "./prefix_delegation.ts";
import { removeStaleRoutes } from "./stale_routes.ts";

Deno.test("stale routes: the pieces of a saved prefix with an RFC 6603 exclusion are kept", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const prefix = {
      iaid: 0,
      prefix: "2001:db8:100::",
      prefixLength: 56,
      preferredLifetime: 3600,
      validLifetime: 7200,
      excluded: { prefix: "2001:db8:100:ff::", prefixLength: 64 },
    };
    await saveLease(dir, {
      version: 1,
      interfaceName: "wan0",
      serverDuid: "0001",
      addresses: [],
      prefixes: [prefix],
      options: [],
    }, 1_000);
    const pieces = unreachableRoutes(prefix);
    assert.equal(pieces.length, 8);
    const removed: string[] = [];
    const net = {
      unreachableRoutes: () =>
        Promise.resolve([...pieces, { prefix: "2001:db8:999::", prefixLength: 56 }]),
      removeUnreachableRoute: (
        p: string,
        l: number,
      ) => (removed.push(`${p}/${l}`), Promise.resolve()),
    } as unknown as NetConfig;
    const config = {
      global: { stateDir: dir },
      interfaces: [{ name: "wan0", informationOnly: false }],
    } as unknown as Config;
    const log: string[] = [];
    await removeStaleRoutes(config, net, { monotonic: () => 0, wall: () => 2_000 }, {
      log: (_l, m) => log.push(m),
    });
    assert.deepEqual(removed, ["2001:db8:999::/56"]);
    assert.deepEqual(log, ["removing unreachable route 2001:db8:999::/56 left by an earlier run"]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
