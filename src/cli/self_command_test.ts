import assert from "node:assert/strict";
import { entryPoint, selfCommand } from "./self_command.ts";

Deno.test("self command: the compiled executable alone, or deno run with main.ts", () => {
  assert.deepEqual(selfCommand("/usr/local/bin/edge6", true), ["/usr/local/bin/edge6"]);
  assert.deepEqual(selfCommand("/usr/bin/deno", false, "/opt/edge6/main.ts", []), [
    "/usr/bin/deno",
    "run",
    "-A",
    "--quiet",
    "--cached-only",
    "/opt/edge6/main.ts",
  ]);
});

Deno.test("self command: here, it runs this edge6", async () => {
  const [program, ...args] = selfCommand();
  const out = await new Deno.Command(program!, { args: [...args, "--version"] }).output();
  assert.equal(out.code, 0);
  assert.match(
    new TextDecoder().decode(out.stdout),
    /^edge6 \d+\.\d+\.\d+ \(deno \d+\.\d+\.\d+, v8 \S+\)\n$/,
  );
});

Deno.test("self command: under deno run, the runtime arguments this process was started with", () => {
  const cmdline = [
    "deno",
    "run",
    "--v8-flags=--lite-mode,--max-old-space-size=128",
    "-A",
    "--quiet",
    "--cached-only",
    "--config",
    "/usr/lib/edge6/app/deno.json",
    "/usr/lib/edge6/app/main.ts",
    "run",
    "-c",
    "/etc/edge6/edge6.toml",
  ];
  assert.deepEqual(
    selfCommand("/usr/lib/edge6/deno", false, "/usr/lib/edge6/app/main.ts", cmdline),
    ["/usr/lib/edge6/deno", ...cmdline.slice(1, 9)],
  );
  // A command line without main.ts (started some other way): the plain form.
  assert.deepEqual(
    selfCommand("/usr/bin/deno", false, "/opt/edge6/main.ts", ["deno", "test", "-A"]),
    ["/usr/bin/deno", "run", "-A", "--quiet", "--cached-only", "/opt/edge6/main.ts"],
  );
});

Deno.test("self command: main.ts of the tree, or the bundle the code was bundled into", () => {
  assert.equal(entryPoint("file:///opt/edge6/src/cli/self_command.ts"), "/opt/edge6/main.ts");
  assert.equal(entryPoint("file:///opt/edge6/dist/edge6.js"), "/opt/edge6/dist/edge6.js");
});
