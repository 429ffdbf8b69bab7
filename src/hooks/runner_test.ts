import assert from "node:assert/strict";
import { libc } from "../../ffi/libc.ts";
import { Logger } from "../log/logger.ts";
import { MemorySink } from "../log/sink.ts";
import { loadSetCloseOnExec } from "./close_on_exec.ts";
import { inheritableDescriptors } from "./fd_audit.ts";
import { DEFAULT_HOOK_PATH, HookRunner, unsafeScript } from "./runner.ts";

async function script(dir: string, name: string, body: string, mode = 0o700): Promise<string> {
  const path = `${dir}/${name}`;
  await Deno.writeTextFile(path, `#!/bin/sh\n${body}\n`);
  await Deno.chmod(path, mode);
  return path;
}

/** Two descriptors without close-on-exec, as a careless FFI call would leave them. */
function leakyPipe(): [number, number] {
  const fds = new Int32Array(2);
  assert.equal(libc().pipe2(new Uint8Array(fds.buffer), 0), 0);
  return [fds[0]!, fds[1]!];
}

/** `ls -l /proc/self/fd` output as descriptor → target. */
function fdTable(text: string): Map<number, string> {
  const table = new Map<number, string>();
  for (const m of text.matchAll(/ (\d+) -> (.*)$/gm)) table.set(Number(m[1]), m[2]!);
  return table;
}

const DUMP = `
echo "argc=$# arg0=$0" > "$HOOK_OUT/argv"
env > "$HOOK_OUT/env"
ls -l /proc/self/fd > "$HOOK_OUT/fds"
cut -d' ' -f1,5,6 /proc/$$/stat > "$HOOK_OUT/ids"
echo "hello from stdout"
printf 'bad\\033[31m line\\n' >&2
exit 3`;

