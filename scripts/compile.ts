/**
 * Builds the single edge6 binary with `deno compile`, the V8 flags of
 * config/v8-flags baked in.
 *
 *   deno task compile       dist/edge6 for this machine
 *   deno task compile:all   dist/edge6-x86_64-linux, dist/edge6-aarch64-linux
 *                           and dist/SHA256SUMS
 *
 * `deno compile` needs Deno's `denort` runtime of the same version for each
 * target, which it downloads on first use. Offline, point it at a copy:
 * DENORT_BIN for this machine's target, DENORT_BIN_X86_64 and
 * DENORT_BIN_AARCH64 for `--all`. When no runtime can be had, this says so in
 * one line (the whole output of deno is kept in dist/compile.log) and exits 1.
 * @module
 */
import { parseArgs } from "node:util";
import { readV8Flags, v8FlagsArgument } from "./v8_flags.ts";

const ROOT = new URL("../", import.meta.url).pathname;

/** A Linux target edge6 is built for. */
export interface Target {
  /** Rust target triple, as `deno compile --target` takes it. */
  readonly triple: string;
  /** The output's suffix in `--all` builds, and the Debian architecture. */
  readonly arch: "x86_64" | "aarch64";
  /** Environment variable naming a denort for this target (besides DENORT_BIN). */
  readonly denortVariable: string;
}

/** The targets of `compile:all`. */
export const TARGETS: readonly Target[] = [
  { triple: "x86_64-unknown-linux-gnu", arch: "x86_64", denortVariable: "DENORT_BIN_X86_64" },
  { triple: "aarch64-unknown-linux-gnu", arch: "aarch64", denortVariable: "DENORT_BIN_AARCH64" },
];

/** The target of the machine this runs on. */
export function hostTarget(): Target {
  const t = TARGETS.find((x) => x.arch === Deno.build.arch && Deno.build.os === "linux");
  if (t === undefined) throw new Error(`edge6 is built for Linux; this is ${Deno.build.target}`);
  return t;
}

/** The `deno compile` argument vector for `target`, writing `output`. */
export function compileArgs(target: Target, flags: readonly string[], output: string): string[] {
  return [
    "compile",
    "-A",
    ...v8FlagsArgument(flags),
    "--target",
    target.triple,
    "--output",
    output,
    `${ROOT}main.ts`,
  ];
}

/**
 * The denort to use for `target`, from the environment: its own variable,
 * else DENORT_BIN when `target` is this machine's. Undefined: let deno
 * download it.
 */
export function denortFor(
  target: Target,
  env: (name: string) => string | undefined,
): string | undefined {
  return env(target.denortVariable) ??
    (target.arch === hostTarget().arch ? env("DENORT_BIN") : undefined);
}

/** The one line said when deno could not get its runtime. */
export function noRuntimeLine(target: Target): string {
  return `compile: deno compile needs Deno's runtime 'denort' ${Deno.version.deno} for ${target.triple}, ` +
    `which it downloads from Deno's servers, out of reach here; set ${
      target.arch === hostTarget().arch ? "DENORT_BIN" : target.denortVariable
    }=/path/to/denort (the same version) to compile offline`;
}

/** True when deno's output says the runtime could not be fetched (not a compile error). */
export function isRuntimeUnavailable(output: string): boolean {
  return /error sending request|dns error|failed to lookup address|Could not find denort|denort/i
    .test(output) && !/error: (TS|Module not found|Uncaught)/.test(output);
}

/** Runs deno compile for one target; resolves to an error line, or undefined on success. */
async function compileOne(
  target: Target,
  output: string,
  log: string[],
): Promise<string | undefined> {
  const flags = await readV8Flags();
  const denort = denortFor(target, (n) => Deno.env.get(n));
  // The inherited DENORT_BIN is this machine's runtime: never hand it to another target.
  const { DENORT_BIN: _host, ...env } = Deno.env.toObject();
  Object.assign(env, { DENO_NO_UPDATE_CHECK: "1", NO_COLOR: "1" });
  if (denort !== undefined) env.DENORT_BIN = denort;
  const args = compileArgs(target, flags, output);
  const out = await new Deno.Command(Deno.execPath(), {
    args,
    env,
    clearEnv: true,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder().decode(out.stdout) + new TextDecoder().decode(out.stderr);
  log.push(`$ deno ${args.join(" ")}${denort ? ` (DENORT_BIN=${denort})` : ""}`, text);
  if (out.success) return undefined;
  const plain = text;
  if (isRuntimeUnavailable(plain)) return noRuntimeLine(target);
  return `compile: deno compile failed for ${target.triple}: ${
    plain.split("\n").find((l) => l.includes("error")) ?? plain.trim().split("\n")[0]
  } (see dist/compile.log)`;
}

/** `sha256sum`-format lines for `files` (paths relative to `dir`). */
export async function sha256Sums(dir: string, files: readonly string[]): Promise<string> {
  const lines: string[] = [];
  for (const f of files) {
    const digest = await crypto.subtle.digest("SHA-256", await Deno.readFile(`${dir}/${f}`));
    const hex = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
    lines.push(`${hex}  ${f}`);
  }
  return lines.join("\n") + "\n";
}

if (import.meta.main) {
  const { values } = parseArgs({ args: Deno.args, options: { all: { type: "boolean" } } });
  const dist = `${ROOT}dist`;
  await Deno.mkdir(dist, { recursive: true });
  const log: string[] = [];
  const builds = values.all
    ? TARGETS.map((t) => [t, `edge6-${t.arch}-linux`] as const)
    : [[hostTarget(), "edge6"] as const];
  let failed = false;
  for (const [target, name] of builds) {
    const error = await compileOne(target, `${dist}/${name}`, log);
    if (error !== undefined) {
      console.error(error);
      failed = true;
      continue;
    }
    const size = (await Deno.stat(`${dist}/${name}`)).size;
    console.log(`compile: dist/${name} (${target.triple}, ${(size / 2 ** 20).toFixed(1)} MiB)`);
  }
  await Deno.writeTextFile(`${dist}/compile.log`, log.join("\n"));
  if (failed) Deno.exit(1);
  if (values.all) {
    await Deno.writeTextFile(
      `${dist}/SHA256SUMS`,
      await sha256Sums(dist, builds.map(([, n]) => n)),
    );
    console.log("compile: dist/SHA256SUMS");
  }
}
