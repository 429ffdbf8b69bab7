import assert from "node:assert/strict";
import { convertCommand } from "./convert.ts";
import { captureIo, dhcp6cFixture } from "./test_io.ts";

Deno.test("edge6 convert: prints the golden TOML of a fixture", async () => {
  const io = captureIo();
  assert.equal(await convertCommand.run([dhcp6cFixture("prefix_hints.conf")], io), 0);
  assert.equal(io.stdout, Deno.readTextFileSync(dhcp6cFixture("prefix_hints.toml")));
  assert.equal(io.stderr, "");
});

Deno.test("edge6 convert: 64-bit ifids come out exactly (hex strings past 2^63-1)", async () => {
  const io = captureIo();
  assert.equal(await convertCommand.run([dhcp6cFixture("ifid_64bit.conf")], io), 0);
  assert.equal(io.stdout, Deno.readTextFileSync(dhcp6cFixture("ifid_64bit.toml")));
  assert.match(io.stdout, /^ifid = 144115612209124097$/m);
  assert.match(io.stdout, /^ifid = "0xffff_ffff_ffff_ffff"$/m);
});

Deno.test("edge6 convert: errors go to stderr with file:line:col, exit 1, no output", async () => {
  const dir = Deno.makeTempDirSync();
  try {
    const path = `${dir}/dhcp6c.conf`;
    Deno.writeTextFileSync(path, "interface wan0 {\n  send ia-pd 0;\n};\n");
    const io = captureIo();
    assert.equal(await convertCommand.run([path], io), 1);
    assert.equal(io.stdout, "");
    assert.equal(io.stderr, `${path}:2:8: send ia-pd 0: no id-assoc pd 0 statement defines it\n`);
    assert.equal(await convertCommand.run(["a", "b"], captureIo()), 2);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("edge6 convert: an unknown option is named in one line, exit 2", async () => {
  const io = captureIo();
  assert.equal(await convertCommand.run(["-x", dhcp6cFixture("prefix_hints.conf")], io), 2);
  assert.equal(io.stderr, "edge6 convert: unknown option '-x'\n");
  assert.equal(io.stdout, "");
});
