/**
 * `deno task bench:lab`: edge6 beside WIDE dhcp6c and dhcpcd, on the same
 * Kea in throwaway network namespaces (as `edge6 lab` builds them), and
 * beside a bare Deno process doing the least the same step needs. A
 * benchmark, not a test: it asserts nothing and prints one Markdown table,
 * with the date, the machine and its load (the machines are shared: read the
 * ratios, which are taken within one run).
 *
 *   deno task bench:lab [--runs 9] [--idle 10] [--flood 60000]
 *                       [--skip peers,memory,flood,commands,scale,pd]
 *                       [--v8-flags FLAG,…] [--edge6 EXECUTABLE | --modules] [--phases]
 *
 * Measured (issue 11):
 * - spawn to configured router: from starting the client to the moment both
 *   its WAN address and its LAN address are in the kernel (rapid commit, no
 *   initial delay where the client has a setting), median and spread of N;
 * - idle RSS and anonymous RSS of each client (every process it runs),
 *   `--idle` seconds after it configured the router, and of a bare Deno
 *   process idling on a timer with the same V8 flags;
 * - edge6's RSS before and after `--flood` hostile datagrams, and whether its
 *   lease was touched;
 * - `edge6 --version`, `check` and `status` beside a bare `deno run` hello;
 * - 32 upstream interfaces against one Kea, and 1, 8 and 64 IA_PDs on one.
 *
 * edge6 runs as install.sh's wrapper runs it: `deno run` of the one-file
 * bundle (`deno task bundle`) with the V8 flags of config/v8-flags when that
 * file exists; `--modules` runs main.ts and its modules instead, `--edge6` a
 * given executable (a compiled edge6).
 *
 * Needs root, iproute2 and Kea; peers not installed are skipped with a line
 * saying so (`install.sh --bench-peers` installs them).
 * @module
 */
import { parseArgs } from "node:util";
import { createTopology, removeStaleNetns, type Topology } from "../src/agent/lab/netns.ts";
import { haveKea, type KeaServer, startKea } from "../src/agent/lab/kea.ts";
import { execOk } from "../src/agent/lab/exec.ts";
import {
  type BenchClient,
  type ClientSetup,
  dhcp6cClient,
  dhcpcdClient,
  edge6Client,
} from "./bench/clients.ts";
import { KernelWatch } from "./bench/kernel_watch.ts";
import { type Memory, memoryOf } from "./bench/proc_memory.ts";
import { formatMiB, formatMs, formatRatio, markdownTable, median } from "./bench/stats.ts";
import { bundle } from "./bundle.ts";
import {
  flushRouter,
  killAll,
  pidsIn,
  routerConfigured,
  sleep,
  startAndWait,
  timeCommand,
} from "./bench/lab_runs.ts";
import { floodFigures, phaseLog, prefixFigures, scaleFigures } from "./bench/sections.ts";

const ROOT = new URL("../", import.meta.url).pathname;
const IDLE_SCRIPT = `${ROOT}scripts/bench/idle_deno.ts`;
const HELLO_SCRIPT = `${ROOT}scripts/bench/hello_deno.ts`;
const FLOOD_SCRIPT = `${ROOT}scripts/bench/flood_sender.ts`;
const FLOOR_SCRIPT = `${ROOT}scripts/bench/floor_deno.ts`;
const FLOOR_COMMAND = `${ROOT}scripts/bench/floor_command.ts`;

