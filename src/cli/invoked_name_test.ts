import assert from "node:assert/strict";
import { baseName, commandLine, firstArgument, invokedName } from "./invoked_name.ts";

const bytes = (text: string) => new TextEncoder().encode(text);
const noCmdline = () => {
  throw new Error("not read");
};

Deno.test("invoked name: the wrapper's $0 first, then a compiled binary's own argv[0]", () => {
  // install.sh's wrapper reached through a dhcp6c symlink, or as itself.
  assert.equal(
    invokedName({ argv0Env: "/usr/sbin/dhcp6c", standalone: false, cmdline: noCmdline }),
    "dhcp6c",
  );
  assert.equal(
    invokedName({ argv0Env: "/usr/local/bin/edge6", standalone: true, cmdline: noCmdline }),
    "edge6",
  );
  // A compiled edge6 started as dhcp6c, by path or by PATH lookup.
  const compiled = (cmdline: string) =>
    invokedName({ argv0Env: undefined, standalone: true, cmdline: () => bytes(cmdline) });
  assert.equal(compiled("/usr/sbin/dhcp6c\0-Pdefault\0eth0\0"), "dhcp6c");
  assert.equal(compiled("dhcp6c\0-c\0/etc/dhcp6c.conf\0"), "dhcp6c");
  assert.equal(compiled("./edge6\0run\0"), "edge6");
  // Under deno run, without the wrapper, argv[0] is deno's: edge6 it is.
  assert.equal(
    invokedName({ argv0Env: undefined, standalone: false, cmdline: noCmdline }),
    "edge6",
  );
  assert.equal(invokedName({ argv0Env: "", standalone: false, cmdline: noCmdline }), "edge6");
  // /proc not mounted: no name to go by.
  assert.equal(invokedName({ argv0Env: undefined, standalone: true, cmdline: noCmdline }), "edge6");
});

Deno.test("invoked name: /proc/self/cmdline's first argument and base names", () => {
  assert.equal(firstArgument(bytes("/usr/sbin/dhcp6c\0-f\0")), "/usr/sbin/dhcp6c");
  assert.equal(firstArgument(bytes("dhcp6c")), "dhcp6c");
  // This test runs under deno.
  assert.equal(baseName(firstArgument(Deno.readFileSync("/proc/self/cmdline"))), "deno");
  assert.equal(baseName("/usr/sbin/dhcp6c"), "dhcp6c");
  assert.equal(baseName("dhcp6c"), "dhcp6c");
});

Deno.test("invoked name: as dhcp6c, the arguments are edge6 run's", () => {
  assert.deepEqual(commandLine("dhcp6c", ["-Pdefault", "eth0"]), ["run", "-Pdefault", "eth0"]);
  assert.deepEqual(commandLine("dhcp6c", []), ["run"]);
  assert.deepEqual(commandLine("edge6", ["status", "--json"]), ["status", "--json"]);
  assert.deepEqual(commandLine("dhcp6c.distrib", ["-f"]), ["-f"]);
});

Deno.test("invoked name: install.sh's wrapper, and a dhcp6c symlink to it", async () => {
  const main = new URL("../../main.ts", import.meta.url).pathname;
  const dir = await Deno.makeTempDir();
  try {
    // The wrapper install.sh writes where deno compile cannot run.
    await Deno.writeTextFile(
      `${dir}/edge6`,
      `#!/bin/sh\nEDGE6_ARGV0="$0" exec "${Deno.execPath()}" run -A --cached-only "${main}" "$@"\n`,
      { mode: 0o755 },
    );
    await Deno.symlink(`${dir}/edge6`, `${dir}/dhcp6c`);
    const run = async (program: string, ...args: string[]) => {
      const out = await new Deno.Command(program, { args }).output();
      return { code: out.code, text: new TextDecoder().decode(out.stdout) };
    };
    const asDhcp6c = await run(`${dir}/dhcp6c`, "--help");
    assert.equal(asDhcp6c.code, 0);
    assert.match(asDhcp6c.text, /^Usage: edge6 run /);
    const asEdge6 = await run(`${dir}/edge6`, "--version");
    assert.equal(asEdge6.code, 0);
    assert.match(asEdge6.text, /^edge6 \d/);
    // A usage error under the dhcp6c name is run's.
    const bad = await new Deno.Command(`${dir}/dhcp6c`, { args: ["-i", "eth0"] }).output();
    assert.equal(bad.code, 2);
    assert.match(new TextDecoder().decode(bad.stderr), /^edge6 run: .*-i/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
