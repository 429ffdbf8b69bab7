import assert from "node:assert/strict";
import { loadConfigFile } from "./load.ts";
import { formatMessage } from "./message.ts";

Deno.test("loadConfigFile: includes are read from disk; a missing one is an error", async () => {
  const dir = Deno.makeTempDirSync();
  try {
    Deno.mkdirSync(`${dir}/conf.d`);
    Deno.writeTextFileSync(`${dir}/conf.d/pd.conf`, "id-assoc pd 0 { prefix ::/56 infinity; };\n");
    Deno.writeTextFileSync(
      `${dir}/dhcp6c.conf`,
      'interface wan0 { send ia-pd 0; };\ninclude "conf.d/pd.conf";\n',
    );
    const good = await loadConfigFile(`${dir}/dhcp6c.conf`);
    assert.ok(good.ok, good.ok ? "" : good.errors.map(formatMessage).join("\n"));
    assert.equal(good.config.interfaces[0]!.iaPd[0]!.prefixes[0]!.length, 56);

    Deno.writeTextFileSync(
      `${dir}/bad.conf`,
      'interface wan0 { };\n\ninclude "conf.d/missing.conf";\n',
    );
    const bad = await loadConfigFile(`${dir}/bad.conf`);
    assert.ok(!bad.ok);
    assert.deepStrictEqual(bad.errors.map(formatMessage), [
      `${dir}/bad.conf:3:9: include "conf.d/missing.conf": cannot read ${dir}/conf.d/missing.conf: no such file`,
    ]);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("loadConfigFile: the format is told by content whatever the file is called", async () => {
  const dir = Deno.makeTempDirSync();
  try {
    Deno.writeTextFileSync(`${dir}/edge6.toml`, "interface wan0 { information-only; };\n");
    Deno.writeTextFileSync(
      `${dir}/dhcp6c.conf`,
      "[interface.wan0]\ninformation_only = true\nrequest = []\nrelease_on_stop = true\n",
    );
    const a = await loadConfigFile(`${dir}/edge6.toml`);
    const b = await loadConfigFile(`${dir}/dhcp6c.conf`);
    assert.ok(a.ok && b.ok);
    assert.equal(a.format, "dhcp6c");
    assert.equal(b.format, "toml");
    assert.deepStrictEqual(a.config, b.config);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("loadConfigFile: a directory is named as such, without the OS error dump", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const result = await loadConfigFile(dir);
    assert.equal(result.ok, false);
    assert.deepEqual(
      result.ok ? [] : result.errors.map((e) => e.message),
      ["cannot read the file: it is a directory, expected a configuration file"],
    );
  } finally {
    await Deno.remove(dir);
  }
});

Deno.test("loadConfigFile: a syntax error is reported alone, without what it made disappear", async () => {
  const dir = await Deno.makeTempDir();
  try {
    // The missing ";" after "}" loses the interface statement.
    await Deno.writeTextFile(
      `${dir}/dhcp6c.conf`,
      "interface em0 {\n  send ia-pd 0;\n}\nid-assoc pd 0 {\n  prefix-interface em1 { sla-id 1; };\n};\n",
    );
    const result = await loadConfigFile(`${dir}/dhcp6c.conf`);
    assert.equal(result.ok, false);
    assert.deepEqual(result.ok ? [] : result.errors.map(formatMessage), [
      `${dir}/dhcp6c.conf:4:1: found "id-assoc", expected ";"`,
    ]);
    assert.deepEqual(result.warnings, []);
    // Without a syntax error, the same whole-file finding is told in dhcp6c.conf terms.
    await Deno.writeTextFile(`${dir}/dhcp6c.conf`, "id-assoc pd 0 {\n};\n");
    const empty = await loadConfigFile(`${dir}/dhcp6c.conf`);
    assert.deepEqual(empty.ok ? [] : empty.errors.map((e) => e.message), [
      "no interface is configured; expected at least one interface statement",
    ]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
