/**
 * The lab benchmark's sections that need a setting of their own: the flood
 * against a bound agent, 32 upstream interfaces, 1/8/64 IA_PDs, and one
 * `-D` run for the start-up timeline.
 * @module
 */
import { createTopology, type Topology } from "../../src/agent/lab/netns.ts";
import { type KeaServer, startKea } from "../../src/agent/lab/kea.ts";
import { execOk } from "../../src/agent/lab/exec.ts";
import { sendControlRequest } from "../../src/agent/control_client.ts";
import { parseStatusDocument } from "../../src/hooks/status_json.ts";
import type { BenchClient, ClientSetup } from "./clients.ts";
import { KernelWatch } from "./kernel_watch.ts";
import { type Memory, memoryOf } from "./proc_memory.ts";
import { createScaleTopology } from "./scale_topology.ts";
import { flushRouter, killAll, pidsIn, routerConfigured, sleep, startAndWait } from "./lab_runs.ts";

const FLOOD_SCRIPT = new URL("./flood_sender.ts", import.meta.url).pathname;

/** Floods the bound agent from the server namespace; its memory before, after and settled. */
export async function floodFigures(
  topology: Topology,
  setup: ClientSetup,
  pids: readonly number[],
  count: number,
) {
  const wan = JSON.parse(
    await execOk(
      "ip",
      ["-j", "-6", "addr", "show", "dev", topology.wanIf, "scope", "global"],
      topology.routerNs,
    ),
  ) as { addr_info?: { local?: string }[] }[];
  const target = wan.flatMap((l) => l.addr_info ?? []).find((a) => a.local !== undefined)?.local;
  if (target === undefined) throw new Error("the bound agent has no WAN address to flood");
  const kernelBefore = await execOk(
    "ip",
    ["-6", "addr", "show", "scope", "global"],
    topology.routerNs,
  );
  const dropped = async () => {
    const r = await sendControlRequest(`${setup.dir}/edge6.sock`, { command: "status" });
    if (!r.ok) throw new Error(r.error);
    const wan0 = parseStatusDocument(r.status).interfaces[0]!;
    return {
      state: wan0.state,
      dropped: Object.values(wan0.counters.dropped).reduce((a, b) => a + b, 0),
    };
  };
  const statusBefore = await dropped();
  const before = await memoryOf(pids);
  const out = await execOk(
    "ip",
    [
      "netns",
      "exec",
      topology.serverNs,
      Deno.execPath(),
      "run",
      "-A",
      "--unstable-net",
      "--quiet",
      "--cached-only",
      FLOOD_SCRIPT,
      "--to",
      target,
      "--count",
      String(count),
    ],
  );
  const sent = JSON.parse(out) as { sent: number; ms: number };
  await sleep(500);
  const after = await memoryOf(pids);
  await sleep(5000);
  const settled = await memoryOf(pids);
  const statusAfter = await dropped();
  const kernelAfter = await execOk(
    "ip",
    ["-6", "addr", "show", "scope", "global"],
    topology.routerNs,
  );
  const untouched = statusAfter.state === statusBefore.state &&
    strip(kernelAfter) === strip(kernelBefore);
  return {
    before,
    after,
    settled,
    line: `sent in ${sent.ms} ms, ${
      statusAfter.dropped - statusBefore.dropped
    } reached the engine and were dropped; lease ${untouched ? "untouched" : "CHANGED"}`,
  };
}

/** `ip addr` output without the lifetimes, which tick. */
function strip(text: string): string {
  return text.replace(/valid_lft \S+ preferred_lft \S+/g, "");
}

