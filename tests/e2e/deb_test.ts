/**
 * The Debian package, installed on this machine and removed again:
 * `deno task deb` builds it, `dpkg -i` installs it, `edge6 check` runs on the
 * shipped example as root and as `nobody` in a network namespace of its own
 * (no network at all: nothing may be fetched), then `dpkg -r` and `dpkg -P`
 * remove it, and the file system must be exactly as before.
 *
 * This installs into the real /usr: it refuses to run when an edge6 package
 * is already installed or one of its files exists, holds a lock so that two
 * test suites never install at once, purges the package in `finally` if
 * anything fails midway, and checks that the `edge6` command install.sh put
 * in /usr/local/bin is untouched. Needs root and dpkg; without them it is
 * skipped with a banner, unless EDGE6_REQUIRE_E2E=1.
 */
import assert from "node:assert/strict";
import { exec, haveProgram } from "../../src/agent/lab/exec.ts";
import { buildDeb } from "../../scripts/build_deb.ts";
import { VERSION } from "../../src/version.ts";

const required = Deno.env.get("EDGE6_REQUIRE_E2E") === "1";
const missing = ["dpkg", "dpkg-deb", "unshare", "setpriv"].filter((p) => !haveProgram(p));
const why = Deno.uid() !== 0
  ? "installing a package needs root"
  : missing.length > 0
  ? `${missing.join(", ")} not installed`
  : undefined;
if (why !== undefined && !required) {
  console.error(`\n!!! SKIPPED the Debian package test: ${why} !!!\n`);
}

/** Paths the package may create besides its own files (state, caches). */
const ALSO = ["/var/lib/edge6", "/var/cache/edge6", "/run/edge6", "/etc/edge6"];

async function ok(program: string, args: string[]): Promise<string> {
  // dpkg refuses at once when apt or another dpkg holds its lock: wait for it a little.
  for (let attempt = 0;; attempt++) {
    const r = await exec(program, args);
    if (r.code === 0) return r.stdout;
    if (/lock/i.test(r.stderr) && attempt < 30) {
      await new Promise((resolve) => setTimeout(resolve, 2000));
      continue;
    }
    throw new Error(`${program} ${args.join(" ")} exited ${r.code}: ${r.stderr.trim()}`);
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.lstat(path);
    return true;
  } catch {
    return false;
  }
}

/** Every path under `roots` that exists, sorted. */
async function snapshot(roots: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  const visit = async (p: string) => {
    let info: Deno.FileInfo;
    try {
      info = await Deno.lstat(p);
    } catch {
      return;
    }
    out.push(p);
    if (info.isDirectory) { for await (const e of Deno.readDir(p)) await visit(`${p}/${e.name}`); }
  };
  for (const r of roots) await visit(r);
  return out.sort();
}

async function sha256(path: string): Promise<string | undefined> {
  try {
    const d = await crypto.subtle.digest("SHA-256", await Deno.readFile(path));
    return [...new Uint8Array(d)].map((b) => b.toString(16).padStart(2, "0")).join("");
  } catch {
    return undefined;
  }
}

