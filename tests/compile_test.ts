/**
 * The single binary (`deno task compile`, scripts/compile.ts) and the V8
 * flags it bakes in (config/v8-flags, shared with install.sh's wrapper and
 * the Debian package).
 *
 * Compiling needs Deno's `denort` runtime, which deno downloads from its own
 * servers or takes from DENORT_BIN. Where neither is possible (as on machines
 * that reach only the npm registry and Debian, where no package carries
 * denort), the compile test says so loudly and passes, even in CI: the rest
 * of the build (argument vector, flags, checksums, the wrapper) is tested.
 * With DENORT_BIN set, a failed compile fails.
 */
import assert from "node:assert/strict";
import {
  compileArgs,
  denortFor,
  hostTarget,
  isRuntimeUnavailable,
  noRuntimeLine,
  sha256Sums,
  TARGETS,
} from "../scripts/compile.ts";
import { parseV8Flags, readV8Flags, v8FlagsArgument } from "../scripts/v8_flags.ts";
import { versionLine } from "../src/cli/main.ts";

const ROOT = new URL("../", import.meta.url).pathname;

Deno.test("v8 flags: config/v8-flags is read the same by deno and by install.sh, and V8 takes them", async () => {
  const flags = await readV8Flags();
  assert.ok(
    flags.includes("--lite-mode") && flags.some((f) => f.startsWith("--max-old-space-size=")),
  );
  const shell = await new Deno.Command("sh", {
    args: [
      "-c",
      `sed -e 's/#.*//' -e 's/[[:space:]]//g' -e '/^$/d' "$1" | paste -sd, -`,
      "sh",
      `${ROOT}config/v8-flags`,
    ],
    stdout: "piped",
  }).output();
  assert.equal(new TextDecoder().decode(shell.stdout).trim(), flags.join(","));
  assert.match(await Deno.readTextFile(`${ROOT}install.sh`), /config\/v8-flags/);
  // deno refuses a flag V8 does not know, so running with them proves they are valid.
  const run = await new Deno.Command(Deno.execPath(), {
    args: ["eval", ...v8FlagsArgument(flags), "console.log(Deno.version.v8)"],
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.equal(run.code, 0, new TextDecoder().decode(run.stderr));
  assert.throws(() => parseV8Flags("--ok\nrm -rf /\n"), /"rm -rf \/" is not a --flag/);
  assert.deepEqual(parseV8Flags("# c\n\n--a=1 # why\n--b\n"), ["--a=1", "--b"]);
});

Deno.test("compile: the argument vector, the runtime per target, the one-line refusal, SHA256SUMS", async () => {
  const x86 = TARGETS.find((t) => t.arch === "x86_64")!;
  const arm = TARGETS.find((t) => t.arch === "aarch64")!;
  const args = compileArgs(arm, ["--lite-mode", "--max-old-space-size=128"], "/tmp/out");
  assert.deepEqual(args.slice(0, 7), [
    "compile",
    "-A",
    "--v8-flags=--lite-mode,--max-old-space-size=128",
    "--target",
    "aarch64-unknown-linux-gnu",
    "--output",
    "/tmp/out",
  ]);
  assert.ok(args.at(-1)!.endsWith("/main.ts"));
  const env = (vars: Record<string, string>) => (n: string) => vars[n];
  const host = hostTarget();
  const other = host === x86 ? arm : x86;
  assert.equal(denortFor(host, env({ DENORT_BIN: "/d" })), "/d");
  assert.equal(denortFor(other, env({ DENORT_BIN: "/d" })), undefined, "not another target's");
  assert.equal(denortFor(arm, env({ DENORT_BIN_AARCH64: "/a" })), "/a");
  const line = noRuntimeLine(host);
  assert.ok(!line.includes("\n") && line.includes("DENORT_BIN=") && line.includes(host.triple));
  assert.ok(isRuntimeUnavailable("error sending request for url (https://x/denort-x.zip)"));
  assert.ok(!isRuntimeUnavailable("error: TS2322 [ERROR]: Type 'string' is not assignable"));
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(`${dir}/a`, "edge6\n");
    await Deno.writeTextFile(`${dir}/b`, "");
    const ours = await sha256Sums(dir, ["a", "b"]);
    const theirs = await new Deno.Command("sha256sum", {
      args: ["a", "b"],
      cwd: dir,
      stdout: "piped",
    })
      .output();
    assert.equal(ours, new TextDecoder().decode(theirs.stdout));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test({
  name: "compile: dist/edge6 runs, prints its version and Deno's, and carries the V8 flags",
  sanitizeResources: false,
  async fn() {
    const out = await new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", `${ROOT}scripts/compile.ts`],
      stdout: "piped",
      stderr: "piped",
    }).output();
    const said = new TextDecoder().decode(out.stdout) + new TextDecoder().decode(out.stderr);
    if (!out.success) {
      const unavailable = said.includes("needs Deno's runtime 'denort'");
      if (unavailable && Deno.env.get("DENORT_BIN") === undefined) {
        console.error(
          `\n!!! NOT TESTED: compiling the single binary. ${said.trim()} !!!\n` +
            "!!! (no package on the reachable registries carries denort; the Debian package ships the Deno runtime and the project instead) !!!\n",
        );
        return;
      }
      assert.fail(`deno task compile failed:\n${said}`);
    }
    const binary = `${ROOT}dist/edge6`;
    const version = await new Deno.Command(binary, { args: ["--version"], stdout: "piped" })
      .output();
    assert.equal(new TextDecoder().decode(version.stdout).trim(), versionLine());
    const check = await new Deno.Command(binary, {
      args: ["check", `${ROOT}config/edge6.example.toml`],
      stdout: "piped",
      stderr: "piped",
    }).output();
    assert.equal(check.code, 0, new TextDecoder().decode(check.stderr));
    // deno compile stores the flags in the binary's metadata.
    const bytes = await Deno.readFile(binary);
    const text = new TextDecoder("latin1").decode(bytes.subarray(bytes.length - 4 * 2 ** 20));
    for (const flag of await readV8Flags()) assert.ok(text.includes(flag), `${flag} baked in`);
    console.log(`dist/edge6: ${(bytes.length / 2 ** 20).toFixed(1)} MiB`);
  },
});
