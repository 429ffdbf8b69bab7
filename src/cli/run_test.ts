import assert from "node:assert/strict";
import { DEFAULT_CONFIG, parseRunArgs } from "./run.ts";

Deno.test("run: dhcp6c's flags", () => {
  assert.deepEqual(
    parseRunArgs(["-c", "/etc/x.conf", "-f", "-D", "-n", "-p", "/run/x.pid", "wan0"]),
    {
      configPath: "/etc/x.conf",
      verbosity: 2,
      noRelease: true,
      pidFile: "/run/x.pid",
      interfaces: ["wan0"],
    },
  );
  assert.deepEqual(parseRunArgs([]), {
    configPath: DEFAULT_CONFIG,
    verbosity: 0,
    noRelease: false,
    interfaces: [],
  });
  assert.equal(parseRunArgs(["-d"]).verbosity, 1);
});

Deno.test("run: bad usage is refused with the reason", () => {
  assert.throws(() => parseRunArgs(["-x"]), /-x/);
  assert.throws(() => parseRunArgs(["-c"]), /-c/);
  assert.throws(() => parseRunArgs(["a/b"]), /"a\/b" is not an interface name/);
});
