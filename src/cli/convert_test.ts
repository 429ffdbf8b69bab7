import assert from "node:assert/strict";
import type { CommandIo } from "./command.ts";
import { convertCommand } from "./convert.ts";

function capture(): CommandIo & { stdout: string; stderr: string } {
  const io = {
    stdout: "",
    stderr: "",
    out(t: string) {
      io.stdout += t;
    },
    err(t: string) {
      io.stderr += t;
    },
    readStdin: () => Promise.resolve(new Uint8Array()),
  };
  return io;
}

const fixture = (name: string) =>
  new URL(`../../tests/fixtures/dhcp6c/${name}`, import.meta.url).pathname;

Deno.test("edge6 convert: prints the golden TOML of a fixture", async () => {
  const io = capture();
  assert.equal(await convertCommand.run([fixture("prefix_hints.conf")], io), 0);
  assert.equal(io.stdout, Deno.readTextFileSync(fixture("prefix_hints.toml")));
  assert.equal(io.stderr, "");
});

Deno.test("edge6 convert: errors go to stderr with file:line:col, exit 1, no output", async () => {
  const dir = Deno.makeTempDirSync();
  try {
    const path = `${dir}/dhcp6c.conf`;
    Deno.writeTextFileSync(path, "interface wan0 {\n  send ia-pd 0;\n};\n");
    const io = capture();
    assert.equal(await convertCommand.run([path], io), 1);
    assert.equal(io.stdout, "");
    assert.equal(io.stderr, `${path}:2:8: send ia-pd 0: no id-assoc pd 0 statement defines it\n`);
    assert.equal(await convertCommand.run(["a", "b"], capture()), 2);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