/** The V8 flags of config/v8-flags, when the file exists (one per line, '#' comments). */
async function configuredV8Flags(): Promise<string[]> {
  try {
    const text = await Deno.readTextFile(`${ROOT}config/v8-flags`);
    return text.split("\n").map((l) => l.replace(/#.*/, "").trim()).filter((l) => l !== "");
  } catch {
    return [];
  }
}

/** The machine, for the table's heading. */
async function machineLine(): Promise<string> {
  const cpuinfo = await Deno.readTextFile("/proc/cpuinfo");
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? "unknown CPU";
  const mem = /^MemTotal:\s+(\d+)/m.exec(await Deno.readTextFile("/proc/meminfo"))?.[1];
  return `${model}, ${navigator.hardwareConcurrency} cores, ${
    Math.round(Number(mem) / 1024 / 1024)
  } GiB, Linux ${Deno.osRelease()}, Deno ${Deno.version.deno}`;
}

async function loadAverage(): Promise<string> {
  return (await Deno.readTextFile("/proc/loadavg")).split(" ").slice(0, 3).join(" ");
}

interface Row {
  readonly measure: string;
  readonly cells: readonly string[];
}

/** The usage, as the documentation comment above gives it. */
const USAGE = `Usage: deno task bench:lab [--runs 9] [--idle 10] [--flood 60000]
                          [--skip peers,memory,flood,commands,scale,pd]
                          [--v8-flags FLAG,…] [--edge6 EXECUTABLE | --modules] [--phases] [--verbose]
Prints one Markdown table: edge6 beside WIDE dhcp6c, dhcpcd and a bare Deno process on Kea in
throwaway network namespaces (needs root and Kea; install.sh --bench-peers installs the peers).
`;

/** Reads the command line; throws a TypeError naming an unknown or malformed option. */
function parseOptions() {
  return parseArgs({
    args: Deno.args,
    options: {
      runs: { type: "string", default: "9" },
      idle: { type: "string", default: "10" },
      flood: { type: "string", default: "60000" },
      skip: { type: "string", default: "" },
      "v8-flags": { type: "string" },
      edge6: { type: "string" },
      modules: { type: "boolean" },
      phases: { type: "boolean" },
      verbose: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
}

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseOptions();
  } catch (error) {
    console.error(`bench:lab: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values } = parsed;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const runs = Number(values.runs);
  const idleMs = Number(values.idle) * 1000;
  const floodCount = Number(values.flood);
  const skip = new Set(values.skip.split(",").filter((s) => s !== ""));
  const verbose = values.verbose ?? false;
  if (Deno.uid() !== 0) {
    console.error("bench:lab: needs root (it creates network namespaces)");
    return 1;
  }
  if (!haveKea()) {
    console.error("bench:lab: kea-dhcp6 not found; install.sh installs it");
    return 1;
  }
  const v8Flags = values["v8-flags"] !== undefined
    ? values["v8-flags"].split(",").filter((f) => f !== "")
    : await configuredV8Flags();
  const v8 = v8Flags.length > 0 ? [`--v8-flags=${v8Flags.join(",")}`] : [];
  const deno = Deno.execPath();
  const dir = await Deno.makeTempDir({ prefix: "edge6-bench-" });
  // As install.sh's wrapper runs it: the one-file bundle; --modules: main.ts and its modules.
  let entry = `${ROOT}main.ts`;
  if (values.edge6 === undefined && !values.modules) {
    entry = `${dir}/edge6.js`;
    try {
      await bundle(entry);
    } catch (error) {
      await Deno.remove(dir, { recursive: true });
      throw error;
    }
  }
  const edge6Argv = values.edge6 !== undefined
    ? [values.edge6]
    : [deno, "run", ...v8, "-A", "--quiet", "--cached-only", entry];
  const edge6 = edge6Client({ argv: edge6Argv });
  const clients: BenchClient[] = [edge6];
  const notes: string[] = [];
  for (const peer of skip.has("peers") ? [] : [dhcp6cClient, dhcpcdClient]) {
    const why = peer.unavailable();
    if (why === undefined) clients.push(peer);
    else notes.push(`${peer.name} skipped: ${why}`);
  }
  for (const n of notes) console.error(`bench:lab: ${n}`);
  await execOk(deno, [
    "cache",
    "--quiet",
    `${ROOT}main.ts`,
    IDLE_SCRIPT,
    FLOOD_SCRIPT,
    FLOOR_SCRIPT,
    FLOOR_COMMAND,
  ]);

  const started = new Date();
  const loadBefore = await loadAverage();
  const rows: Row[] = [];
  const names = [...clients.map((c) => c.name), "bare Deno"];
  await removeStaleNetns();
  let topology: Topology | undefined;
  let kea: KeaServer | undefined;
  let watch: KernelWatch | undefined;
  const say = (line: string) => console.error(`bench:lab: ${line}`);
  try {
    topology = await createTopology({ tag: "bench", lans: 1 });
    const ns = topology.routerNs;
    kea = await startKea(topology.serverNs, `${dir}/kea`, {
      interfaceName: topology.serverIf,
      rapidCommit: true,
      validLifetime: 600,
      preferredLifetime: 540,
      renewTimer: 300,
      rebindTimer: 480,
    });
    watch = await KernelWatch.start(ns);
    const setupOf = (client: BenchClient): ClientSetup => ({
      dir: `${dir}/${client.name.replaceAll(" ", "_")}`,
      wans: [topology!.wanIf],
      lan: topology!.lanIfs[0]!,
    });
    for (const c of clients) await Deno.mkdir(setupOf(c).dir, { recursive: true });
    const configured = routerConfigured([topology.wanIf], 1);
    const once = async (client: BenchClient, keep = false) => {
      const setup = setupOf(client);
      await client.forget(setup);
      await flushRouter(ns, [topology!.wanIf, ...topology!.lanIfs]);
      const argv = await client.prepare(setup);
      const s = await startAndWait(ns, argv, watch!, configured, verbose);
      if (!keep) await killAll(ns, s.child, [watch!.pid]);
      return s;
    };

    // 1. Spawn to configured router, the clients in turn so that drifts in load hit all alike.
    const times = new Map<string, number[]>(names.map((n) => [n, []]));
    const failed = new Map<string, number>();
    for (let r = 0; r < runs; r++) {
      say(`spawn to configured router: round ${r + 1} of ${runs}`);
      for (const client of clients) {
        const { ms } = await once(client);
        if (ms === undefined) failed.set(client.name, (failed.get(client.name) ?? 0) + 1);
        else times.get(client.name)!.push(ms);
      }
      times.get("bare Deno")!.push(
        await timeCommand([deno, "run", ...v8, "--quiet", "--cached-only", HELLO_SCRIPT], ns),
      );
    }
    const timeMedian = (n: string) => median(times.get(n)!);
    rows.push({
      measure: `spawn to configured router, median (min–max) of ${runs}`,
      cells: names.map((n) =>
        n === "bare Deno"
          ? `${formatMs(times.get(n)!)} (start to exit of a hello)`
          : formatMs(times.get(n)!) + (failed.has(n) ? `, ${failed.get(n)} timed out` : "")
      ),
    });

    // 2. Idle memory, 3. the flood, 4. the short commands (while edge6 idles, bound).
    const memory = new Map<string, Memory>();
    let flood: { before: Memory; after: Memory; settled: Memory; line: string } | undefined;
    const commandTimes = new Map<string, number[]>();
    let floorMemory: Memory | undefined;
    if (!skip.has("memory")) {
      for (const client of clients) {
        say(`idle memory: ${client.name}`);
        const s = await once(client, true);
        await sleep(idleMs);
        const pids = await pidsIn(ns, [watch.pid]);
        memory.set(client.name, await memoryOf(pids));
        if (client === edge6 && !skip.has("flood") && s.ms !== undefined) {
          say(`flood of ${floodCount} hostile datagrams`);
          flood = await floodFigures(topology, setupOf(edge6), pids, floodCount);
        }
        if (client === edge6 && !skip.has("commands")) {
          say("short commands");
          const setup = setupOf(edge6);
          const floorArgv = [deno, "run", ...v8, "-A", "--quiet", "--cached-only", FLOOR_COMMAND];
          const argvs: [string, string[]][] = [
            ["deno run hello.ts", [deno, "run", ...v8, "--quiet", "--cached-only", HELLO_SCRIPT]],
            ["edge6 --version", [...edge6Argv, "--version"]],
            ["edge6 check FILE", [...edge6Argv, "check", `${setup.dir}/edge6.toml`]],
            ["edge6 status", [...edge6Argv, "status", "-s", `${setup.dir}/edge6.sock`]],
            ["floor check", [...floorArgv, "check", `${setup.dir}/edge6.toml`]],
            ["floor status", [...floorArgv, "status", `${setup.dir}/edge6.sock`]],
          ];
          for (let r = 0; r < runs + 1; r++) {
            for (const [name, argv] of argvs) {
              const ms = await timeCommand(argv);
              if (r > 0) commandTimes.set(name, [...(commandTimes.get(name) ?? []), ms]);
            }
          }
        }
        await killAll(ns, s.child, [watch.pid]);
      }
      say("idle memory: bare Deno");
      const bare = new Deno.Command("ip", {
        args: ["netns", "exec", ns, deno, "run", ...v8, "--quiet", "--cached-only", IDLE_SCRIPT],
        stdin: "null",
        stdout: "null",
        stderr: "null",
      }).spawn();
      await sleep(idleMs);
      memory.set("bare Deno", await memoryOf([bare.pid]));
      await killAll(ns, bare, [watch.pid]);
      say("idle memory: bare Deno doing the agent's system work");
      const floor = new Deno.Command("ip", {
        args: [
          "netns",
          "exec",
          ns,
          deno,
          "run",
          ...v8,
          "-A",
          "--quiet",
          "--cached-only",
          FLOOR_SCRIPT,
          dir,
        ],
        stdin: "null",
        stdout: "null",
        stderr: "null",
      }).spawn();
      await sleep(idleMs);
      floorMemory = await memoryOf([floor.pid]);
      await killAll(ns, floor, [watch.pid]);
      rows.push({
        measure: `idle RSS, ${idleMs / 1000} s after configuring (bare Deno: idling on a timer)`,
        cells: names.map((n) => formatMiB(memory.get(n)?.rss)),
      });
      rows.push({
        measure: "idle anonymous RSS",
        cells: names.map((n) => formatMiB(memory.get(n)?.anon)),
      });
    }

    // The ratio columns: edge6 to each other column.
    const ratios = (pick: (n: string) => number | undefined) =>
      names.slice(1).map((n) => formatRatio(pick("edge6"), pick(n)));
    const header = [
      "measure",
      ...names,
      ...names.slice(1).map((n) => `edge6 ÷ ${n}`),
    ];
    const tableRows = rows.map((r, i) => {
      const pick = i === 0
        ? timeMedian
        : i === 1
        ? (n: string) => memory.get(n)?.rss
        : (n: string) => memory.get(n)?.anon;
      return [r.measure, ...r.cells, ...ratios(pick)];
    });
    const blank = names.slice(1).map(() => "");
    if (flood !== undefined) {
      tableRows.push([
        `RSS before → after ${floodCount} hostile datagrams → 5 s later (${flood.line})`,
        `${formatMiB(flood.before.rss)} → ${formatMiB(flood.after.rss)} → ${
          formatMiB(flood.settled.rss)
        }`,
        ...names.slice(1).map(() => "—"),
        ...blank,
      ]);
    }
    if (floorMemory !== undefined) {
      const one = memory.get("edge6");
      tableRows.push([
        "idle RSS (anonymous) of a bare Deno doing the agent's system work (scripts/bench/floor_deno.ts): the floor",
        `${formatMiB(one?.rss)} (${formatMiB(one?.anon)})`,
        ...names.slice(1, -1).map(() => "—"),
        `${formatMiB(floorMemory.rss)} (${formatMiB(floorMemory.anon)})`,
        ...names.slice(1, -1).map(() => ""),
        formatRatio(one?.rss, floorMemory.rss),
      ]);
    }
    const hello = commandTimes.get("deno run hello.ts");
    for (const [name, ms] of commandTimes) {
      if (name === "deno run hello.ts" || name.startsWith("floor ")) continue;
      tableRows.push([
        `\`${name}\`, wall, median (min–max) of ${runs}; bare: \`deno run hello.ts\``,
        formatMs(ms),
        ...names.slice(1, -1).map(() => "—"),
        formatMs(hello ?? []),
        ...names.slice(1, -1).map(() => ""),
        formatRatio(median(ms), hello === undefined ? undefined : median(hello)),
      ]);
      const floor = commandTimes.get(name.replace("edge6 ", "floor ").replace(" FILE", ""));
      if (floor === undefined) continue;
      tableRows.push([
        `… and bare Deno doing the same (scripts/bench/floor_command.ts ${
          name.replace("edge6 ", "")
        })`,
        formatMs(ms),
        ...names.slice(1, -1).map(() => "—"),
        formatMs(floor),
        ...names.slice(1, -1).map(() => ""),
        formatRatio(median(ms), median(floor)),
      ]);
    }
    await watch.stop();
    watch = undefined;
    await kea.stop();
    kea = undefined;
    await topology.destroy();
    topology = undefined;

    // 5. Scale: 32 upstreams, and 1, 8, 64 IA_PDs on one.
    if (!skip.has("scale")) {
      say("32 upstream interfaces");
      const scale = await scaleFigures(
        edge6,
        32,
        dir,
        Math.max(3, Math.ceil(runs / 3)),
        idleMs,
        verbose,
      );
      const one = memory.get("edge6");
      tableRows.push([
        `32 upstream interfaces (IA_NA + IA_PD each) on one Kea: spawn to all bound, median (min–max) of ${scale.times.length}`,
        formatMs(scale.times),
        ...names.slice(1).map(() => "—"),
        ...blank,
      ]);
      tableRows.push([
        "32 upstream interfaces: idle RSS (anonymous), and above one interface",
        `${formatMiB(scale.memory.rss)} (${formatMiB(scale.memory.anon)}), +${
          formatMiB(one === undefined ? undefined : scale.memory.rss - one.rss)
        }`,
        ...names.slice(1).map(() => "—"),
        ...blank,
      ]);
    }
    if (!skip.has("pd")) {
      for (const count of [1, 8, 64]) {
        say(`${count} IA_PD on one upstream`);
        const pd = await prefixFigures(edge6, count, dir, Math.max(3, Math.ceil(runs / 3)));
        tableRows.push([
          `${count} IA_PD (each a LAN address) on one upstream: spawn to all installed, median (min–max) of ${pd.length}; per IA`,
          `${formatMs(pd)}; ${(median(pd) / count).toFixed(1)} ms`,
          ...names.slice(1).map(() => "—"),
          ...blank,
        ]);
      }
    }

    const loadAfter = await loadAverage();
    console.log(
      [
        `bench:lab, ${started.toISOString().slice(0, 16).replace("T", " ")} UTC`,
        `machine: ${await machineLine()}`,
        `load average (1, 5, 15 min): ${loadBefore} at the start, ${loadAfter} at the end`,
        `edge6: ${edge6Argv.map((a) => a.replace(ROOT, "").replace(dir, "$TMP")).join(" ")}`,
        ...notes,
        "",
        markdownTable(header, tableRows),
        "",
      ].join("\n"),
    );
    if (values.phases) console.log(await phaseLog(edge6, dir));
    return 0;
  } finally {
    await watch?.stop();
    await kea?.stop();
    await topology?.destroy();
    await Deno.remove(dir, { recursive: true }).catch(() => {});
  }
}

if (import.meta.main) Deno.exit(await main());
