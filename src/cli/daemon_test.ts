/**
 * Daemon mode with real processes: a child deno plays the agent through
 * daemon.ts's own agent side, and the parent side is checked for each way a
 * start can end (ready, refused with a message, silent death, no answer).
 */
import assert from "node:assert/strict";
import { captureIo } from "./test_io.ts";
import { DETACHED_ENV, isDetachedAgent, readyLine, startDetached } from "./daemon.ts";

const DAEMON = new URL("./daemon.ts", import.meta.url).href;

/** A command that runs `body` as the agent, with daemon.ts's exports in scope. */
function agent(body: string): string[] {
  return [
    Deno.execPath(),
    "eval",
    `import { enterDetachedAgent, isDetachedAgent } from "${DAEMON}";\n${body}`,
  ];
}

/** Waits (at most 20 s) until `path` exists and its text passes `done`; returns the text. */
async function waitForFile(path: string, done = (_text: string) => true): Promise<string> {
  let last = "";
  for (let i = 0; i < 200; i++) {
    try {
      last = await Deno.readTextFile(path);
      if (done(last)) return last;
    } catch {
      // not there yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${path} never became complete; it holds ${JSON.stringify(last)}`);
}

Deno.test({
  name: "daemon: exits 0 once the agent is ready, leaving it running in a session of its own",
  // The agent outlives startDetached on purpose; it ends once the test lets it.
  sanitizeOps: false,
  sanitizeResources: false,
  async fn() {
    const dir = await Deno.makeTempDir();
    try {
      const io = captureIo();
      const code = await startDetached(
        agent(`
          const marked = isDetachedAgent();
          const detached = enterDetachedAgent();
          const report = {
            marked,
            envAfter: Deno.env.get("EDGE6_DETACHED") ?? null,
            cwd: Deno.cwd(),
            pid: Deno.pid,
            stat: Deno.readTextFileSync("/proc/self/stat"),
          };
          detached.ready(undefined);
          console.log("after ready: lost");
          // Still running after the parent returned: wait for the test's go.
          for (let i = 0; i < 300; i++) {
            try { Deno.statSync("${dir}/go"); break; } catch { await new Promise((r) => setTimeout(r, 100)); }
          }
          report.fds = [0, 1, 2].map((fd) => Deno.readLinkSync("/proc/self/fd/" + fd));
          Deno.writeTextFileSync("${dir}/report.tmp", JSON.stringify(report));
          Deno.renameSync("${dir}/report.tmp", "${dir}/report");
        `),
        io,
      );
      assert.equal(code, 0);
      assert.equal(io.stderr, "");
      assert.equal(io.stdout, "");
      await assert.rejects(Deno.stat(`${dir}/report`), Deno.errors.NotFound);
      await Deno.writeTextFile(`${dir}/go`, "");
      const report = JSON.parse(await waitForFile(`${dir}/report`));
      assert.equal(report.marked, true);
      assert.equal(report.envAfter, null);
      assert.equal(report.cwd, "/");
      const stat: string = report.stat;
      const session = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[3]);
      assert.equal(session, report.pid, "the agent leads its own session");
      assert.deepEqual(report.fds, ["/dev/null", "/dev/null", "/dev/null"]);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test({
  name: "daemon: after ready, the agent's output goes to the log file",
  sanitizeOps: false,
  sanitizeResources: false,
  async fn() {
    const dir = await Deno.makeTempDir();
    try {
      const io = captureIo();
      const code = await startDetached(
        agent(`
          const detached = enterDetachedAgent();
          console.error("before ready: to the parent");
          detached.ready("${dir}/edge6.log");
          console.log("after ready: to the log");
          console.error("an error: to the log too");
        `),
        io,
      );
      assert.equal(code, 0);
      assert.equal(io.stderr, "before ready: to the parent\n");
      assert.equal(
        await waitForFile(`${dir}/edge6.log`, (text) => text.endsWith("too\n")),
        "after ready: to the log\nan error: to the log too\n",
      );
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test("daemon: a refused start is the agent's own line and status", async () => {
  const io = captureIo();
  const line =
    "edge6: UDP port 546 is already in use: another DHCPv6 client (dhcp6c, dhclient, a second edge6) is running; stop it first\n";
  const code = await startDetached(
    agent(
      `enterDetachedAgent(); Deno.stderr.writeSync(new TextEncoder().encode(${
        JSON.stringify(line)
      })); Deno.exit(1);`,
    ),
    io,
  );
  assert.equal(code, 1);
  assert.equal(io.stderr, line);
  const usage = captureIo();
  assert.equal(
    await startDetached(
      agent(`console.error("edge6: eth9 is not configured"); Deno.exit(2);`),
      usage,
    ),
    2,
  );
  assert.equal(usage.stderr, "edge6: eth9 is not configured\n");
});

Deno.test("daemon: an agent that ends without a word still fails the command, saying so", async () => {
  const io = captureIo();
  assert.equal(await startDetached(agent(`Deno.exit(0);`), io), 1);
  assert.equal(
    io.stderr,
    "edge6: the agent exited with status 0 while starting, without saying why; run it with -f to see its log\n",
  );
  const killed = captureIo();
  assert.equal(await startDetached(agent(`Deno.kill(Deno.pid, "SIGKILL");`), killed), 137);
  assert.match(killed.stderr, /^edge6: the agent was killed by SIGKILL while starting/);
});

Deno.test("daemon: a ready line that is not the agent's own pid is not taken for ready", async () => {
  const io = captureIo();
  const code = await startDetached(
    agent(
      `Deno.stdout.writeSync(new TextEncoder().encode(${
        JSON.stringify(readyLine(1))
      })); Deno.exit(0);`,
    ),
    io,
  );
  assert.equal(code, 1);
  assert.equal(io.stdout, readyLine(1));
});

Deno.test("daemon: an agent that never gets ready is stopped after the timeout", async () => {
  const io = captureIo();
  const code = await startDetached(
    agent(`enterDetachedAgent(); await new Promise((r) => setTimeout(r, 60_000));`),
    io,
    { timeoutMs: 500 },
  );
  assert.equal(code, 1);
  assert.match(
    io.stderr,
    /^edge6: the agent \(pid \d+\) was not ready after 0\.5 s, so it was stopped; run it with -f to watch it start\n$/,
  );
});

Deno.test("daemon: the marker variable", () => {
  assert.equal(DETACHED_ENV, "EDGE6_DETACHED");
  assert.equal(isDetachedAgent((name) => name === DETACHED_ENV ? "1" : undefined), true);
  assert.equal(isDetachedAgent(() => undefined), false);
  assert.equal(isDetachedAgent(() => "yes"), false);
});
