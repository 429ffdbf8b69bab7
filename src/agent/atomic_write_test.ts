import assert from "node:assert/strict";
import { writeFileAtomic } from "./atomic_write.ts";

Deno.test("writeFileAtomic creates directories, replaces content, leaves no temp file", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = `${dir}/sub/state.json`;
    await writeFileAtomic(path, new TextEncoder().encode("one"));
    await writeFileAtomic(path, new TextEncoder().encode("two"));
    assert.equal(await Deno.readTextFile(path), "two");
    const names = [...Deno.readDirSync(`${dir}/sub`)].map((e) => e.name);
    assert.deepEqual(names, ["state.json"]);
    assert.equal((await Deno.stat(path)).mode! & 0o777, 0o600);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("writeFileAtomic on a full disk keeps the old file and leaves no temporary one", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = `${dir}/wan0.lease.json`;
    await writeFileAtomic(path, new TextEncoder().encode("old lease\n"));
    // The temporary file's name leads to /dev/full: every write fails with
    // ENOSPC, as on a full state directory, without needing root to fill one.
    await Deno.symlink("/dev/full", `${path}.tmp-${Deno.pid}`);
    await assert.rejects(
      writeFileAtomic(path, new TextEncoder().encode("new lease\n")),
      (error: Error & { code?: string }) => error.code === "ENOSPC",
    );
    assert.equal(await Deno.readTextFile(path), "old lease\n");
    assert.deepEqual([...Deno.readDirSync(dir)].map((e) => e.name), ["wan0.lease.json"]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
