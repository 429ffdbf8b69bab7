import assert from "node:assert/strict";
import { detectFormat } from "./detect_format.ts";

Deno.test("detectFormat: told apart by the first statement, not the file name", () => {
  assert.equal(detectFormat("# c\n\ninterface wan0 {\n};"), "dhcp6c");
  assert.equal(detectFormat("id-assoc pd 0 { };"), "dhcp6c");
  assert.equal(detectFormat('include "x";'), "dhcp6c");
  assert.equal(detectFormat("  keyinfo k { };"), "dhcp6c");
  assert.equal(detectFormat("[interface.wan0]\n"), "toml");
  assert.equal(detectFormat("# c\n[[interface.wan0.ia_pd]]"), "toml");
  assert.equal(detectFormat("interface = { wan0 = {} }"), "toml");
  assert.equal(detectFormat("interface.wan0.rapid_commit = true"), "toml");
  assert.equal(detectFormat(""), "toml");
});
