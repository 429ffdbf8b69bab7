import assert from "node:assert/strict";
import { parseLanPrefixes } from "./lan_prefix_store.ts";

const WALL = 1_800_000_000_000;

Deno.test("lan prefix store: records come back in engine time; bad entries are skipped", () => {
  const text = JSON.stringify({
    version: 1,
    prefixes: [
      {
        subnet: "2001:db8:1:1::/64",
        on_link: true,
        autonomous: true,
        state: "stale",
        until: WALL + 5000,
      },
      {
        subnet: "2001:db8:2:1::/64",
        delegated_prefix: "2001:db8:2::/56",
        on_link: true,
        autonomous: true,
        state: "current",
        until: null,
        upstream: "wan0",
      },
      { subnet: "$(reboot)/64", on_link: true, autonomous: true, state: "stale", until: WALL },
      {
        subnet: "2001:db8:3:1::/64",
        on_link: "yes",
        autonomous: true,
        state: "stale",
        until: WALL,
      },
      { subnet: "2001:db8:4:1::/64", on_link: true, autonomous: true, state: "gone", until: WALL },
      "junk",
    ],
  });
  assert.deepEqual(parseLanPrefixes(text, 100, WALL), [
    { subnet: "2001:db8:1:1::/64", onLink: true, autonomous: true, state: "stale", until: 5100 },
    {
      subnet: "2001:db8:2:1::/64",
      delegatedPrefix: "2001:db8:2::/56",
      onLink: true,
      autonomous: true,
      state: "current",
      until: Infinity,
      upstream: "wan0",
    },
  ]);
  assert.throws(() => parseLanPrefixes("{", 0, WALL), /not JSON/);
  assert.throws(() => parseLanPrefixes('{"version":2}', 0, WALL), /version 1/);
  assert.throws(() => parseLanPrefixes('{"version":1,"prefixes":{}}', 0, WALL), /must be an array/);
});
