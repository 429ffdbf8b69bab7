import assert from "node:assert/strict";
import { sendControlRequest } from "./control_client.ts";
import { startControlServer } from "./control_server.ts";
import { libc } from "../../ffi/libc.ts";
import { HOST_LE } from "../../ffi/host_order.ts";

Deno.test("control socket: mode 0600, requests reach the handler, errors come back", async () => {
  const dir = await Deno.makeTempDir();
  const seen: string[] = [];
  const server = await startControlServer(`${dir}/run/edge6.sock`, (request) => {
    seen.push(`${request.command} ${request.interface ?? "*"}`);
    if (request.interface === "nope") return Promise.reject(new Error("no interface nope"));
    return Promise.resolve({ ok: true, message: "done" });
  });
  try {
    assert.equal((await Deno.stat(server.path)).mode! & 0o777, 0o600);
    assert.deepEqual(
      await sendControlRequest(server.path, { command: "renew", interface: "wan0" }),
      {
        ok: true,
        message: "done",
      },
    );
    assert.deepEqual(
      await sendControlRequest(server.path, { command: "release", interface: "nope" }),
      {
        ok: false,
        error: "no interface nope",
      },
    );
    assert.deepEqual(seen, ["renew wan0", "release nope"]);
  } finally {
    await server.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("control client: a missing socket says the agent is not running", async () => {
  await assert.rejects(
    sendControlRequest("/nonexistent/edge6.sock", { command: "status" }),
    /cannot reach the agent at \/nonexistent\/edge6.sock: no such socket/,
  );
});

Deno.test("control server refuses to replace a regular file", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(`${dir}/file`, "x");
    await assert.rejects(
      startControlServer(`${dir}/file`, () => Promise.resolve({ ok: true })),
      /not a socket/,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("control client: a stale socket file says nothing listens on it", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = `${dir}/edge6.sock`;
    // A bound socket that never listens: the file a killed agent leaves behind.
    const AF_UNIX = 1;
    const SOCK_STREAM = 1;
    const fd = libc().socket(AF_UNIX, SOCK_STREAM, 0);
    const sun = new Uint8Array(110);
    new DataView(sun.buffer).setUint16(0, AF_UNIX, HOST_LE); // sun_family
    sun.set(new TextEncoder().encode(path), 2);
    assert.equal(libc().bind(fd, sun, sun.length), 0);
    libc().close(fd);
    await assert.rejects(
      sendControlRequest(path, { command: "status" }),
      /cannot reach the agent at .*: nothing listens on it \(the agent is not running/,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
