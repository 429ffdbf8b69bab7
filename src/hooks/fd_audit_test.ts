import assert from "node:assert/strict";
import { libc } from "../../ffi/libc.ts";
import { fdinfoFlags, inheritableDescriptors, survivesExec } from "./fd_audit.ts";

Deno.test("fdinfo flags are read as octal and O_CLOEXEC is recognised", () => {
  const text = "pos:\t0\nflags:\t02100002\nmnt_id:\t15\nino:\t1234\n";
  assert.equal(fdinfoFlags(text), 0o2100002);
  assert.equal(survivesExec(0o2100002), false);
  assert.equal(survivesExec(0o100002), true);
  assert.equal(fdinfoFlags("pos:\t0\n"), undefined);
});

Deno.test("a descriptor opened without close-on-exec is found, Deno's own are not", async () => {
  const file = await Deno.open(Deno.execPath());
  const fds = new Int32Array(2);
  assert.equal(libc().pipe2(new Uint8Array(fds.buffer), 0), 0);
  try {
    const found = inheritableDescriptors();
    assert.ok(found.includes(fds[0]!) && found.includes(fds[1]!));
    assert.ok(found.every((fd) => fd > 2));
    // The file Deno opened is close-on-exec: it must not be in the list.
    const own = [...Deno.readDirSync("/proc/self/fd")]
      .map((e) => Number(e.name))
      .filter((fd) => {
        try {
          return Deno.readLinkSync(`/proc/self/fd/${fd}`) === Deno.execPath();
        } catch {
          return false;
        }
      });
    assert.ok(own.length > 0);
    assert.ok(own.every((fd) => !found.includes(fd)));
  } finally {
    file.close();
    libc().close(fds[0]!);
    libc().close(fds[1]!);
  }
});
