import assert from "node:assert/strict";
import { detectFormat } from "./detect_format.ts";
import { loadConfigText } from "./load_text.ts";
import { formatMessage } from "./message.ts";

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

Deno.test("detectFormat: by structure, so that unknown and misspelt statements stay dhcp6c.conf", () => {
  // Debian's stock file: a profile, its brace on the next line.
  assert.equal(detectFormat("# Default\nprofile default\n{\n  information-only;\n};\n"), "dhcp6c");
  assert.equal(detectFormat("interfce eth0 {\n  send ia-pd 0;\n};\n"), "dhcp6c");
  assert.equal(detectFormat("frobnicate;\n"), "dhcp6c");
  assert.equal(detectFormat("interface eth0\n{\n"), "dhcp6c");
  assert.equal(detectFormat("}\n"), "dhcp6c");
  // A "#" inside a TOML string is not a comment; a trailing one is.
  assert.equal(detectFormat('"a#b" = 1 # {\n'), "toml");
  assert.equal(detectFormat("[interface.wan0 # no closing bracket\n"), "toml");
  assert.equal(detectFormat("rapid_comit = true\n"), "toml");
  assert.equal(detectFormat("'quoted key' . sub = 1\n"), "toml");
});

/** Loads text named `name` and returns its format and first error. */
function firstError(text: string, name: string): { format: string | undefined; error: string } {
  const r = loadConfigText(text, name, () => {
    throw new Deno.errors.NotFound("no includes here");
  });
  assert.ok(!r.ok, "expected errors");
  return { format: r.format, error: formatMessage(r.errors[0]!) };
}

Deno.test("a broken dhcp6c.conf is reported by the dhcp6c.conf reader, whatever its name", () => {
  const typo = firstError("interfce eth0 {\n  send ia-pd 0;\n};\n", "edge6.toml");
  assert.equal(typo.format, "dhcp6c");
  assert.equal(
    typo.error,
    'edge6.toml:1:1: found "interfce", expected interface, profile, id-assoc, authentication, keyinfo, include, host, pool or option; did you mean "interface"?',
  );
  const unknown = firstError("# c\nfrobnicate eth0 {\n};\n", "x.conf");
  assert.equal(unknown.format, "dhcp6c");
  assert.match(unknown.error, /^x\.conf:2:1: found "frobnicate", expected interface, profile, /);
  const noSemicolon = firstError("profile default\n{\n  information-only\n};\n", "d.conf");
  assert.equal(noSemicolon.format, "dhcp6c");
  assert.match(noSemicolon.error, /^d\.conf:4:1: found "}", expected ";"/);
});

Deno.test("a broken TOML file is reported by the TOML reader, whatever its name", () => {
  const header = firstError("[interface.wan0\nrapid_commit = true\n", "dhcp6c.conf");
  assert.equal(header.format, "toml");
  assert.match(header.error, /^dhcp6c\.conf:1:\d+: TOML syntax: /);
  const key = firstError("[interface.wan0]\nrapid_comit = true\n", "dhcp6c.conf");
  assert.equal(key.format, "toml");
  assert.equal(
    key.error,
    'dhcp6c.conf:2:1 interface.wan0.rapid_comit: unknown key; did you mean "rapid_commit"?',
  );
  const value = firstError("interface.wan0.rapid_commit = yes\n", "dhcp6c.conf");
  assert.equal(value.format, "toml");
  assert.match(value.error, /^dhcp6c\.conf:1:\d+: TOML syntax: /);
});
