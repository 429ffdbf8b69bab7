/**
 * The one-file bundle (`deno task bundle`, dist/edge6.js, minified), which install.sh's
 * wrapper runs because it starts faster and holds less memory than the ~160
 * modules of main.ts (README, "Footprint and speed"), behaves as main.ts:
 * the same output, errors and exit status for every command that needs no
 * root. Bundling needs esbuild, which Deno fetches from the npm registry on
 * first use; where it cannot, the test is skipped loudly (failed under
 * EDGE6_REQUIRE_E2E=1, as CI sets it).
 */
import assert from "node:assert/strict";
import { bundleArgs } from "../scripts/bundle.ts";

const ROOT = new URL("../", import.meta.url).pathname;

async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: argv,
    cwd: ROOT,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder();
  return { code: out.code, stdout: text.decode(out.stdout), stderr: text.decode(out.stderr) };
}

Deno.test("bundle: dist/edge6.js answers as main.ts does", async () => {
  const dir = await Deno.makeTempDir({ prefix: "edge6-bundle-" });
  try {
    const bundle = `${dir}/edge6.js`;
    const built = await run(bundleArgs(bundle));
    if (built.code !== 0) {
      const why = `deno bundle failed (esbuild out of reach?): ${
        built.stderr.trim().slice(0, 300)
      }`;
      if (Deno.env.get("EDGE6_REQUIRE_E2E") === "1") assert.fail(why);
      console.error(`\n!!! SKIPPED bundle test: ${why} !!!\n`);
      return;
    }
    const source = await Deno.readTextFile(bundle);
    assert.ok(!/from\s+["']npm:/.test(source), "no npm import left: nothing to resolve at start");
    const cases = [
      ["--version"],
      ["--help"],
      ["check", "config/edge6.example.toml"],
      ["check", "tests/fixtures/dhcp6c/opnsense_na_pd.conf"],
      ["convert", "tests/fixtures/dhcp6c/opnsense_na_pd.conf"],
      ["check", "no-such-file.toml"],
      ["decode", "0110203000010004deadbeef"],
      ["run", "--bogus"],
      ["status", "-s", `${dir}/no-agent.sock`],
      ["frobnicate"],
    ];
    for (const args of cases) {
      const direct = await run([
        "run",
        "-A",
        "--quiet",
        "--cached-only",
        `${ROOT}main.ts`,
        ...args,
      ]);
      const bundled = await run(["run", "-A", "--quiet", "--cached-only", bundle, ...args]);
      assert.deepEqual(bundled, direct, `edge6 ${args.join(" ")}`);
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
