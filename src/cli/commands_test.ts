import assert from "node:assert/strict";
import { commands } from "./commands.ts";

Deno.test("commands: --help lists them in README's order, the agent first", async () => {
  const readme = await Deno.readTextFile(new URL("../../README.md", import.meta.url));
  const table = readme.slice(readme.indexOf("## Commands"), readme.indexOf("## Configuration"));
  // Each row starts with `edge6 NAME`; a row may name several (renew, rebind).
  const inReadme = [...table.matchAll(/`edge6 ([a-z]+)/g)].map((m) => m[1]!)
    .filter((name) => commands.some((c) => c.name === name));
  const unique = inReadme.filter((name, i) => inReadme.indexOf(name) === i);
  assert.deepEqual(commands.map((c) => c.name), unique);
});

Deno.test("commands: each entry loads the command of its name", async () => {
  for (const entry of commands) {
    const command = await entry.load();
    assert.equal(command.name, entry.name);
    assert.ok(command.summary.length > 0 && command.description.length > 0, entry.name);
  }
});
