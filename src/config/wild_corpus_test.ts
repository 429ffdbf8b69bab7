/**
 * The wild corpus (tests/fixtures/wild/): dhcp6c.conf files from public
 * sources, each headed by its source and by whether dhcp6c accepts it, as
 * decided from the grammars of opnsense/dhcp6c and Debian's wide-dhcpv6.
 * @module
 */
import assert from "node:assert/strict";
import { loadConfigFile, type LoadResult } from "./load.ts";
import { loadConfigText } from "./load_text.ts";
import { formatMessage } from "./message.ts";
import { summarizeInterface, summarizeProfile } from "./summary.ts";
import { emitToml } from "./toml_emit.ts";

const dir = new URL("../../tests/fixtures/wild/", import.meta.url);
const files = [...Deno.readDirSync(dir)]
  .map((e) => e.name)
  .filter((n) => n.endsWith(".conf"))
  .sort();

/** dhcp6c's verdict on a file, from its second line. */
type Verdict = { readonly accepts: true } | { readonly accepts: false; readonly line: number };

function header(text: string, name: string): Verdict {
  const [source, verdict] = text.split("\n");
  assert.match(source!, /^# source: \S/, `${name}: the first line names the source`);
  if (/^# dhcp6c: accepts\b/.test(verdict!)) return { accepts: true };
  const m = /^# dhcp6c: rejects at line (\d+)\b/.exec(verdict!);
  assert.ok(
    m,
    `${name}: the second line says "# dhcp6c: accepts" or "# dhcp6c: rejects at line N"`,
  );
  return { accepts: false, line: Number(m[1]) };
}

/** What `edge6 check` prints for a valid file. */
function summary(r: LoadResult): string[] {
  assert.ok(r.ok);
  return [
    ...r.config.interfaces.map(summarizeInterface),
    ...(r.config.profiles ?? []).map(summarizeProfile),
  ];
}

Deno.test("the wild corpus has at least 20 files, some that dhcp6c rejects", () => {
  const verdicts = files.map((f) => header(Deno.readTextFileSync(new URL(f, dir)), f));
  assert.ok(files.length >= 20, `only ${files.length} files`);
  assert.ok(verdicts.some((v) => v.accepts) && verdicts.some((v) => !v.accepts));
});

for (const name of files) {
  Deno.test(`wild ${name}: edge6 agrees with dhcp6c`, async () => {
    const path = new URL(name, dir).pathname;
    const verdict = header(Deno.readTextFileSync(path), name);
    const loaded = await loadConfigFile(path);
    assert.equal(loaded.format, "dhcp6c", `${name} is read as a dhcp6c.conf`);
    if (!verdict.accepts) {
      assert.ok(!loaded.ok, `${name}: dhcp6c rejects it, edge6 accepted it`);
      assert.equal(
        loaded.errors[0]!.line,
        verdict.line,
        `${name}: dhcp6c rejects line ${verdict.line}; edge6 says ${
          loaded.errors.map(formatMessage).join("; ")
        }`,
      );
      return;
    }
    assert.ok(loaded.ok, loaded.ok ? "" : loaded.errors.map(formatMessage).join("\n"));
    const toml = emitToml(loaded.config, loaded.warnings, path);
    const again = loadConfigText(toml, `${name}.toml`, () => {
      throw new Error("TOML has no includes");
    });
    assert.ok(again.ok, again.ok ? "" : `${again.errors.map(formatMessage).join("\n")}\n${toml}`);
    assert.equal(again.format, "toml");
    assert.deepStrictEqual(summary(again), summary(loaded));
    assert.deepStrictEqual(again.config, loaded.config);
  });
}
