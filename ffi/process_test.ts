/**
 * The daemon calls, in a real child process (they change the process that
 * makes them): a new session led by the child, and standard streams moved to
 * a log file (appended to) or to /dev/null, leaving the pipes its parent
 * reads at end of file while the child goes on.
 */
import assert from "node:assert/strict";

const PROCESS = new URL("./process.ts", import.meta.url).href;

/** Runs `body` in a child deno with `newSession`, `redirectStandardStreams` in scope. */
async function child(body: string) {
  const script = `import { newSession, redirectStandardStreams } from "${PROCESS}";\n${body}`;
  // Standard input is a pipe, as a terminal or a service manager would give.
  const process = new Deno.Command(Deno.execPath(), {
    args: ["eval", "--quiet", script],
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  await process.stdin.close();
  return await process.output();
}

/** The session id in /proc/PID/stat (field 6, after the parenthesised command name). */
function sessionOf(stat: string): number {
  return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[3]);
}

Deno.test("newSession: the child leads a session of its own", async () => {
  const result = await child(
    `const sid = newSession();
     const stat = Deno.readTextFileSync("/proc/self/stat");
     console.log(JSON.stringify({ sid, pid: Deno.pid, stat }));`,
  );
  assert.equal(result.code, 0, new TextDecoder().decode(result.stderr));
  const { sid, pid, stat } = JSON.parse(new TextDecoder().decode(result.stdout));
  assert.equal(sid, pid);
  assert.equal(sessionOf(stat), pid);
  assert.notEqual(sessionOf(Deno.readTextFileSync("/proc/self/stat")), pid);
});

Deno.test("newSession: a second call fails with the errno named", async () => {
  const result = await child(
    `newSession();
     try { newSession(); } catch (e) { console.log(e.message); }`,
  );
  assert.match(new TextDecoder().decode(result.stdout), /setsid.*EPERM/);
});

Deno.test("redirectStandardStreams: output and errors appended to a log file, input from /dev/null", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const log = `${dir}/edge6.log`;
    await Deno.writeTextFile(log, "earlier line\n");
    const result = await child(
      `const before = Deno.readLinkSync("/proc/self/fd/0");
       const outPipe = Deno.readLinkSync("/proc/self/fd/1");
       const errPipe = Deno.readLinkSync("/proc/self/fd/2");
       console.log("to the parent, stdin " + before.replace(/[0-9]+/, "N"));
       redirectStandardStreams(${JSON.stringify(log)});
       console.log("to the log");
       console.error("an error to the log");
       const input = Deno.readLinkSync("/proc/self/fd/0");
       console.log("stdin " + input);
       // No descriptor is left on the pipes the parent reads.
       const left = [...Deno.readDirSync("/proc/self/fd")].filter((e) => {
         try { return [outPipe, errPipe].includes(Deno.readLinkSync("/proc/self/fd/" + e.name)); }
         catch { return false; }
       });
       console.log("left " + left.length);`,
    );
    assert.equal(result.code, 0);
    assert.equal(new TextDecoder().decode(result.stdout), "to the parent, stdin pipe:[N]\n");
    assert.equal(new TextDecoder().decode(result.stderr), "");
    assert.equal(
      await Deno.readTextFile(log),
      "earlier line\nto the log\nan error to the log\nstdin /dev/null\nleft 0\n",
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("redirectStandardStreams: /dev/null takes all three streams", async () => {
  const result = await child(
    `redirectStandardStreams("/dev/null");
     const targets = [0, 1, 2].map((fd) => Deno.readLinkSync("/proc/self/fd/" + fd));
     Deno.writeTextFileSync("/dev/stdout", "lost");
     if (targets.some((t) => t !== "/dev/null")) Deno.exit(3);`,
  );
  assert.equal(result.code, 0);
  assert.equal(result.stdout.length, 0);
  assert.equal(result.stderr.length, 0);
});

Deno.test("redirectStandardStreams: a log file that cannot be opened is an error naming it", async () => {
  const result = await child(
    `try { redirectStandardStreams("/nonexistent-dir/edge6.log"); }
     catch (e) { console.log(e.message); }`,
  );
  assert.match(
    new TextDecoder().decode(result.stdout),
    /open \/nonexistent-dir\/edge6\.log.*ENOENT/,
  );
});
