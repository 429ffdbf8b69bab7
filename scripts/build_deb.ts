/**
 * Builds dist/edge6_VERSION_ARCH.deb with dpkg-deb (`deno task deb`): a
 * package that needs no network at install or run time.
 *
 * - Where the single binary can be compiled (scripts/compile.ts; Deno's
 *   denort runtime reachable or given in DENORT_BIN), /usr/bin/edge6 is that
 *   binary.
 * - Otherwise /usr/lib/edge6 holds the pinned Deno runtime (from the npm
 *   package @deno/linux-<arch>-glibc, the same one install.sh uses), the
 *   project's runtime sources and a Deno cache with their dependencies, and
 *   /usr/bin/edge6 is a small script that starts it offline with the V8
 *   flags of config/v8-flags.
 *
 * Either way the package carries the systemd unit (not enabled),
 * /etc/edge6/edge6.toml.example (a conffile), the edge6(8) man page and
 * /usr/share/doc/edge6.
 *
 *   deno task deb [--arch amd64|arm64] [--runtime compiled|deno]
 * @module
 */
import { parseArgs } from "node:util";
import { VERSION } from "../src/version.ts";
import { readV8Flags } from "./v8_flags.ts";

const ROOT = new URL("../", import.meta.url).pathname;

/** Debian architectures and their Deno/npm names. */
export const ARCHES = {
  amd64: { npm: "@deno/linux-x64-glibc", triple: "x86_64-unknown-linux-gnu", compiled: "x86_64" },
  arm64: {
    npm: "@deno/linux-arm64-glibc",
    triple: "aarch64-unknown-linux-gnu",
    compiled: "aarch64",
  },
} as const;

/** A Debian architecture edge6 is packaged for. */
export type DebArch = keyof typeof ARCHES;

/** Where the Deno-runtime layout lives in the package. */
export const LIB = "/usr/lib/edge6";

/** The Deno version install.sh pins (and the package ships). */
export async function pinnedDenoVersion(): Promise<string> {
  const m = /^DENO_VERSION="([0-9.]+)"$/m.exec(await Deno.readTextFile(`${ROOT}install.sh`));
  if (!m) throw new Error("install.sh does not pin DENO_VERSION");
  return m[1]!;
}

/** This machine's Debian architecture. */
export function hostArch(): DebArch {
  return Deno.build.arch === "aarch64" ? "arm64" : "amd64";
}

async function run(
  program: string,
  args: string[],
  options: Deno.CommandOptions = {},
): Promise<string> {
  const out = await new Deno.Command(program, {
    args,
    stdout: "piped",
    stderr: "piped",
    ...options,
  })
    .output();
  const text = new TextDecoder().decode(out.stdout) + new TextDecoder().decode(out.stderr);
  if (!out.success) throw new Error(`${program} ${args.join(" ")} failed:\n${text.trim()}`);
  return text;
}

/** Where the Deno-runtime layout keeps Deno's caches (compiled modules and the like). */
export const CACHE = "/var/cache/edge6/deno";

/**
 * `/usr/bin/edge6` of the Deno-runtime layout: the cached project, offline.
 * Deno writes its own caches beside the npm packages it reads, so DENO_DIR
 * is a directory in /var/cache (recreated when missing, removed with the
 * package) whose `npm` links to the packaged dependencies; where it cannot
 * be made (another user, the read-only systemd sandbox), the packaged
 * directory itself is used and Deno keeps its caches in memory.
 */
export function wrapperScript(v8Flags: readonly string[]): string {
  const v8 = v8Flags.length === 0 ? "" : ` --v8-flags=${v8Flags.join(",")}`;
  return `#!/bin/sh
# edge6: the project and its dependencies are in ${LIB}, with the Deno
# runtime that runs them; nothing is fetched. V8 flags: config/v8-flags.
cache=${CACHE}
if [ ! -e "$cache/npm" ]; then
  mkdir -p "$cache" 2>/dev/null && ln -sfn ${LIB}/deno-dir/npm "$cache/npm" 2>/dev/null
fi
[ -e "$cache/npm" ] || cache=${LIB}/deno-dir
# EDGE6_ARGV0: the name it was started under (dhcp6c, through a symlink).
EDGE6_ARGV0="$0" DENO_DIR=$cache DENO_NO_UPDATE_CHECK=1 DENO_NO_PROMPT=1 \
  exec ${LIB}/deno run${v8} -A --quiet --cached-only --config ${LIB}/app/deno.json \
  ${LIB}/app/main.ts "$@"
`;
}

