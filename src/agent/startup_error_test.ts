import assert from "node:assert/strict";
import {
  describeStartupError,
  osReason,
  probeWritable,
  StartupError,
  startupStep,
} from "./startup_error.ts";
import { AgentRunningError, startControlServer } from "./control_server.ts";
import { ERRNO, ErrnoError } from "../../ffi/mod.ts";
import { Udp6Socket } from "../../ffi/mod.ts";

Deno.test("startup error: a second client on port 546 is told to stop the other one", () => {
  const line = describeStartupError(
    { step: "dhcp-socket", port: 546 },
    new ErrnoError("bind [::]:546", ERRNO.EADDRINUSE, "Address already in use"),
  );
  assert.equal(
    line,
    "UDP port 546 is already in use: another DHCPv6 client (dhcp6c, dhclient, a second edge6) is running; stop it first",
  );
});

Deno.test("startup error: port 546 without privilege says root is needed", () => {
  const line = describeStartupError(
    { step: "dhcp-socket", port: 546 },
    new ErrnoError("bind [::]:546", ERRNO.EACCES, "Permission denied"),
  );
  assert.equal(
    line,
    "cannot bind UDP port 546: permission denied; edge6 run needs root (or CAP_NET_BIND_SERVICE and CAP_NET_ADMIN)",
  );
});

Deno.test("startup error: OS error dumps become words, without Deno's op and path tail", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const error = await Deno.readFile(dir).then(() => undefined, (e) => e);
    assert.ok(error instanceof Error);
    assert.equal(osReason(error), "is a directory");
    assert.equal(
      describeStartupError({ step: "duid", path: dir }, error),
      `cannot use the DUID file ${dir}: is a directory; fix or remove it (a new DUID is then created and the server sees a new client), or set global.duid_file`,
    );
  } finally {
    await Deno.remove(dir);
  }
});

Deno.test("startup error: a message already naming the path does not repeat it", () => {
  const line = describeStartupError(
    { step: "duid", path: "/x/duid" },
    new RangeError("/x/duid: DUID length 2, expected 3 to 130"),
  );
  assert.ok(
    line.startsWith("cannot use the DUID file /x/duid: DUID length 2, expected 3 to 130; "),
  );
});

Deno.test("startup error: a read-only state directory is named with what to do", () => {
  const line = describeStartupError(
    { step: "state-dir", path: "/var/lib/edge6" },
    new Error("Read-only file system (os error 30): mkdir '/var/lib/edge6'"),
  );
  assert.match(
    line,
    /^the state directory \/var\/lib\/edge6 is not writable: read-only file system; /,
  );
  assert.match(line, /(set global\.state_dir|needs root)/);
});

Deno.test("startup step: wraps failures once and passes results through", async () => {
  assert.equal(await startupStep({ step: "netlink" }, () => 7), 7);
  const error = await startupStep({ step: "pid-file", path: "/p" }, () => {
    throw new Deno.errors.NotFound("No such file or directory (os error 2): open '/p'");
  }).then(() => undefined, (e) => e);
  assert.ok(error instanceof StartupError);
  assert.equal(error.message, "cannot write the pid file /p: no such file or directory");
  const again = await startupStep({ step: "netlink" }, () => {
    throw error;
  }).then(() => undefined, (e) => e);
  assert.equal(again, error);
});

Deno.test("control socket: a live agent's socket is not taken over", async () => {
  const dir = await Deno.makeTempDir();
  const path = `${dir}/edge6.sock`;
  const first = await startControlServer(path, () => Promise.resolve({ ok: true }));
  try {
    const error = await startControlServer(path, () => Promise.resolve({ ok: true })).then(
      () => undefined,
      (e) => e,
    );
    assert.ok(error instanceof AgentRunningError);
    assert.equal(
      describeStartupError({ step: "control-socket", path }, error),
      `another edge6 agent is running and listening on ${path}: stop that agent first, or give this one another global.control_socket`,
    );
    assert.ok((await Deno.lstat(path)).isSocket, "the first agent's socket is left in place");
  } finally {
    await first.close();
  }
  // A stale file (nobody listens) is replaced as before.
  const listener = Deno.listen({ transport: "unix", path });
  listener.close();
  const second = await startControlServer(path, () => Promise.resolve({ ok: true }));
  await second.close();
  await Deno.remove(dir, { recursive: true });
});

Deno.test("DHCPv6 socket without SO_REUSEADDR: a second bind of the same port is refused", () => {
  const first = Udp6Socket.open({ port: 0, address: "::1", reuseAddress: false });
  try {
    const error = (() => {
      try {
        Udp6Socket.open({ port: first.port, address: "::1", reuseAddress: false }).close();
        return undefined;
      } catch (e) {
        return e;
      }
    })();
    assert.ok(error instanceof ErrnoError);
    assert.equal(
      describeStartupError({ step: "dhcp-socket", port: first.port }, error),
      `UDP port ${first.port} is already in use: another DHCPv6 client (dhcp6c, dhclient, a second edge6) is running; stop it first`,
    );
  } finally {
    first.close();
  }
});

Deno.test("probeWritable: creates a missing directory, refuses a file, leaves nothing behind", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await probeWritable(`${dir}/state`);
    assert.deepEqual([...Deno.readDirSync(`${dir}/state`)], []);
    await Deno.writeTextFile(`${dir}/file`, "");
    await assert.rejects(probeWritable(`${dir}/file`), /it is not a directory/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("startup error: a log file that cannot be opened says what to do", async () => {
  const path = "/nonexistent-dir/edge6.log";
  const error = await startupStep(
    { step: "log-file", path },
    () => Deno.openSync(path, { append: true, create: true }),
  )
    .then(() => undefined, (e) => e);
  assert.ok(error instanceof StartupError);
  assert.equal(
    error.message,
    `cannot write the log file ${path}: no such file or directory; create its directory or set global.log_target to another file or syslog`,
  );
});