/** edge6 on `links` upstreams: spawn to all bound, `rounds` times, then its idle memory. */
export async function scaleFigures(
  edge6: BenchClient,
  links: number,
  dir: string,
  rounds: number,
  idleMs: number,
  verbose: boolean,
): Promise<{ times: number[]; memory: Memory }> {
  const scaleDir = `${dir}/scale`;
  await Deno.mkdir(scaleDir, { recursive: true });
  const topology = await createScaleTopology(links, scaleDir);
  let kea: KeaServer | undefined;
  let watch: KernelWatch | undefined;
  try {
    kea = await startKea(topology.serverNs, `${scaleDir}/kea`, {
      interfaceName: topology.serverIfs[0]!,
      moreInterfaces: topology.serverIfs.slice(1),
      rapidCommit: true,
      validLifetime: 600,
    });
    watch = await KernelWatch.start(topology.routerNs);
    const setup: ClientSetup = { dir: scaleDir, wans: topology.wanIfs };
    const configured = (present: ReadonlyMap<string, readonly string[]>) =>
      topology.wanIfs.every((w) =>
        (present.get(w) ?? []).some((a) =>
          a.startsWith("2001:db8:1:") || a.startsWith("2001:db8:1::")
        )
      );
    const times: number[] = [];
    let memory: Memory = { rss: NaN, anon: NaN, peak: NaN, processes: 0 };
    for (let r = 0; r < rounds; r++) {
      await edge6.forget(setup);
      await flushRouter(topology.routerNs, topology.wanIfs);
      const s = await startAndWait(
        topology.routerNs,
        await edge6.prepare(setup),
        watch,
        configured,
        verbose,
      );
      if (s.ms !== undefined) times.push(s.ms);
      if (r === rounds - 1) {
        await sleep(idleMs);
        memory = await memoryOf(await pidsIn(topology.routerNs, [watch.pid]));
      }
      await killAll(topology.routerNs, s.child, [watch.pid]);
    }
    return { times, memory };
  } finally {
    await watch?.stop();
    await kea?.stop();
    await topology.destroy();
  }
}

/** edge6 with `count` IA_PDs, each giving lan0 an address: spawn to all installed, `rounds` times. */
export async function prefixFigures(
  edge6: BenchClient,
  count: number,
  dir: string,
  rounds: number,
): Promise<number[]> {
  const pdDir = `${dir}/pd${count}`;
  await Deno.mkdir(pdDir, { recursive: true });
  const topology = await createTopology({ tag: "bench", lans: 1 });
  let kea: KeaServer | undefined;
  let watch: KernelWatch | undefined;
  try {
    kea = await startKea(topology.serverNs, `${pdDir}/kea`, {
      interfaceName: topology.serverIf,
      rapidCommit: true,
      validLifetime: 600,
    });
    watch = await KernelWatch.start(topology.routerNs);
    const setup: ClientSetup = { dir: pdDir, wans: [topology.wanIf], lan: "lan0", prefixes: count };
    const times: number[] = [];
    for (let r = 0; r < rounds; r++) {
      await edge6.forget(setup);
      await flushRouter(topology.routerNs, [topology.wanIf, "lan0"]);
      const s = await startAndWait(
        topology.routerNs,
        await edge6.prepare(setup),
        watch,
        routerConfigured([topology.wanIf], count),
        false,
      );
      if (s.ms !== undefined) times.push(s.ms);
      await killAll(topology.routerNs, s.child, [watch.pid]);
    }
    return times;
  } finally {
    await watch?.stop();
    await kea?.stop();
    await topology.destroy();
  }
}

/** One edge6 run with -D, its phase lines (milliseconds since process start). */
export async function phaseLog(edge6: BenchClient, dir: string): Promise<string> {
  const phaseDir = `${dir}/phases`;
  await Deno.mkdir(phaseDir, { recursive: true });
  const topology = await createTopology({ tag: "bench", lans: 1 });
  let kea: KeaServer | undefined;
  try {
    kea = await startKea(topology.serverNs, `${phaseDir}/kea`, {
      interfaceName: topology.serverIf,
      rapidCommit: true,
      validLifetime: 600,
    });
    const setup: ClientSetup = {
      dir: phaseDir,
      wans: [topology.wanIf],
      lan: "lan0",
      verbose: true,
    };
    const argv = await edge6.prepare(setup);
    const child = new Deno.Command("ip", {
      args: ["netns", "exec", topology.routerNs, ...argv],
      stdin: "null",
      stdout: "null",
      stderr: "piped",
    }).spawn();
    await sleep(3000);
    child.kill("SIGUSR1");
    const log = new TextDecoder().decode((await child.output()).stderr);
    return [
      "edge6 -D, phases (ms since process start):",
      ...log.split("\n").filter((l) =>
        Deno.env.get("BENCH_FULL_LOG") !== undefined || /start-up:/.test(l)
      ),
    ].join("\n");
  } finally {
    await kea?.stop();
    await topology.destroy();
  }
}
