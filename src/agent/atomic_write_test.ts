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
