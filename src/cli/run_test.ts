import assert from "node:assert/strict";
import { absolutePath, DEFAULT_CONFIG, parseRunArgs, runCommand } from "./run.ts";
import { CONFIG_SEARCH } from "./config_search.ts";
import { selfCommand } from "./self_command.ts";
import { haveProgram } from "../agent/lab/exec.ts";
import { captureIo } from "./test_io.ts";

Deno.test("run: dhcp6c's flags", () => {
  assert.deepEqual(
    parseRunArgs(["-c", "/etc/x.conf", "-f", "-D", "-n", "-p", "/run/x.pid", "wan0"]),
    {
      configPath: "/etc/x.conf",
      foreground: true,
      verbosity: 2,
      noRelease: true,
      pidFile: "/run/x.pid",
      interfaces: ["wan0"],
    },
  );
  // No -c: the configuration is searched for (config_search.ts); no -f: daemon mode.
  assert.deepEqual(parseRunArgs([]), {
    foreground: false,
    verbosity: 0,
    noRelease: false,
    interfaces: [],
  });
  assert.equal(parseRunArgs(["-d"]).verbosity, 1);
  assert.equal(DEFAULT_CONFIG, CONFIG_SEARCH[0]);
});

Deno.test("run: bad usage is refused with the reason", () => {
  assert.throws(() => parseRunArgs(["-x"]), /-x/);
  assert.throws(() => parseRunArgs(["-c"]), /-c/);
  assert.throws(() => parseRunArgs(["a/b"]), /"a\/b" is not an interface name/);
});

Deno.test("run: start-up refusals are one line with what to do, before touching the system", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const config = `${dir}/edge6.toml`;
    await Deno.writeTextFile(config, "[interface.wan0]\nia_na = [{ iaid = 0 }]\n");
    // In the foreground, and in daemon mode, where the detached agent says it
    // and the command repeats its words and its status.
    for (const mode of [["-f"], []]) {
      const io = captureIo();
      assert.equal(await runCommand.run([...mode, "-c", config, "eth9"], io), 2);
      assert.equal(
        io.stderr,
        `edge6: eth9 is not configured in ${config} (it configures: wan0); name only configured interfaces, or none to run them all\n`,
      );
      const missing = captureIo();
      assert.equal(await runCommand.run([...mode, "-c", `${dir}/nope.toml`], missing), 1);
      assert.equal(
        missing.stderr,
        `edge6: ${dir}/nope.toml:1:1: cannot read the file: no such file (give the configuration, TOML or dhcp6c.conf, with -c FILE)\n`,
      );
      const directory = captureIo();
      assert.equal(await runCommand.run([...mode, "-c", dir], directory), 1);
      assert.equal(
        directory.stderr,
        `edge6: ${dir}:1:1: cannot read the file: it is a directory, expected a configuration file (give the configuration, TOML or dhcp6c.conf, with -c FILE)\n`,
      );
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("run: in daemon mode a relative -c is the file in the directory it was started from", async () => {
  const dir = await Deno.makeTempDir();
  const cwd = Deno.cwd();
  try {
    await Deno.writeTextFile(`${dir}/edge6.toml`, "[interface.wan0]\nia_na = [{ iaid = 0 }]\n");
    Deno.chdir(dir);
    const io = captureIo();
    assert.equal(await runCommand.run(["-c", "edge6.toml", "eth9"], io), 2);
    assert.match(io.stderr, new RegExp(`^edge6: eth9 is not configured in ${dir}/edge6\\.toml `));
  } finally {
    Deno.chdir(cwd);
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("run: --help says what -f changes and where the pid file goes", async () => {
  const io = captureIo();
  assert.equal(await (await import("./main.ts")).main(["run", "--help"], io), 0);
  assert.match(io.stdout, /-f +stay in the foreground and log to standard error\. Without -f,/);
  assert.match(
    io.stdout,
    /detaches \(a new session, standard streams\s+on\s+\/dev\/null\) and logs to syslog/,
  );
  assert.match(io.stdout, /default \/var\/run\/dhcp6c\.pid for a dhcp6c\.conf/);
  assert.match(
    io.stdout,
    /\/etc\/edge6\/edge6\.toml,\s+\/usr\/local\/etc\/dhcp6c\.conf,\s+\/etc\/wide-dhcpv6\/dhcp6c\.conf/,
  );
  assert.match(io.stdout, /^ +dhcp6c \[-c FILE\]/m);
});

Deno.test("run: -P PROFILE IFACE…, as Debian's dhcp6c", () => {
  assert.deepEqual(parseRunArgs(["-Pdefault", "eth0", "eth1"]), {
    foreground: false,
    verbosity: 0,
    noRelease: false,
    interfaces: ["eth0", "eth1"],
    profile: "default",
  });
  assert.throws(
    () => parseRunArgs(["-P", "default"]),
    /-P default needs the interfaces to run the profile on: edge6 run -P default IFACE…/,
  );
  assert.throws(() => parseRunArgs(["-P", "a b", "eth0"]), /"a b" is not a profile name/);
});

Deno.test("run: a profile-only file needs -P, and -P a profile it defines", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const config = `${dir}/dhcp6c.conf`;
    await Deno.writeTextFile(config, "profile default\n{\n  information-only;\n};\n");
    const none = captureIo();
    assert.equal(await runCommand.run(["-f", "-c", config, "eth0"], none), 1);
    assert.equal(
      none.stderr,
      `edge6: ${config}:1:1: no interface statement, only profile default: name the profile and the interfaces to run it on, as with Debian's dhcp6c: edge6 run -P default IFACE…\n`,
    );
    const wrong = captureIo();
    assert.equal(await runCommand.run(["-f", "-c", config, "-P", "dflt", "eth0"], wrong), 1);
    assert.match(wrong.stderr, /-P dflt: no profile "dflt" is defined \(defined: default\)/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test({
  name: "run: an agent that cannot leave its session says so in one line",
  ignore: !haveProgram("setsid"),
  async fn() {
    // Started as the detached agent, but already a session leader (setsid -w):
    // setsid(2) fails with EPERM.
    const [program, ...args] = selfCommand();
    const out = await new Deno.Command("setsid", {
      args: ["-w", program!, ...args, "run", "-c", "/nonexistent.toml"],
      env: { EDGE6_DETACHED: "1" },
      stdout: "piped",
      stderr: "piped",
    }).output();
    assert.equal(out.code, 1);
    assert.equal(
      new TextDecoder().decode(out.stderr),
      "edge6: cannot start the agent detached: setsid failed (EPERM: Operation not permitted); try -f\n",
    );
  },
});

Deno.test("absolutePath: relative paths join the working directory, . and .. resolved", () => {
  assert.equal(absolutePath("/etc/edge6.toml", "/root"), "/etc/edge6.toml");
  assert.equal(absolutePath("edge6.toml", "/root"), "/root/edge6.toml");
  assert.equal(absolutePath("./a/../b.pid", "/run/x/"), "/run/x/b.pid");
  assert.equal(absolutePath("../../../x", "/a"), "/x");
});