/** The package's deno.json: the runtime imports only, no lock file (the tree is read-only). */
export function packageDenoJson(projectJson: string, sources: readonly string[]): string {
  const project = JSON.parse(projectJson) as {
    compilerOptions?: unknown;
    imports?: Record<string, string>;
  };
  const used = Object.fromEntries(
    Object.entries(project.imports ?? {}).filter(([name]) =>
      sources.some((s) => s.includes(`from "${name}"`))
    ),
  );
  return JSON.stringify(
    { compilerOptions: project.compilerOptions, imports: used, lock: false },
    null,
    2,
  ) +
    "\n";
}

/** True for a source file the agent runs: no tests, benchmarks, test helpers or test data. */
export function isRuntimeSource(path: string): boolean {
  return path.endsWith(".ts") && !/_(test|bench)\.ts$/.test(path) &&
    !/(^|\/)test_[^/]*\.ts$/.test(path) && !/(^|\/)testdata\//.test(path);
}

/** Files under `dir` (relative), recursively, sorted. */
async function walk(dir: string, prefix = ""): Promise<string[]> {
  const out: string[] = [];
  for await (const e of Deno.readDir(`${dir}/${prefix}`)) {
    const rel = prefix === "" ? e.name : `${prefix}/${e.name}`;
    if (e.isDirectory) out.push(...await walk(dir, rel));
    else out.push(rel);
  }
  return out.sort();
}

async function install(from: string, to: string, mode: number): Promise<void> {
  await Deno.mkdir(to.slice(0, to.lastIndexOf("/")), { recursive: true });
  await Deno.copyFile(from, to);
  await Deno.chmod(to, mode);
}

async function writeFile(to: string, text: string | Uint8Array, mode: number): Promise<void> {
  await Deno.mkdir(to.slice(0, to.lastIndexOf("/")), { recursive: true });
  if (typeof text === "string") await Deno.writeTextFile(to, text);
  else await Deno.writeFile(to, text);
  await Deno.chmod(to, mode);
}

async function gzip(path: string): Promise<void> {
  await run("gzip", ["-9n", path]);
}

/** The Deno binary of `version` for `arch`: this one if it matches, else from the npm registry. */
async function denoRuntime(arch: DebArch, version: string, work: string): Promise<string> {
  if (arch === hostArch() && Deno.version.deno === version) return Deno.execPath();
  const spec = `${ARCHES[arch].npm}@${version}`;
  const tgz = (await run("npm", ["pack", "--silent", spec], { cwd: work })).trim().split("\n").at(
    -1,
  )!;
  await run("tar", ["-xzf", `${work}/${tgz}`, "-C", work]);
  return `${work}/package/deno`;
}

/** Tries to compile the binary for `arch`; its path, or undefined (with the reason). */
async function compiled(arch: DebArch): Promise<{ path?: string; reason?: string }> {
  const all = arch !== hostArch();
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", `${ROOT}scripts/compile.ts`, ...(all ? ["--all"] : [])],
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (!out.success) {
    return { reason: new TextDecoder().decode(out.stderr).trim().split("\n").at(-1) ?? "" };
  }
  return { path: `${ROOT}dist/${all ? `edge6-${ARCHES[arch].compiled}-linux` : "edge6"}` };
}

const CONTROL_SCRIPTS = {
  postinst: `#!/bin/sh
set -e
# The unit is installed, not enabled: the operator writes /etc/edge6/edge6.toml
# (from edge6.toml.example) and runs: systemctl enable --now edge6
if [ "$1" = configure ] && [ -d /run/systemd/system ]; then
  systemctl daemon-reload >/dev/null 2>&1 || true
fi
exit 0
`,
  prerm: `#!/bin/sh
set -e
# Stop a running agent before its files go (it releases its leases, unless
# release_on_stop = false).
if [ "$1" = remove ] && [ -d /run/systemd/system ]; then
  systemctl stop edge6.service >/dev/null 2>&1 || true
fi
exit 0
`,
  postrm: `#!/bin/sh
set -e
if [ -d /run/systemd/system ]; then
  systemctl daemon-reload >/dev/null 2>&1 || true
fi
# Deno's caches go with the program.
if [ "$1" = remove ] || [ "$1" = purge ]; then
  rm -rf /var/cache/edge6
fi
# Purge removes what the agent created: its DUID, saved leases, status file.
if [ "$1" = purge ]; then
  rm -rf /var/lib/edge6 /run/edge6
fi
exit 0
`,
};

