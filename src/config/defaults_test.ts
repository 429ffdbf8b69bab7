import assert from "node:assert/strict";
import { DEFAULT_AUTHENTICATION, DEFAULT_GLOBAL, DEFAULT_INTERFACE_FLAGS } from "./defaults.ts";
import { loadConfigFile } from "./load.ts";

// The loaders' tests compare with these constants; the values themselves are
// pinned here, once, as the documentation and the example file give them.

Deno.test("defaults: the global settings a file may leave out", () => {
  assert.deepStrictEqual(DEFAULT_GLOBAL, {
    duidFile: "/var/lib/edge6/duid",
    stateDir: "/var/lib/edge6",
    controlSocket: "/run/edge6/edge6.sock",
    logLevel: "notice",
    logTarget: "stderr",
    logFacility: "daemon",
    hookTimeout: 30,
  });
});

Deno.test("defaults: the per-interface switches a file may leave out", () => {
  assert.deepStrictEqual(DEFAULT_INTERFACE_FLAGS, {
    rapidCommit: false,
    informationOnly: false,
    reconfigureAccept: false,
    initialDelay: true,
    releaseOnStop: false,
  });
  assert.deepStrictEqual(DEFAULT_AUTHENTICATION, { algorithm: "hmac-md5", rdm: "monocounter" });
});

Deno.test("defaults: the shipped example shows the global defaults", async () => {
  // Its header says that the values it shows for optional keys are their defaults.
  const example = new URL("../../config/edge6.example.toml", import.meta.url).pathname;
  const r = await loadConfigFile(example);
  assert.ok(r.ok);
  assert.deepStrictEqual(r.config.global, DEFAULT_GLOBAL);
});

Deno.test("defaults: with the default log_level, -d and -D each log more", async () => {
  const { effectiveLevel } = await import("../log/create_logger.ts");
  assert.deepStrictEqual(
    [0, 1, 2].map((verbosity) => effectiveLevel(DEFAULT_GLOBAL.logLevel, verbosity)),
    ["notice", "info", "debug"],
  );
});
