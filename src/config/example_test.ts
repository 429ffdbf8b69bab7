import assert from "node:assert/strict";
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

Deno.test("the shipped example documents every key", () => {
  const text = Deno.readTextFileSync(example);
  const missing: string[] = [];
  for (const [table, keys] of Object.entries(KNOWN_KEYS)) {
    for (const key of keys) {
      const asKey = new RegExp(`^\\s*(# )?${key} = `, "m");
      const asTable = new RegExp(`^\\[+(.*\\.)?${key}[.\\]]`, "m");
      const inInline = new RegExp(`[{,] ${key} = `);
      if (!asKey.test(text) && !asTable.test(text) && !inInline.test(text)) {
        missing.push(`${table}.${key}`);
      }
    }
  }
  assert.deepStrictEqual(missing, []);
});
