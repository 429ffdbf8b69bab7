import assert from "node:assert/strict";
import {
  defaultPidFile,
  DHCP6C_PID_FILE,
  EDGE6_PID_FILE,
  removePidFile,
  writePidFile,
} from "./pid_file.ts";

Deno.test("pid file: dhcp6c's path for a dhcp6c.conf, edge6's for TOML", () => {
  assert.equal(defaultPidFile("dhcp6c"), "/var/run/dhcp6c.pid");
  assert.equal(DHCP6C_PID_FILE, "/var/run/dhcp6c.pid");
  assert.equal(defaultPidFile("toml"), "/run/edge6.pid");
  assert.equal(EDGE6_PID_FILE, "/run/edge6.pid");
});

Deno.test("pid file: written as a line, readable by all, removed only while it is ours", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = `${dir}/sub/dhcp6c.pid`;
    await writePidFile(path, 4242);
    assert.equal(await Deno.readTextFile(path), "4242\n");
    assert.equal((await Deno.stat(path)).mode! & 0o777, 0o644);
    assert.deepEqual([...Deno.readDirSync(`${dir}/sub`)].map((e) => e.name), ["dhcp6c.pid"]);
    // Another agent took the file over: it stays.
    await writePidFile(path, 4343);
    assert.equal(await removePidFile(path, 4242), false);
    assert.equal(await Deno.readTextFile(path), "4343\n");
    assert.equal(await removePidFile(path, 4343), true);
    await assert.rejects(Deno.stat(path), Deno.errors.NotFound);
    // Already gone (an init script's rm -f): nothing to do, no error.
    assert.equal(await removePidFile(path, 4343), false);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