/** DEP-5 copyright file from LICENSE. */
function copyright(license: string): string {
  const body = license.split("\n").slice(3).join("\n").trim().split("\n")
    .map((l) => (l === "" ? " ." : ` ${l}`)).join("\n");
  return `Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: edge6

Files: *
Copyright: the edge6 authors
License: BSD-2-Clause

License: BSD-2-Clause
${body}
`;
}

/** Builds the package; resolves to its path. */
export async function buildDeb(
  options: { arch?: DebArch; runtime?: "compiled" | "deno"; outDir?: string } = {},
): Promise<{ path: string; layout: "compiled" | "deno"; note?: string }> {
  const arch = options.arch ?? hostArch();
  const outDir = options.outDir ?? `${ROOT}dist`;
  const work = await Deno.makeTempDir({ prefix: "edge6-deb-" });
  const stage = `${work}/root`;
  try {
    const flags = await readV8Flags();
    let layout: "compiled" | "deno" = "deno";
    let note: string | undefined;
    if (options.runtime !== "deno") {
      const c = await compiled(arch);
      if (c.path !== undefined) {
        await install(c.path, `${stage}/usr/bin/edge6`, 0o755);
        layout = "compiled";
      } else if (options.runtime === "compiled") {
        throw new Error(c.reason);
      } else {
        note = `${c.reason}; packaging the Deno runtime and the project instead`;
      }
    }
    const denoVersion = await pinnedDenoVersion();
    if (layout === "deno") {
      await install(await denoRuntime(arch, denoVersion, work), `${stage}${LIB}/deno`, 0o755);
      // The runtime sources: main.ts, src/ and ffi/ without tests and benchmarks.
      const sources = ["main.ts"];
      for (const dir of ["src", "ffi"]) {
        for (const f of await walk(`${ROOT}${dir}`)) {
          if (isRuntimeSource(f)) {
            sources.push(`${dir}/${f}`);
          }
        }
      }
      const texts: string[] = [];
      for (const s of sources) {
        await install(`${ROOT}${s}`, `${stage}${LIB}/app/${s}`, 0o644);
        texts.push(await Deno.readTextFile(`${ROOT}${s}`));
      }
      const denoJson = packageDenoJson(await Deno.readTextFile(`${ROOT}deno.json`), texts);
      await writeFile(`${stage}${LIB}/app/deno.json`, denoJson, 0o644);
      // Fill a cache with the dependencies, for the path they will have once installed.
      await Deno.mkdir(`${stage}${LIB}/deno-dir`, { recursive: true });
      await run(Deno.execPath(), [
        "cache",
        "--config",
        `${stage}${LIB}/app/deno.json`,
        `${stage}${LIB}/app/main.ts`,
      ], {
        env: { DENO_DIR: `${stage}${LIB}/deno-dir`, DENO_NO_UPDATE_CHECK: "1" },
      });
      // Only the registry downloads are needed; compiled-code caches are per path.
      for await (const e of Deno.readDir(`${stage}${LIB}/deno-dir`)) {
        if (e.name !== "npm") {
          await Deno.remove(`${stage}${LIB}/deno-dir/${e.name}`, { recursive: true });
        }
      }
      await writeFile(`${stage}/usr/bin/edge6`, wrapperScript(flags), 0o755);
    }
    // The unit, pointing at /usr/bin/edge6.
    const unit = (await Deno.readTextFile(`${ROOT}config/edge6.service`))
      .replace(/^ExecStart=\S+\/edge6 /m, "ExecStart=/usr/bin/edge6 ")
      // The first comment paragraph says how to install the file by hand.
      .replace(
        /^[^]*?\n#\n/,
        "# systemd unit for edge6, from the Debian package. Enable it with:\n" +
          "#   systemctl enable --now edge6\n#\n",
      );
    await writeFile(`${stage}/usr/lib/systemd/system/edge6.service`, unit, 0o644);
    await install(
      `${ROOT}config/edge6.example.toml`,
      `${stage}/etc/edge6/edge6.toml.example`,
      0o644,
    );
    await install(`${ROOT}docs/edge6.8`, `${stage}/usr/share/man/man8/edge6.8`, 0o644);
    await gzip(`${stage}/usr/share/man/man8/edge6.8`);
    const doc = `${stage}/usr/share/doc/edge6`;
    await writeFile(
      `${doc}/copyright`,
      copyright(await Deno.readTextFile(`${ROOT}LICENSE`)),
      0o644,
    );
    for (const f of ["README.md", "docs/migrating-from-dhcp6c.md"]) {
      await install(`${ROOT}${f}`, `${doc}/${f.slice(f.lastIndexOf("/") + 1)}`, 0o644);
    }
    await install(`${ROOT}config/hook.example.sh`, `${doc}/examples/hook.example.sh`, 0o755);
    // Control files.
    const files = await walk(stage);
    const sizeKiB = Math.ceil(
      (await Promise.all(files.map(async (f) => (await Deno.stat(`${stage}/${f}`)).size)))
        .reduce((a, b) => a + b, 0) / 1024,
    );
    const control = [
      "Package: edge6",
      `Version: ${VERSION}`,
      `Architecture: ${arch}`,
      "Maintainer: the edge6 authors <edge6@example.invalid>",
      `Installed-Size: ${sizeKiB}`,
      "Depends: libc6 (>= 2.27), libgcc-s1",
      "Recommends: util-linux",
      "Section: net",
      "Priority: optional",
      "Description: DHCPv6 client agent for Linux edge routers",
      " edge6 asks the ISP's DHCPv6 server (RFC 9915) for addresses and delegated",
      " prefixes, installs them in the kernel, gives LAN interfaces their subnets,",
      " keeps everything renewed and runs a hook script after each change. It",
      " reads an existing WIDE/OPNsense dhcp6c.conf as it is.",
      ` .`,
      layout === "compiled"
        ? " This package carries edge6 as one compiled executable."
        : ` This package carries Deno ${denoVersion} and the edge6 sources with their`,
      ...(layout === "compiled" ? [] : [` dependencies in ${LIB}; nothing is downloaded.`]),
      "",
    ].join("\n");
    await writeFile(`${stage}/DEBIAN/control`, control, 0o644);
    await writeFile(`${stage}/DEBIAN/conffiles`, "/etc/edge6/edge6.toml.example\n", 0o644);
    for (const [name, text] of Object.entries(CONTROL_SCRIPTS)) {
      await writeFile(`${stage}/DEBIAN/${name}`, text, 0o755);
    }
    await writeFile(`${stage}/DEBIAN/md5sums`, await run("md5sum", files, { cwd: stage }), 0o644);
    await Deno.mkdir(outDir, { recursive: true });
    const path = `${outDir}/edge6_${VERSION}_${arch}.deb`;
    // xz over ~100 MB takes every core for a while: at a low priority, so that
    // whatever else runs (a test suite's agents) keeps its timing.
    await run("nice", [
      "-n",
      "15",
      "dpkg-deb",
      "--root-owner-group",
      "-Zxz",
      "--build",
      stage,
      path,
    ]);
    return { path, layout, ...(note === undefined ? {} : { note }) };
  } finally {
    await Deno.remove(work, { recursive: true });
  }
}

if (import.meta.main) {
  const { values } = parseArgs({
    args: Deno.args,
    options: { arch: { type: "string" }, runtime: { type: "string" } },
  });
  const arch = (values.arch ?? hostArch()) as DebArch;
  if (!(arch in ARCHES)) {
    console.error(`deb: --arch ${arch}: expected ${Object.keys(ARCHES).join(" or ")}`);
    Deno.exit(2);
  }
  const runtime = values.runtime as "compiled" | "deno" | undefined;
  if (runtime !== undefined && runtime !== "compiled" && runtime !== "deno") {
    console.error(`deb: --runtime ${runtime}: expected compiled or deno`);
    Deno.exit(2);
  }
  try {
    const built = await buildDeb({ arch, ...(runtime ? { runtime } : {}) });
    if (built.note) console.log(`deb: ${built.note}`);
    const size = (await Deno.stat(built.path)).size / 2 ** 20;
    console.log(
      `deb: ${built.path.replace(ROOT, "")} (${built.layout} layout, ${size.toFixed(1)} MiB)`,
    );
  } catch (e) {
    console.error(`deb: ${(e as Error).message}`);
    Deno.exit(1);
  }
}
