import assert from "node:assert/strict";
import { entryPoint, selfCommand } from "./self_command.ts";

Deno.test("self command: the compiled executable alone, or deno run with main.ts", () => {
  assert.deepEqual(selfCommand("/usr/local/bin/edge6", true), ["/usr/local/bin/edge6"]);
  assert.deepEqual(selfCommand("/usr/bin/deno", false, "/opt/edge6/main.ts"), [
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
  assert.match(new TextDecoder().decode(out.stdout), /^edge6 \d+\.\d+\.\d+\n$/);
});

Deno.test("self command: main.ts of the tree, or the bundle the code was bundled into", () => {
  assert.equal(entryPoint("file:///opt/edge6/src/cli/self_command.ts"), "/opt/edge6/main.ts");
  assert.equal(entryPoint("file:///opt/edge6/dist/edge6.js"), "/opt/edge6/dist/edge6.js");
});
