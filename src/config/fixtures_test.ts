import assert from "node:assert/strict";
import { emitToml } from "./toml_emit.ts";
import { loadConfigFile } from "./load.ts";
import { loadConfigText } from "./load_text.ts";
import { formatMessage } from "./message.ts";

const dir = new URL("../../tests/fixtures/dhcp6c/", import.meta.url);
const fixtures = [...Deno.readDirSync(dir)]
  .map((e) => e.name)
  .filter((n) => n.endsWith(".conf"))
  .sort();

Deno.test("there are dhcp6c.conf fixtures, each with its TOML golden file", () => {
  assert.ok(fixtures.length >= 10, `only ${fixtures.length} fixtures`);
  for (const f of fixtures) {
    const golden = new URL(f.replace(/\.conf$/, ".toml"), dir);
    assert.ok(Deno.statSync(golden).isFile, `${f} has no golden TOML`);
  }
});

for (const name of fixtures) {
  Deno.test(`fixture ${name}: converts to its golden TOML, which loads to the same Config`, async () => {
    const confPath = new URL(name, dir).pathname;
    const tomlPath = confPath.replace(/\.conf$/, ".toml");
    const fromConf = await loadConfigFile(confPath);
    assert.ok(fromConf.ok, fromConf.ok ? "" : fromConf.errors.map(formatMessage).join("\n"));
    assert.equal(fromConf.format, "dhcp6c");

    const emitted = emitToml(fromConf.config, fromConf.warnings, confPath);
    const golden = Deno.readTextFileSync(tomlPath);
    assert.equal(emitted, golden);

    const fromToml = loadConfigText(golden, tomlPath, () => {
      throw new Error("TOML has no includes");
    });
    assert.ok(fromToml.ok, fromToml.ok ? "" : fromToml.errors.map(formatMessage).join("\n"));
    assert.equal(fromToml.format, "toml");
    assert.deepStrictEqual(fromToml.config, fromConf.config);

    // Printing the TOML-loaded Config again gives the same keys and values.
    const again = loadConfigText(emitToml(fromToml.config), "again.toml", () => "");
    assert.ok(again.ok);
    assert.deepStrictEqual(again.config, fromConf.config);
  });
}
