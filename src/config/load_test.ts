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
    Deno.writeTextFileSync(`${dir}/dhcp6c.conf`, "[interface.wan0]\ninformation_only = true\n");
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
