import assert from "node:assert/strict";
import { diffConfig } from "./diff.ts";
import { loadConfigText } from "./load_text.ts";
import type { Config } from "./types.ts";

function cfg(text: string): Config {
  const r = loadConfigText(text, "t.toml", () => "");
  assert.ok(r.ok, r.ok ? "" : JSON.stringify(r.errors));
  return r.config;
}

const BASE = `
[interface.wan0]
request = ["dns-servers"]
[[interface.wan0.ia_na]]
iaid = 0
[[interface.wan0.ia_pd]]
iaid = 1
prefixes = [{ prefix = "::/56" }]
delegate = [{ interface = "lan0", sla_id = 1 }]
[interface.wan1]
information_only = true
`;

Deno.test("diffConfig: the same configuration is unchanged everywhere", () => {
  assert.deepStrictEqual(diffConfig(cfg(BASE), cfg(BASE)), {
    interfaces: [{ name: "wan0", kind: "unchanged" }, { name: "wan1", kind: "unchanged" }],
    global: [],
  });
});

Deno.test("diffConfig: an IA_PD added, an IA_NA removed, a delegate changed, other keys", () => {
  const next = BASE
    .replace("[[interface.wan0.ia_na]]\niaid = 0\n", "")
    .replace("sla_id = 1 }]", "sla_id = 2 }]\n[[interface.wan0.ia_pd]]\niaid = 7")
    .replace(
      'request = ["dns-servers"]',
      'request = ["dns-servers"]\nrapid_commit = true\nscript = "/h"',
    );
  assert.deepStrictEqual(diffConfig(cfg(BASE), cfg(next)).interfaces[0], {
    name: "wan0",
    kind: "changed",
    iaNa: { added: [], removed: [0], changed: [] },
    iaPd: { added: [7], removed: [], changed: [1] },
    other: ["rapid_commit", "script"],
  });
});

Deno.test("diffConfig: interfaces added and removed; global keys", () => {
  const next = BASE.replace("[interface.wan1]\ninformation_only = true\n", "[interface.wan2]\n") +
    '[global]\nlog_level = "debug"\n';
  assert.deepStrictEqual(diffConfig(cfg(BASE), cfg(next)), {
    interfaces: [
      { name: "wan0", kind: "unchanged" },
      { name: "wan1", kind: "removed" },
      { name: "wan2", kind: "added" },
    ],
    global: ["log_level"],
  });
});

Deno.test("diffConfig: a dhcp6c.conf and its TOML conversion are unchanged", () => {
  const conf = cfg(
    "interface wan0 { send ia-pd 1; request domain-name-servers; };\nid-assoc pd 1 { };",
  );
  const toml = cfg(
    "[interface.wan0]\nrequest = [23]\nrelease_on_stop = true\nia_pd = [{ iaid = 1 }]\n",
  );
  assert.deepStrictEqual(diffConfig(conf, toml).interfaces, [{ name: "wan0", kind: "unchanged" }]);
});

Deno.test("diffConfig: a 64-bit ifid is compared by value, every bit of it", () => {
  const withIfid = (ifid: string) =>
    cfg(BASE.replace("sla_id = 1 }]", `sla_id = 1, ifid = ${ifid} }]`));
  const max = withIfid("18446744073709551615");
  // The same value written another way, and one that differs only in the lowest bit
  // (2^64-2 and 2^64-1 are the same double).
  assert.deepStrictEqual(diffConfig(max, withIfid('"0xffff_ffff_ffff_ffff"')).interfaces[0], {
    name: "wan0",
    kind: "unchanged",
  });
  assert.deepStrictEqual(diffConfig(max, withIfid("18446744073709551614")).interfaces[0], {
    name: "wan0",
    kind: "changed",
    iaNa: { added: [], removed: [], changed: [] },
    iaPd: { added: [], removed: [], changed: [1] },
    other: [],
  });
});
