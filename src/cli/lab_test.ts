import assert from "node:assert/strict";
import { labCommand } from "./lab.ts";
import { captureIo } from "./test_io.ts";

// Usage errors are found before anything is created (and before the root check).

Deno.test("lab: bad arguments exit 2 with one line and create nothing", async () => {
  const cases: [string[], string][] = [
    [["extra"], "edge6 lab: unexpected argument 'extra': expected no arguments\n"],
    [["--bogus"], "edge6 lab: unknown option '--bogus'\n"],
    [["--duration"], "edge6 lab: option --duration needs a value\n"],
    [["--duration", "0"], "edge6 lab: --duration 0: expected a positive number of seconds\n"],
    [["--verbose=1"], "edge6 lab: option --verbose takes no value\n"],
  ];
  for (const [args, message] of cases) {
    const io = captureIo();
    assert.equal(await labCommand.run(args, io), 2, args.join(" "));
    assert.equal(io.stderr, message);
    assert.equal(io.stdout, "");
  }
});
