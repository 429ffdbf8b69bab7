import assert from "node:assert/strict";
import { loadCommands } from "./commands.ts";
import { main } from "./main.ts";
import { renderManPage, roffEscape } from "./man_page.ts";
import { captureIo } from "./test_io.ts";
import { VERSION } from "../version.ts";
import { haveProgram } from "../agent/lab/exec.ts";

const MAN = new URL("../../docs/edge6.8", import.meta.url).pathname;
const haveGroff = haveProgram("groff");
const required = Deno.env.get("EDGE6_REQUIRE_E2E") === "1";
if (!haveGroff && !required) {
  console.error("\n!!! SKIPPED rendering the man page: groff is not installed !!!\n");
}

Deno.test("man page: docs/edge6.8 is what `deno task man` generates from the command table", async () => {
  const current = await Deno.readTextFile(MAN);
  assert.ok(
    current === renderManPage(VERSION, await loadCommands()),
    "docs/edge6.8 is out of date with the command table: run `deno task man`",
  );
});

Deno.test("man page: roff escapes", () => {
  assert.equal(roffEscape("-c FILE"), "\\-c FILE");
  assert.equal(roffEscape(".hidden\n'quote"), "\\&.hidden\n\\&'quote");
  assert.equal(roffEscape("a\\b"), "a\\eb");
  assert.equal(roffEscape("IFACE… §18"), "IFACE\\[u2026] \\[u00A7]18");
});

/** The man page as a terminal shows it (plain ASCII, no overstriking). */
async function renderedMan(): Promise<{ text: string; warnings: string }> {
  const out = await new Deno.Command("groff", {
    args: ["-man", "-Tutf8", "-ww", "-P", "-cbou", "-rLL=200n", MAN],
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.equal(out.code, 0);
  return {
    text: new TextDecoder().decode(out.stdout),
    warnings: new TextDecoder().decode(out.stderr),
  };
}

/** Option labels (`-c FILE`, `--json`) listed under "Options:" in a help text. */
function helpOptionLabels(help: string): string[] {
  const block = help.split("\n\nOptions:\n")[1]?.split("\n\n")[0] ?? "";
  return block.split("\n").filter((l) => /^ {2}-/.test(l)).map((l) => l.trim().split(/ {2,}/)[0]!);
}

Deno.test({
  name: "man page: renders without a warning and says what every --help says, command by command",
  ignore: !haveGroff && !required,
  async fn() {
    if (!haveGroff) throw new Error("EDGE6_REQUIRE_E2E=1 but groff is not installed");
    const { text, warnings } = await renderedMan();
    assert.equal(warnings, "", warnings);
    // The COMMANDS section, cut at each command's subsection heading ("   run").
    const commandsPart = text.slice(text.indexOf("COMMANDS"), text.indexOf("\nFILES"));
    const sections = new Map<string, string>();
    const headings = [...commandsPart.matchAll(/^ {3}(\S+)$/gm)];
    headings.forEach((h, i) => {
      sections.set(h[1]!, commandsPart.slice(h.index!, headings[i + 1]?.index));
    });
    const commands = await loadCommands();
    assert.deepEqual([...sections.keys()], commands.map((c) => c.name));
    for (const c of commands) {
      const io = captureIo();
      assert.equal(await main([c.name, "--help"], io), 0);
      const help = io.stdout;
      const man = sections.get(c.name)!;
      const flat = (s: string) => s.replace(/\s+/g, " ");
      for (const u of c.usage) {
        assert.ok(help.includes(u), `${c.name}: --help lacks usage ${u}`);
        assert.ok(man.includes(u), `${c.name}: man page lacks usage ${u}`);
      }
      const labels = helpOptionLabels(help);
      assert.equal(labels.length, Object.keys(c.options).length, `${c.name}: options in --help`);
      // A tag that fits the indent shares its line with the text: take the flag and its value.
      const manLabels = man.split("\n").map((l) => /^ {7}(-{1,2}\w+(?: [A-Z]+)?)(?= |$)/.exec(l))
        .filter((m) => m !== null).map((m) => m[1]!);
      assert.deepEqual(manLabels, labels, `${c.name}: the man page lists other options`);
      for (const o of Object.values(c.options)) {
        assert.ok(flat(help).includes(flat(o.text)), `${c.name}: --help lacks "${o.text}"`);
        assert.ok(flat(man).includes(flat(o.text)), `${c.name}: man page lacks "${o.text}"`);
      }
      for (const o of c.operands ?? []) {
        assert.ok(flat(man).includes(flat(o.text)), `${c.name}: man page lacks ${o.name}`);
      }
      assert.ok(flat(man).includes(flat(c.exitStatus)), `${c.name}: exit status in man`);
    }
  },
});
