import assert from "node:assert/strict";
import { renewCommand } from "./renew.ts";
import { reloadCommand } from "./reload.ts";
import { captureIo } from "./test_io.ts";

// Usage errors are found before the control socket is looked for.

Deno.test("control commands: unknown options and extra arguments exit 2 with one line", async () => {
  const cases: [typeof renewCommand, string[], string][] = [
    [renewCommand, ["--bogus"], "edge6 renew: unknown option '--bogus'\n"],
    [renewCommand, ["-s"], "edge6 renew: option -s needs a value\n"],
    [renewCommand, ["wan0", "wan1"], "edge6 renew: expected at most one IFACE, got 2\n"],
    [reloadCommand, ["wan0"], "edge6 reload: unexpected argument 'wan0': expected no arguments\n"],
  ];
  for (const [command, args, message] of cases) {
    const io = captureIo();
    assert.equal(await command.run(args, io), 2, args.join(" "));
    assert.equal(io.stderr, message);
    assert.equal(io.stdout, "");
  }
});
