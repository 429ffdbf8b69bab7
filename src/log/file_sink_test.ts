import assert from "node:assert/strict";
import { fileSink } from "./file_sink.ts";

const at = () => new Date(Date.UTC(2026, 0, 2, 3, 4, 5));

Deno.test("file sink: appends stamped lines, mode 0640", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = `${dir}/edge6.log`;
    await Deno.writeTextFile(path, "older\n", { mode: 0o640 });
    const sink = fileSink(path, { now: at });
    sink.write("notice", "wan0: bound (REQUEST)");
    sink.write("debug", "wan0: sent SOLICIT");
    sink.close?.();
    assert.equal(
      await Deno.readTextFile(path),
      "older\n2026-01-02T03:04:05.000Z notice: wan0: bound (REQUEST)\n" +
        "2026-01-02T03:04:05.000Z debug: wan0: sent SOLICIT\n",
    );
    const fresh = `${dir}/new.log`;
    fileSink(fresh, { now: at }).close?.();
    assert.equal((await Deno.stat(fresh)).mode! & 0o777, 0o640);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("file sink: a rotated file is followed by a new one at the same path", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = `${dir}/edge6.log`;
    const sink = fileSink(path, { now: at });
    sink.write("notice", "one");
    await Deno.rename(path, `${path}.1`);
    sink.write("notice", "two");
    await Deno.remove(path);
    sink.write("notice", "three");
    sink.close?.();
    assert.equal(await Deno.readTextFile(`${path}.1`), "2026-01-02T03:04:05.000Z notice: one\n");
    assert.equal(await Deno.readTextFile(path), "2026-01-02T03:04:05.000Z notice: three\n");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("file sink: a file that cannot be opened fails at once; a lost directory later is no crash", async () => {
  assert.throws(() => fileSink("/nonexistent-dir/edge6.log"), Deno.errors.NotFound);
  const dir = await Deno.makeTempDir();
  const sink = fileSink(`${dir}/edge6.log`, { now: at });
  await Deno.remove(dir, { recursive: true });
  sink.write("error", "nowhere to go");
  sink.close?.();
});

Deno.test("createLogger: a path target appends to that file at the configured level", async () => {
  const { createLogger } = await import("./create_logger.ts");
  const dir = await Deno.makeTempDir();
  try {
    const log = await createLogger({ target: `/${dir.slice(1)}/agent.log`, level: "notice" });
    log.info("not at notice");
    log.notice("bound");
    log.close();
    assert.match(await Deno.readTextFile(`${dir}/agent.log`), /^\S+Z notice: bound\n$/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
