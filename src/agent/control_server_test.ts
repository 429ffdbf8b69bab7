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

/** Reads whatever the server sends until it closes the connection. */
async function readAll(conn: Deno.Conn): Promise<string> {
  const chunks: Uint8Array[] = [];
  const buffer = new Uint8Array(4096);
  for (;;) {
    let n: number | null;
    try {
      n = await conn.read(buffer);
    } catch {
      break; // reset by the server: what was read is the answer
    }
    if (n === null) break;
    chunks.push(buffer.slice(0, n));
  }
  return new TextDecoder().decode(new Uint8Array(chunks.flatMap((c) => [...c])));
}

const LIMITS = {
  maxConnections: 4,
  requestTimeoutMs: 300,
  responseTimeoutMs: 300,
  maxRequestBytes: 4096,
};

Deno.test("control socket: an oversized request is answered with an error and closed", async () => {
  const dir = await Deno.makeTempDir();
  const seen: string[] = [];
  const server = await startControlServer(`${dir}/edge6.sock`, (request) => {
    seen.push(request.command);
    return Promise.resolve({ ok: true });
  }, LIMITS);
  try {
    const conn = await Deno.connect({ transport: "unix", path: server.path });
    // 80 KiB without a newline; the server stops reading long before the end.
    const writing = conn.write(new Uint8Array(80 * 1024).fill(0x61)).catch(() => 0);
    const answer = await readAll(conn);
    await writing;
    conn.close();
    assert.deepEqual(JSON.parse(answer), {
      ok: false,
      error: "control line longer than 4096 bytes",
    });
    assert.deepEqual(seen, []);
    assert.deepEqual(await sendControlRequest(server.path, { command: "status" }), { ok: true });
  } finally {
    await server.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("control socket: a half-written request is answered with an error after the timeout", async () => {
  const dir = await Deno.makeTempDir();
  const server = await startControlServer(
    `${dir}/edge6.sock`,
    () => Promise.resolve({ ok: true }),
    LIMITS,
  );
  try {
    const conn = await Deno.connect({ transport: "unix", path: server.path });
    await conn.write(new TextEncoder().encode('{"command":"sta'));
    const answer = await readAll(conn);
    conn.close();
    assert.deepEqual(JSON.parse(answer), {
      ok: false,
      error: "no complete control request within 300 ms",
    });
    assert.equal(server.openConnections, 0);
  } finally {
    await server.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("control socket: idle connections are capped; the oldest gives way to a request", async () => {
  const dir = await Deno.makeTempDir();
  const server = await startControlServer(
    `${dir}/edge6.sock`,
    () => Promise.resolve({ ok: true, message: "served" }),
    { ...LIMITS, requestTimeoutMs: 60_000 },
  );
  const idle: Deno.Conn[] = [];
  try {
    for (let i = 0; i < 20; i++) {
      idle.push(await Deno.connect({ transport: "unix", path: server.path }));
    }
    // The server accepts asynchronously: let it catch up with the connections.
    for (let i = 0; i < 50 && server.openConnections > 4; i++) {
      await new Promise((r) => setTimeout(r, 10));
    }
    assert.ok(server.openConnections <= 4, `${server.openConnections} connections open`);
    // The oldest were told why they were closed.
    assert.deepEqual(JSON.parse(await readAll(idle[0]!)), {
      ok: false,
      error: "closed: more than 4 control connections were open",
    });
    assert.deepEqual(
      await sendControlRequest(server.path, { command: "renew", interface: "wan0" }),
      { ok: true, message: "served" },
    );
    assert.ok(server.openConnections <= 4);
  } finally {
    for (const conn of idle) {
      try {
        conn.close();
      } catch {
        // closed already
      }
    }
    await server.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("control socket: when every connection awaits its answer, a new one is refused", async () => {
  const dir = await Deno.makeTempDir();
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  let handled = 0;
  const server = await startControlServer(
    `${dir}/edge6.sock`,
    () => (handled++, held.then(() => ({ ok: true as const }))),
    LIMITS,
  );
  try {
    const waiting = [1, 2, 3, 4].map(() => sendControlRequest(server.path, { command: "status" }));
    // Four whole requests, all waiting for the loop's answer.
    for (let i = 0; i < 200 && handled < 4; i++) await new Promise((r) => setTimeout(r, 10));
    assert.equal(handled, 4);
    assert.deepEqual(await sendControlRequest(server.path, { command: "status" }), {
      ok: false,
      error: "busy: 4 control connections are waiting for answers",
    });
    release();
    assert.deepEqual(await Promise.all(waiting), [{ ok: true }, { ok: true }, { ok: true }, {
      ok: true,
    }]);
  } finally {
    release();
    await server.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("control client: an answer longer than a request is read whole", async () => {
  const dir = await Deno.makeTempDir();
  const big = "x".repeat(100_000);
  const server = await startControlServer(
    `${dir}/edge6.sock`,
    () => Promise.resolve({ ok: true, status: { big } }),
  );
  try {
    assert.deepEqual(await sendControlRequest(server.path, { command: "status" }), {
      ok: true,
      status: { big },
    });
  } finally {
    await server.close();
    await Deno.remove(dir, { recursive: true });
  }
});
