import assert from "node:assert/strict";
import { parse } from "toml";
import { loadConfigFile } from "./load.ts";
import { formatMessage } from "./message.ts";
import { KNOWN_KEYS } from "./validate.ts";

const example = new URL("../../config/edge6.example.toml", import.meta.url).pathname;

Deno.test("the shipped example configuration is valid and has no notes", async () => {
  const r = await loadConfigFile(example);
  assert.ok(r.ok, r.ok ? "" : r.errors.map(formatMessage).join("\n"));
  assert.equal(r.format, "toml");
  assert.deepStrictEqual(r.warnings.map(formatMessage), []);
  assert.deepStrictEqual(r.config.interfaces.map((i) => i.name), ["wan0", "wan1"]);
  const wan0 = r.config.interfaces[0]!;
  assert.equal(wan0.iaPd[0]!.delegate[1]!.ifid, "eui-64");
  assert.deepStrictEqual(wan0.request, [23, 24, 56, 64]);
});

type Table = keyof typeof KNOWN_KEYS;

/** Which KNOWN_KEYS table a key path (table names and array indices) leads to. */
function tableAt(path: readonly (string | number)[]): Table | undefined {
  const names = path.filter((p): p is string => typeof p === "string");
  const [top, , ...rest] = names;
  if (names.length === 0) return "top";
  if (top === "global") return names.length === 1 ? "global" : undefined;
  if (top === "authentication" || top === "keyinfo" || top === "lan") {
    return names.length === 2 ? top : undefined;
  }
  if (top !== "interface" || names.length < 2) return undefined;
  const inner: Record<string, Table> = {
    "": "interface",
    ia_na: "iaNa",
    "ia_na.addresses": "address",
    ia_pd: "iaPd",
    "ia_pd.prefixes": "prefix",
    "ia_pd.delegate": "delegate",
    raw_options: "rawOption",
  };
  return inner[rest.join(".")];
}

/** Every key of every table, as `table.key`, found by walking a parsed document. */
function keysIn(node: unknown, path: (string | number)[], out: Set<string>): void {
  if (Array.isArray(node)) {
    node.forEach((n, i) => {
      if (n !== null && typeof n === "object") keysIn(n, [...path, i], out);
    });
    return;
  }
  if (node === null || typeof node !== "object" || node instanceof Date) return;
  // The tables under interface, authentication and keyinfo are named by the user.
  const named = path.length === 1 && ["interface", "authentication", "keyinfo", "lan"].includes(
    String(path[0]),
  );
  for (const [key, value] of Object.entries(node)) {
    if (!named) {
      const table = tableAt(path);
      if (table !== undefined) out.add(`${table}.${key}`);
    }
    keysIn(value, [...path, key], out);
  }
}

Deno.test("the shipped example has every key of the schema, each in its own table", () => {
  const text = Deno.readTextFileSync(example);
  // A key shown commented out ("# key = value") counts as documented in its
  // table: uncommenting such lines must give a valid TOML document.
  const uncommented = text.replace(/^# ([a-z_]+ = )/gm, "$1");
  assert.notEqual(uncommented, text, "the example shows no commented-out key");
  const found = new Set<string>();
  keysIn(parse(uncommented), [], found);
  const schema = Object.entries(KNOWN_KEYS).flatMap(([table, keys]) =>
    keys.map((k) => `${table}.${k}`)
  );
  assert.deepStrictEqual(schema.filter((k) => !found.has(k)), [], "keys the example lacks");
  assert.deepStrictEqual(
    [...found].filter((k) => !schema.includes(k)),
    [],
    "keys not in the schema",
  );
});
