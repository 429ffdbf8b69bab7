/**
 * Running clients in the benchmark's router namespace: starting one and
 * waiting for the router to be configured, stopping everything it started,
 * putting the router back as it was, and timing short commands.
 * @module
 */
import { exec } from "../../src/agent/lab/exec.ts";
import type { KernelWatch } from "./kernel_watch.ts";

/** How long a client may take to configure the router before the run counts as timed out. */
export const CONFIGURE_TIMEOUT_MS = 15_000;

/** Resolves after `ms` milliseconds. */
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Every process in `ns` but `except`. */
export async function pidsIn(ns: string, except: readonly number[] = []): Promise<number[]> {
  const out = await exec("ip", ["netns", "pids", ns]);
  return out.stdout.split(/\s+/).filter((p) => p !== "").map(Number).filter((p) =>
    !except.includes(p)
  );
}

/** Kills every process in `ns` but `except`, and waits for `child`. */
export async function killAll(ns: string, child: Deno.ChildProcess, except: readonly number[]) {
  for (const pid of await pidsIn(ns, except)) {
    try {
      Deno.kill(pid, "SIGKILL");
    } catch {
      // gone
    }
  }
  await child.status;
}

/** Removes what a client installed, so that the next one starts from a bare router. */
export async function flushRouter(ns: string, devs: readonly string[]): Promise<void> {
  for (const dev of devs) {
    await exec("ip", ["-n", ns, "-6", "addr", "flush", "dev", dev, "scope", "global"]);
  }
  await exec("ip", ["-n", ns, "-6", "route", "flush", "type", "unreachable"]);
}

/** A started client, configured or not. */
export interface Started {
  /** Spawn to configured router, ms; undefined when it did not configure it in time. */
  readonly ms: number | undefined;
  readonly child: Deno.ChildProcess;
}

/** Starts `argv` in `ns` and waits until `configured` holds for the kernel's addresses. */
export async function startAndWait(
  ns: string,
  argv: readonly string[],
  watch: KernelWatch,
  configured: (present: ReadonlyMap<string, readonly string[]>) => boolean,
  verbose: boolean,
): Promise<Started> {
  watch.clear();
  const t0 = performance.now();
  const child = new Deno.Command("ip", {
    args: ["netns", "exec", ns, ...argv],
    stdin: "null",
    stdout: verbose ? "inherit" : "null",
    stderr: verbose ? "inherit" : "null",
  }).spawn();
  const at = await watch.until(configured, CONFIGURE_TIMEOUT_MS);
  return { ms: at === undefined ? undefined : at - t0, child };
}

/** WAN address (IA_NA) on every upstream, and `lans` LAN addresses on lan0. */
export function routerConfigured(wans: readonly string[], lans: number) {
  return (present: ReadonlyMap<string, readonly string[]>) =>
    wans.every((w) => (present.get(w) ?? []).some((a) => a.startsWith("2001:db8:1:"))) &&
    (present.get("lan0") ?? []).length >= lans;
}

/** Wall time from spawn to exit of `argv`, ms. */
export async function timeCommand(argv: readonly string[], ns?: string): Promise<number> {
  const full = ns === undefined ? argv : ["ip", "netns", "exec", ns, ...argv];
  const t0 = performance.now();
  const out = await new Deno.Command(full[0]!, {
    args: full.slice(1),
    stdin: "null",
    stdout: "null",
    stderr: "null",
  }).output();
  const ms = performance.now() - t0;
  if (!out.success) throw new Error(`${argv.join(" ")} exited ${out.code}`);
  return ms;
}
