import assert from "node:assert/strict";
import fc from "fast-check";
import { emitToml } from "./toml_emit.ts";
import { loadConfigText } from "./load_text.ts";
import { formatMessage } from "./message.ts";
import type { Config, DelegateConfig, InterfaceConfig } from "./types.ts";
import { DEFAULT_GLOBAL } from "./defaults.ts";
import { IFID_MAX } from "./ifid.ts";
import { normalizeIPv6 } from "../dhcp6/ipv6.ts";
import { NOT_REQUESTABLE } from "./option_codes.ts";

const ifname = fc.stringMatching(/^[a-z][a-z0-9._-]{0,14}$/);
const lifetime = fc.oneof(fc.integer({ min: 0, max: 0xfffffffe }), fc.constant(0xffffffff));
const lifetimes = fc.tuple(lifetime, lifetime).map(([a, b]) => {
  // preferred ≤ valid, infinity counting as the largest.
  return a <= b
    ? { preferredLifetime: a, validLifetime: b }
    : { preferredLifetime: b, validLifetime: a };
});
const group = fc.integer({ min: 0, max: 0xffff }).map((n) => n.toString(16));

const delegate = (index: number): fc.Arbitrary<DelegateConfig> =>
  fc.record({
    slaLen: fc.option(fc.integer({ min: 0, max: 8 }), { nil: undefined }),
    ifid: fc.option(
      fc.oneof(
        fc.constant("random" as const),
        fc.constant("eui-64" as const),
        fc.bigInt({ min: 0n, max: IFID_MAX }),
      ),
      { nil: undefined },
    ),
  }).chain(({ slaLen, ifid }) =>
    fc.integer({ min: 0, max: 2 ** (slaLen ?? 8) - 1 }).map((slaId) => ({
      interface: `lan${index}`,
      slaId,
      ...(slaLen !== undefined ? { slaLen } : {}),
      ...(ifid !== undefined ? { ifid } : {}),
    }))
  );

function iface(name: string, iaBase: number): fc.Arbitrary<InterfaceConfig> {
  return fc.record({
    informationOnly: fc.boolean(),
    naCount: fc.integer({ min: 0, max: 2 }),
    pdCount: fc.integer({ min: 0, max: 2 }),
    request: fc.uniqueArray(
      fc.integer({ min: 1, max: 65535 }).filter((c) => !NOT_REQUESTABLE.has(c)),
      { maxLength: 4 },
    ),
    raw: fc.array(
      fc.record({
        code: fc.integer({ min: 100, max: 65535 }),
        data: fc.uint8Array({ maxLength: 6 }).map((b) =>
          [...b].map((x) => x.toString(16).padStart(2, "0")).join("")
        ),
      }),
      { maxLength: 2 },
    ),
    flags: fc.tuple(fc.boolean(), fc.boolean(), fc.boolean(), fc.boolean()),
    script: fc.option(fc.constant("/etc/edge6/hook.sh"), { nil: undefined }),
    hintGroups: fc.tuple(group, group),
    times: lifetimes,
    delegates: fc.tuple(delegate(0), delegate(1)),
  }).map((r): InterfaceConfig => {
    const stateful = !r.informationOnly;
    return {
      name,
      iaNa: stateful
        ? Array.from({ length: r.naCount }, (_, i) => ({
          iaid: iaBase + i,
          addresses: i === 0
            ? [{
              address: normalizeIPv6(`2001:db8:${r.hintGroups[0]}::${r.hintGroups[1]}`),
              ...r.times,
            }]
            : [],
        }))
        : [],
      iaPd: stateful
        ? Array.from({ length: r.pdCount }, (_, i) => ({
          iaid: iaBase + i,
          prefixes: i === 0 ? [{ prefix: "::", length: 56, ...r.times }] : [],
          delegate: i === 0 ? [...r.delegates] : [],
        }))
        : [],
      request: r.request,
      rawOptions: r.raw,
      rapidCommit: r.flags[0],
      informationOnly: r.informationOnly,
      ...(r.script !== undefined ? { script: r.script } : {}),
      reconfigureAccept: r.flags[1],
      initialDelay: r.flags[2],
      releaseOnStop: r.flags[3],
    };
  });
}

// Interfaces and profiles (IAIDs 100 and up, apart from the interfaces' own).
const config: fc.Arbitrary<Config> = fc.tuple(
  fc.uniqueArray(ifname, { minLength: 1, maxLength: 3 }),
  fc.uniqueArray(ifname, { maxLength: 2 }),
)
  .chain(([names, profileNames]) =>
    fc.tuple(
      fc.tuple(...names.map((n, i) => iface(n, i * 10))),
      fc.tuple(...profileNames.map((n, i) => iface(n, 100 + i * 10))),
    )
  )
  .chain(([interfaces, profiles]) =>
    fc.record({
      logLevel: fc.constantFrom("error", "warn", "info", "debug"),
      hookTimeout: fc.integer({ min: 1, max: 86400 }),
    }).map((g): Config => ({
      global: { ...DEFAULT_GLOBAL, logLevel: g.logLevel, hookTimeout: g.hookTimeout },
      interfaces,
      ...(profiles.length > 0 ? { profiles } : {}),
      authentication: {},
      keyinfo: {},
    }))
  );

/** A copy made of plain objects and arrays, absent keys dropped; bigints kept as they are. */
function plain(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(plain);
  if (typeof v !== "object" || v === null) return v;
  return Object.fromEntries(
    Object.entries(v).filter(([, x]) => x !== undefined).map(([k, x]) => [k, plain(x)]),
  );
}

Deno.test("property: every valid Config printed as TOML loads back to itself", () => {
  fc.assert(
    fc.property(config, (c) => {
      const text = emitToml(c);
      const r = loadConfigText(text, "p.toml", () => "");
      assert.ok(r.ok, r.ok ? "" : `${r.errors.map(formatMessage).join("\n")}\n${text}`);
      // (fast-check records have no prototype; compare with plain objects.)
      assert.deepStrictEqual(r.config, plain(c));
    }),
    { numRuns: 200 },
  );
});

Deno.test("property: the loaders never throw on arbitrary text, and errors carry a position", () => {
  const tokens = fc.constantFrom(
    "interface",
    "id-assoc",
    "pd",
    "na",
    "send",
    "request",
    "ia-pd",
    "ia-na",
    "prefix",
    "prefix-interface",
    "sla-id",
    "sla-len",
    "ifid",
    "{",
    "}",
    ";",
    ",",
    "/",
    "0",
    "56",
    "::",
    "wan0",
    '"x"',
    "include",
    "infinity",
    "raw-option",
    "00:11",
    "\n",
    "#",
    "=",
    "[",
    "]",
  );
  fc.assert(
    fc.property(fc.array(tokens, { maxLength: 40 }), fc.string(), (words, junk) => {
      for (const text of [words.join(" "), junk]) {
        const r = loadConfigText(text, "f.conf", () => "interface x { };");
        if (!r.ok) {
          for (const e of r.errors) {
            assert.ok(e.line >= 1 && e.col >= 1, formatMessage(e));
          }
        }
      }
    }),
    { numRuns: 300 },
  );
});