Deno.test("a hook gets its environment, no arguments, no extra descriptors", async () => {
  const dir = await Deno.makeTempDir();
  const [r, w] = leakyPipe();
  Deno.env.set("EDGE6_TEST_SECRET", "must-not-leak");
  try {
    const path = await script(dir, "hook", DUMP);
    const sink = new MemorySink();
    const runner = new HookRunner({
      logger: new Logger(sink, "debug"),
      setCloseOnExec: await loadSetCloseOnExec(),
    });
    const result = await runner.run({
      interfaceName: "eth0",
      script: path,
      env: { REASON: "RENEW", INTERFACE: "eth0", HOOK_OUT: dir, new_domain_name: "example.com. " },
    });
    assert.equal(result.exitCode, 3);
    assert.equal(result.timedOut, false);
    assert.equal(await Deno.readTextFile(`${dir}/argv`), `argc=0 arg0=${path}\n`);

    const env = new Map(
      (await Deno.readTextFile(`${dir}/env`)).trim().split("\n").map((l) => {
        const eq = l.indexOf("=");
        return [l.slice(0, eq), l.slice(eq + 1)] as const;
      }),
    );
    assert.equal(env.get("REASON"), "RENEW");
    assert.equal(env.get("INTERFACE"), "eth0");
    assert.equal(env.get("new_domain_name"), "example.com. ");
    assert.equal(env.get("PATH"), DEFAULT_HOOK_PATH);
    assert.equal(env.get("EDGE6_TEST_SECRET"), undefined);

    // ls's own descriptors: 0–2 and the one it reads /proc/self/fd through.
    const fds = fdTable(await Deno.readTextFile(`${dir}/fds`));
    const extra = [...fds].filter(([fd]) => fd > 2);
    assert.equal(extra.length, 1, `unexpected descriptors: ${JSON.stringify(extra)}`);
    assert.match(extra[0]![1], /^\/proc\/\d+\/fd$/);
    assert.ok(!fds.has(r) && !fds.has(w));

    // The script leads its own session and process group.
    const [pid, pgid, sid] = (await Deno.readTextFile(`${dir}/ids`)).trim().split(" ");
    assert.equal(pgid, pid);
    assert.equal(sid, pid);

    const messages = sink.lines.map((l) => `${l.level} ${l.message}`);
    assert.ok(messages.includes("info hook eth0 stdout: hello from stdout"), messages.join("\n"));
    assert.ok(messages.includes("notice hook eth0 stderr: bad\\x1b[31m line"), messages.join("\n"));
    assert.ok(messages.some((m) => m.startsWith("warn ") && m.endsWith("failed: exit 3")));
    assert.deepEqual(runner.counters("eth0"), { run: 1, failed: 1, timedOut: 0 });
  } finally {
    Deno.env.delete("EDGE6_TEST_SECRET");
    libc().close(r);
    libc().close(w);
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("without a close-on-exec helper, every leaking descriptor is reported", async () => {
  const dir = await Deno.makeTempDir();
  const [r, w] = leakyPipe();
  try {
    const leaks = inheritableDescriptors();
    assert.ok(leaks.includes(r) && leaks.includes(w));
    const path = await script(dir, "hook", `ls -l /proc/self/fd > "$HOOK_OUT/fds"`);
    const sink = new MemorySink();
    const runner = new HookRunner({ logger: new Logger(sink, "debug") });
    const result = await runner.run({
      interfaceName: "eth0",
      script: path,
      env: { HOOK_OUT: dir },
    });
    assert.equal(result.exitCode, 0);
    const seen = [...fdTable(await Deno.readTextFile(`${dir}/fds`))]
      .filter(([fd, target]) => fd > 2 && !/^\/proc\/\d+\/fd$/.test(target))
      .map(([fd]) => fd);
    assert.deepEqual(seen, leaks);
    for (const fd of leaks) {
      assert.ok(
        sink.lines.some((l) => l.level === "warn" && l.message.includes(`descriptor ${fd} `)),
      );
    }
  } finally {
    libc().close(r);
    libc().close(w);
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a hook past its timeout is killed with its whole process group", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = await script(
      dir,
      "slow",
      `sleep 1000 &\necho $! > "$HOOK_OUT/child"\nwait`,
    );
    const sink = new MemorySink();
    const runner = new HookRunner({ logger: new Logger(sink, "debug"), timeoutMs: 1000 });
    const result = await runner.run({
      interfaceName: "eth0",
      script: path,
      env: { HOOK_OUT: dir },
    });
    assert.equal(result.timedOut, true);
    assert.equal(result.signal, "SIGKILL");
    assert.deepEqual(runner.counters("eth0"), { run: 1, failed: 1, timedOut: 1 });
    assert.ok(sink.lines.some((l) => l.level === "error" && l.message.includes("killed after")));
    // The background child was in the group: it is gone (or a zombie awaiting its reaper).
    const child = (await Deno.readTextFile(`${dir}/child`)).trim();
    let state = "gone";
    try {
      state = (await Deno.readTextFile(`/proc/${child}/stat`)).split(") ")[1]!.charAt(0);
    } catch {
      // no such process
    }
    assert.ok(state === "gone" || state === "Z", `background child state ${state}`);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("hooks of one interface run one at a time, in order; others do not wait", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const log = `${dir}/order`;
    const path = await script(
      dir,
      "ordered",
      `echo "begin $N" >> "${log}"
if [ "$N" = 1 ]; then
  # Wait for the other interface's hook: it must not be queued behind this one.
  i=0
  while [ ! -e "${dir}/other" ] && [ $i -lt 400 ]; do sleep 0.05; i=$((i+1)); done
  [ -e "${dir}/other" ] || echo "gave up" >> "${log}"
fi
echo "end $N" >> "${log}"`,
    );
    const other = await script(dir, "other", `touch "${dir}/other"`);
    const runner = new HookRunner({ logger: new Logger(new MemorySink(), "debug") });
    const runs = [1, 2, 3].map((n) =>
      runner.run({ interfaceName: "eth0", script: path, env: { N: String(n) } })
    );
    const eth1 = runner.run({ interfaceName: "eth1", script: other, env: {} });
    const results = await Promise.all([...runs, eth1]);
    await runner.idle();
    assert.deepEqual(results.map((r) => r.exitCode), [0, 0, 0, 0]);
    assert.equal(
      await Deno.readTextFile(log),
      "begin 1\nend 1\nbegin 2\nend 2\nbegin 3\nend 3\n",
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("unsafe or missing scripts are refused, not run", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const open = await script(dir, "open", `touch "${dir}/ran"`, 0o777);
    assert.match(unsafeScript(open)!, /writable by group or others/);
    assert.match(unsafeScript(dir)!, /not a regular file/);
    assert.match(unsafeScript(`${dir}/missing`)!, /cannot stat/);
    const plain = await script(dir, "plain", "true", 0o600);
    assert.match(unsafeScript(plain)!, /not executable/);
    const sink = new MemorySink();
    const runner = new HookRunner({ logger: new Logger(sink, "debug") });
    const result = await runner.run({ interfaceName: "eth0", script: open, env: {} });
    assert.equal(result.exitCode, -1);
    assert.match(result.error!, /writable/);
    await assert.rejects(Deno.stat(`${dir}/ran`));
    assert.deepEqual(runner.counters("eth0"), { run: 1, failed: 1, timedOut: 0 });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("without setsid the hook still runs, in the agent's group", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = await script(dir, "ids", `cut -d' ' -f1,5 /proc/$$/stat > "$HOOK_OUT/ids"`);
    const runner = new HookRunner({ logger: new Logger(new MemorySink(), "debug"), setsid: null });
    const result = await runner.run({
      interfaceName: "eth0",
      script: path,
      env: { HOOK_OUT: dir },
    });
    assert.equal(result.exitCode, 0);
    const [pid, pgid] = (await Deno.readTextFile(`${dir}/ids`)).trim().split(" ");
    assert.notEqual(pgid, pid);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a background child holding the output open does not hold up the queue", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = await script(
      dir,
      "daemonish",
      `sleep 1000 &\necho $! > "$HOOK_OUT/child"\necho started`,
    );
    const sink = new MemorySink();
    const runner = new HookRunner({ logger: new Logger(sink, "debug"), drainMs: 100 });
    const result = await runner.run({
      interfaceName: "eth0",
      script: path,
      env: { HOOK_OUT: dir },
    });
    assert.equal(result.exitCode, 0);
    assert.equal(result.timedOut, false);
    assert.ok(sink.lines.some((l) => l.message === "hook eth0 stdout: started"));
    Deno.kill(Number((await Deno.readTextFile(`${dir}/child`)).trim()), "SIGKILL");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a hook flooding its output: a few lines logged, the rest counted, killed at the timeout", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const yes = await script(dir, "yes", `echo $$ > "$HOOK_OUT/pid"\nexec yes`);
    const zero = await script(dir, "zero", "exec cat /dev/zero");
    const sink = new MemorySink();
    const runner = new HookRunner({
      logger: new Logger(sink, "debug"),
      timeoutMs: 1000,
      maxLoggedLines: 5,
    });
    const result = await runner.run({ interfaceName: "eth0", script: yes, env: { HOOK_OUT: dir } });
    assert.equal(result.timedOut, true);
    const output = sink.lines.filter((l) => l.message.startsWith("hook eth0 stdout: "));
    assert.deepEqual(output.map((l) => l.message), Array(5).fill("hook eth0 stdout: y"));
    const summary = sink.lines.find((l) => l.message.includes("output beyond 5 lines not logged"));
    assert.ok(summary !== undefined, sink.lines.map((l) => l.message).join("\n"));
    assert.ok(Number(/: (\d+) bytes$/.exec(summary.message)?.[1]) > 0, summary.message);
    // Killed with its process group: the script (now `yes`) is gone.
    const pid = (await Deno.readTextFile(`${dir}/pid`)).trim();
    assert.ok(
      !(await Deno.stat(`/proc/${pid}`).then(() => true, () => false)) ||
        (await Deno.readTextFile(`/proc/${pid}/stat`)).split(") ")[1]!.startsWith("Z"),
    );

    // One endless line: logged once, cut at MAX_LINE bytes, with the count of the rest.
    sink.lines.length = 0;
    assert.equal(
      (await runner.run({ interfaceName: "eth0", script: zero, env: {} })).timedOut,
      true,
    );
    const lines = sink.lines.filter((l) => l.message.startsWith("hook eth0 stdout: "));
    assert.equal(lines.length, 1);
    assert.match(lines[0]!.message, /\[line cut at 4096 bytes: \d+ more not logged\]$/);
    assert.deepEqual(runner.counters("eth0"), { run: 2, failed: 2, timedOut: 2 });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("behind a hook that hangs, runs wait up to a bound and the oldest are skipped", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = await script(
      dir,
      "hook",
      `echo "$N" >> "$HOOK_OUT/ran"\nif [ "$N" = 0 ]; then sleep 100; fi`,
    );
    const sink = new MemorySink();
    const runner = new HookRunner({
      logger: new Logger(sink, "debug"),
      timeoutMs: 1000,
      maxQueuedRuns: 2,
    });
    const runs = [0, 1, 2, 3, 4].map((n) =>
      runner.run({ interfaceName: "eth0", script: path, env: { N: String(n), HOOK_OUT: dir } })
    );
    const results = await Promise.all(runs);
    assert.deepEqual(results.map((r) => r.timedOut), [true, false, false, false, false]);
    assert.deepEqual(results.map((r) => r.error?.startsWith("skipped") ?? false), [
      false,
      true,
      true,
      false,
      false,
    ]);
    assert.equal(await Deno.readTextFile(`${dir}/ran`), "0\n3\n4\n");
    assert.equal(
      sink.lines.filter((l) => l.level === "warn" && /skipped/.test(l.message)).length,
      2,
    );
    assert.deepEqual(runner.counters("eth0"), { run: 5, failed: 3, timedOut: 1 });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
