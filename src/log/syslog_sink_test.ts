import assert from "node:assert/strict";
import { loadSyslogApi, type SyslogApi, syslogSink } from "./syslog_sink.ts";
import { createLogger, effectiveLevel } from "./create_logger.ts";

function fakeApi(): SyslogApi & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    openSyslog: (o) => calls.push(`open ${o.ident} ${o.facility}`),
    syslog: (s, m) => calls.push(`${s} ${m}`),
    closeSyslog: () => calls.push("close"),
  };
}

Deno.test("the syslog sink opens with the facility code and writes severities", () => {
  const api = fakeApi();
  const sink = syslogSink(api, "edge6", "local3");
  sink.write("error", "boom");
  sink.write("info", "bound");
  sink.close?.();
  assert.deepEqual(api.calls, ["open edge6 152", "3 boom", "6 bound", "close"]);
});

Deno.test("createLogger takes the syslog binding only for the syslog target", async () => {
  const api = fakeApi();
  let loads = 0;
  const syslogApi = () => {
    loads++;
    return Promise.resolve(api);
  };
  const log = await createLogger({ target: "syslog", level: "info", verbosity: 2, syslogApi });
  log.debug("decision");
  log.close();
  assert.equal(loads, 1);
  assert.deepEqual(api.calls, ["open edge6 24", "7 decision", "close"]);
  const quiet = await createLogger({ target: "stderr", syslogApi, env: () => undefined });
  assert.equal(loads, 1);
  assert.equal(quiet.threshold, "notice");
});

Deno.test("flags only ever make the configured level more verbose", () => {
  assert.equal(effectiveLevel("warn", 0), "warn");
  assert.equal(effectiveLevel("error", 0), "error");
  assert.equal(effectiveLevel("error", 1), "info");
  assert.equal(effectiveLevel("info", 0), "info");
  assert.equal(effectiveLevel("info", 1), "info");
  assert.equal(effectiveLevel("warn", 2), "debug");
  assert.equal(effectiveLevel("debug", 0), "debug");
});

Deno.test("the FFI binding loads and adapts", async () => {
  const api = await loadSyslogApi();
  assert.equal(typeof api.openSyslog, "function");
  assert.equal(typeof api.syslog, "function");
  assert.equal(typeof api.closeSyslog, "function");
});