Deno.test({
  name: "deb: builds, installs, checks the example as root and as nobody offline, removes cleanly",
  ignore: why !== undefined && !required,
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    if (why !== undefined) throw new Error(`EDGE6_REQUIRE_E2E=1 but ${why}`);
    // One suite at a time may install the package on this machine.
    await Deno.mkdir("/run/lock", { recursive: true });
    const lock = await Deno.open("/run/lock/edge6-deb-test.lock", { create: true, write: true });
    await lock.lock(true);
    const dir = await Deno.makeTempDir({ prefix: "edge6-deb-" });
    let installed = false;
    try {
      const status = await exec("dpkg-query", ["-W", "-f=${Status}", "edge6"]);
      assert.ok(
        !status.stdout.includes("installed"),
        "an edge6 package is installed on this machine; this test will not replace it",
      );
      const built = await buildDeb({ outDir: dir });
      assert.equal(
        built.path,
        `${dir}/edge6_${VERSION}_${built.path.match(/_([a-z0-9]+)\.deb$/)![1]}.deb`,
      );
      console.log(
        `built ${built.path} (${built.layout} layout)${built.note ? `: ${built.note}` : ""}`,
      );
      // What the package holds, as absolute paths; its files must not exist yet.
      const listing = (await ok("dpkg-deb", ["-c", built.path])).trim().split("\n").map((l) => ({
        dir: l.startsWith("d"),
        path: l.slice(l.indexOf("./") + 1).replace(/\/$/, "").replace(/ -> .*$/, ""),
      })).filter((e) => e.path !== "");
      const files = listing.filter((e) => !e.dir).map((e) => e.path);
      const ownDirs: string[] = [];
      for (const e of listing) if (e.dir && !(await exists(e.path))) ownDirs.push(e.path);
      for (const f of files) {
        assert.ok(!(await exists(f)), `${f} exists before the package is installed`);
      }
      const roots = [...new Set([...files, ...ownDirs, ...ALSO])];
      const before = await snapshot(roots);
      console.log(`before dpkg -i: ${before.length} of the package's ${roots.length} paths exist`);
      const localEdge6 = await sha256("/usr/local/bin/edge6");

      installed = true;
      await ok("dpkg", ["-i", built.path]);
      const owned = (await ok("dpkg", ["-L", "edge6"])).trim().split("\n");
      for (const f of files) assert.ok(owned.includes(f) && await exists(f), `${f} installed`);
      console.log(
        `after dpkg -i: ${files.length} files in ${ownDirs.length} new directories, among them\n  ${
          files.filter((f) => !f.includes("/app/") && !f.includes("/deno-dir/")).join("\n  ")
        }`,
      );
      for (
        const f of [
          "/usr/bin/edge6",
          "/usr/lib/systemd/system/edge6.service",
          "/etc/edge6/edge6.toml.example",
          "/usr/share/man/man8/edge6.8.gz",
          "/usr/share/doc/edge6/copyright",
        ]
      ) assert.ok(await exists(f), `${f} is in the package`);
      // Installed, not enabled.
      assert.ok(!(await exists("/etc/systemd/system/multi-user.target.wants/edge6.service")));
      const unit = await Deno.readTextFile("/usr/lib/systemd/system/edge6.service");
      assert.match(
        unit,
        /^ExecStart=\/usr\/bin\/edge6 run -f -c \/etc\/edge6\/edge6\.toml -p \/run\/edge6\/edge6\.pid$/m,
      );
      assert.match(unit, /^# systemd unit for edge6, from the Debian package/);

      const version = await ok("/usr/bin/edge6", ["--version"]);
      assert.match(version, new RegExp(`^edge6 ${VERSION.replaceAll(".", "\\.")} \\(deno `));
      const example = "/etc/edge6/edge6.toml.example";
      const asRoot = await exec("unshare", ["-n", "--", "/usr/bin/edge6", "check", example]);
      assert.equal(asRoot.code, 0, asRoot.stderr);
      assert.match(asRoot.stdout, /^wan0: /m);
      const asNobody = await exec("unshare", [
        "-n",
        "--",
        "setpriv",
        "--reuid=nobody",
        "--regid=nogroup",
        "--clear-groups",
        "/usr/bin/edge6",
        "check",
        example,
      ]);
      assert.equal(asNobody.code, 0, asNobody.stderr);
      assert.equal(asNobody.stdout, asRoot.stdout);
      assert.equal(asNobody.stderr, asRoot.stderr, "no warnings about caches it cannot write");

      await ok("dpkg", ["-r", "edge6"]);
      assert.ok(await exists(example), "dpkg -r keeps the conffile");
      assert.ok(!(await exists("/usr/bin/edge6")), "dpkg -r removes the program");
      await ok("dpkg", ["-P", "edge6"]);
      installed = false;
      const after = await snapshot(roots);
      console.log(
        `after dpkg -P: ${
          after.length === 0 ? "none of the package's paths exist" : after.join(" ")
        }`,
      );
      assert.deepEqual(after, before, "dpkg -P leaves the file system as it was");
      assert.equal(
        await sha256("/usr/local/bin/edge6"),
        localEdge6,
        "install.sh's edge6 untouched",
      );
    } finally {
      if (installed) await exec("dpkg", ["-P", "edge6"]);
      await Deno.remove(dir, { recursive: true }).catch(() => {});
      await lock.unlock();
      lock.close();
    }
  },
});
