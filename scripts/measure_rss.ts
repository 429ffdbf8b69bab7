/**
 * Measures the resident memory of an idle agent (`deno run … main.ts run`)
 * under several V8 flag sets, to choose the flags baked into the binary and
 * the wrapper (config/v8-flags). The agent runs in a throwaway network
 * namespace on a veth with no server behind it, so it sits soliciting with
 * its back-off, as a router waiting for its ISP does; VmRSS and VmHWM are
 * read from /proc after the wait. Needs root.
 *
 *   deno run -A scripts/measure_rss.ts [--seconds 20] [--rounds 3]
 *
 * A benchmark, not a test: machines are shared and noisy, so it prints the
 * median of each flag set and asserts nothing.
 * @module
 */
import { parseArgs } from "node:util";
import { createTopology } from "../src/agent/lab/netns.ts";
import { readV8Flags } from "./v8_flags.ts";
import { sendControlRequest } from "../src/agent/control_client.ts";

const MAIN = new URL("../main.ts", import.meta.url).pathname;

/** The flag sets compared; "chosen" is config/v8-flags. */
async function flagSets(): Promise<[string, string[]][]> {
  return [
    ["none", []],
    ["--max-old-space-size=64", ["--max-old-space-size=64"]],
    ["--single-threaded-gc", ["--single-threaded-gc"]],
    ["--lite-mode --max-semi-space-size=1", ["--lite-mode", "--max-semi-space-size=1"]],
    ["--max-semi-space-size=1", ["--max-semi-space-size=1"]],
    ["--lite-mode", ["--lite-mode"]],
    ["chosen (config/v8-flags)", await readV8Flags()],
  ];
}

function kib(status: string, field: string): number {
  return Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? NaN);
}

async function measureOnce(
  flags: string[],
  seconds: number,
  requests: number,
): Promise<[number, number, number, number]> {
  const topology = await createTopology({ tag: "rss", lans: 0 });
  const dir = await Deno.makeTempDir({ prefix: "edge6-rss-" });
  try {
    const config = `${dir}/edge6.toml`;
    await Deno.writeTextFile(
      config,
      `[global]\nduid_file = "${dir}/duid"\nstate_dir = "${dir}/state"\n` +
        `control_socket = "${dir}/edge6.sock"\n\n[interface.wan0]\n` +
        `[[interface.wan0.ia_na]]\niaid = 1\n[[interface.wan0.ia_pd]]\niaid = 2\n`,
    );
    const v8 = flags.length === 0 ? [] : [`--v8-flags=${flags.join(",")}`];
    const child = new Deno.Command("ip", {
      args: [
        "netns",
        "exec",
        topology.routerNs,
        Deno.execPath(),
        "run",
        ...v8,
        "-A",
        "--cached-only",
        MAIN,
        "run",
        "-c",
        config,
      ],
      stdin: "null",
      stdout: "null",
      stderr: "null",
    }).spawn();
    await new Promise((r) => setTimeout(r, seconds * 1000));
    const status = await Deno.readTextFile(`/proc/${child.pid}/status`);
    const threads = kib(status.replace(/^Threads:\s+(\d+)$/m, "Threads: $1 kB"), "Threads");
    // Then some work: status requests over the control socket, as a monitoring poll makes.
    for (let i = 0; i < requests; i++) {
      await sendControlRequest(`${dir}/edge6.sock`, { command: "status" });
    }
    await new Promise((r) => setTimeout(r, 2000));
    const after = await Deno.readTextFile(`/proc/${child.pid}/status`);
    child.kill("SIGUSR1");
    await child.status;
    return [kib(status, "VmRSS"), kib(status, "VmHWM"), threads, kib(after, "VmRSS")];
  } finally {
    await topology.destroy();
    await Deno.remove(dir, { recursive: true });
  }
}

if (import.meta.main) {
  const { values } = parseArgs({
    args: Deno.args,
    options: {
      seconds: { type: "string", default: "20" },
      rounds: { type: "string", default: "3" },
      requests: { type: "string", default: "2000" },
    },
  });
  const seconds = Number(values.seconds);
  const rounds = Number(values.rounds);
  const requests = Number(values.requests);
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  console.log(
    `idle agent, ${seconds} s after start, median of ${rounds} (deno ${Deno.version.deno})`,
  );
  console.log(
    "flags".padEnd(36) + `idle RSS MiB  idle HWM MiB  threads  RSS after ${requests} status`,
  );
  for (const [name, flags] of await flagSets()) {
    const runs: [number, number, number, number][] = [];
    for (let i = 0; i < rounds; i++) runs.push(await measureOnce(flags, seconds, requests));
    const rss = median(runs.map((r) => r[0])) / 1024;
    const hwm = median(runs.map((r) => r[1])) / 1024;
    const threads = median(runs.map((r) => r[2]));
    const loaded = median(runs.map((r) => r[3])) / 1024;
    console.log(
      `${name.padEnd(36)}${rss.toFixed(1).padStart(12)}  ${hwm.toFixed(1).padStart(12)}  ${
        String(threads).padStart(7)
      }  ${loaded.toFixed(1).padStart(10)}`,
    );
  }
}
