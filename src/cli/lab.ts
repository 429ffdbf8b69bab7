/**
 * `edge6 lab`: edge6 working for real in one command. Creates a throwaway
 * pair of network namespaces joined by a veth (plus a LAN veth), starts ISC
 * Kea in one, runs the agent in the other, prints the lease as the agent put
 * it in the kernel (address, delegated prefix with its unreachable route, LAN
 * subnet, DNS servers, timers), and removes everything on exit.
 * @module
 */
import type { Command, CommandIo } from "./command.ts";
import {
  addDefaultRoute,
  createLanHost,
  createTopology,
  removeNetns,
  removeStaleNetns,
} from "../agent/lab/netns.ts";
import { haveKea, startKea } from "../agent/lab/kea.ts";
import { exec, execOk, haveProgram } from "../agent/lab/exec.ts";
import { selfCommand } from "./self_command.ts";
import { sendControlRequest } from "../agent/control_client.ts";
import { parseStatusDocument, type StatusInterface } from "../hooks/status_json.ts";
import { formatDuration } from "../hooks/status_text.ts";
import { parseCommandArgs } from "./parse_command_args.ts";

const OPTIONS = {
  duration: {
    type: "string",
    value: "S",
    text: "stop after S seconds (default: run until Ctrl-C)",
  },
  verbose: { type: "boolean", text: "show the agent's debug log" },
} as const;

/** The `lab` subcommand. */
export const labCommand: Command = {
  name: "lab",
  summary: "run edge6 against Kea in throwaway network namespaces",
  usage: ["edge6 lab [--duration S] [--verbose]"],
  description: `Shows edge6 at work without touching this machine's network: creates two
network namespaces joined by a veth pair, and a third for a LAN host behind
the router; runs ISC Kea as the DHCPv6 server in one and edge6 in the
other, prints the lease as edge6 installed it in the kernel (address,
delegated prefix, LAN subnet, DNS servers, timers) and what the LAN host
learned from edge6's Router Advertisements (its SLAAC address, default
route and DNS), and removes everything on exit.

Needs root, iproute2 and kea-dhcp6 (Debian: kea-dhcp6-server; install.sh
installs it); the host's DNS is read with rdisc6 (Debian: ndisc6) when present.`,
  options: OPTIONS,
  exitStatus: `0 once the lease was shown and the lab stopped, 1 if no lease came or
root or kea-dhcp6 is missing, 2 for a usage error.`,
  async run(args: string[], io: CommandIo): Promise<number> {
    const parsed = parseCommandArgs("lab", args, { options: OPTIONS }, io);
    if (parsed === undefined) return 2;
    const verbose = parsed.values.verbose ?? false;
    const duration = parsed.values.duration === undefined
      ? undefined
      : Number(parsed.values.duration);
    if (duration !== undefined && (!Number.isFinite(duration) || duration <= 0)) {
      io.err(
        `edge6 lab: --duration ${parsed.values.duration}: expected a positive number of seconds\n`,
      );
      return 2;
    }
    if (Deno.uid() !== 0) {
      io.err("edge6 lab: needs root (it creates network namespaces); try sudo\n");
      return 1;
    }
    if (!haveKea()) {
      io.err(
        "edge6 lab: kea-dhcp6 not found; install Debian's kea-dhcp6-server (install.sh does)\n",
      );
      return 1;
    }
    await removeStaleNetns();
    const dir = await Deno.makeTempDir({ prefix: "edge6-lab-" });
    const topology = await createTopology({ tag: "lab", lans: 1 });
    let host: string | undefined;
    let stop!: () => void;
    const stopped = new Promise<void>((resolve) => (stop = resolve));
    const onSignal = () => stop();
    Deno.addSignalListener("SIGINT", onSignal);
    Deno.addSignalListener("SIGTERM", onSignal);
    let agent: Deno.ChildProcess | undefined;
    let kea: Awaited<ReturnType<typeof startKea>> | undefined;
    try {
      io.out(
        `edge6 lab: server namespace ${topology.serverNs}, router namespace ${topology.routerNs}\n`,
      );
      host = await createLanHost(topology, 0);
      await addDefaultRoute(topology);
      io.out(`edge6 lab: LAN host namespace ${host} (SLAAC on host0)\n`);
      kea = await startKea(topology.serverNs, `${dir}/kea`, {
        interfaceName: topology.serverIf,
        validLifetime: 600,
        preferredLifetime: 540,
        renewTimer: 300,
        rebindTimer: 480,
      });
      io.out(
        "edge6 lab: Kea started (addresses 2001:db8:1::/64, prefixes /56 from 2001:db8:100::/40)\n",
      );
      const config = `${dir}/edge6.toml`;
      await Deno.writeTextFile(
        config,
        [
          "[global]",
          `duid_file = "${dir}/duid"`,
          `state_dir = "${dir}/state"`,
          `control_socket = "${dir}/edge6.sock"`,
          "",
          "[interface.wan0]",
          'request = ["dns-servers", "domain-list"]',
          "initial_delay = false",
          "",
          "[[interface.wan0.ia_na]]",
          "iaid = 1",
          "",
          "[[interface.wan0.ia_pd]]",
          "iaid = 2",
          "",
          "[[interface.wan0.ia_pd.delegate]]",
          `interface = "${topology.lanIfs[0]}"`,
          "sla_id = 1",
          "",
          `[lan.${topology.lanIfs[0]}]`,
          "max_interval = 30",
          "",
        ].join("\n"),
      );
      const self = selfCommand();
      agent = new Deno.Command("ip", {
        args: [
          "netns",
          "exec",
          topology.routerNs,
          ...self,
          "run",
          "-f",
          "-c",
          config,
          "-p",
          `${dir}/edge6.pid`,
          ...(verbose ? ["-D"] : ["-d"]),
        ],
        stdin: "null",
        stdout: "inherit",
        stderr: "inherit",
      }).spawn();
      io.out(`edge6 lab: edge6 started (pid ${agent.pid}); waiting for the lease…\n`);
      const agentExit = agent.status.then(() => stop());
      const bound = await waitBound(`${dir}/edge6.sock`, stopped);
      if (bound !== undefined) {
        io.out(await describe(topology.routerNs, bound));
        io.out(await describeHost(host));
        io.out(
          duration === undefined
            ? "edge6 lab: running; press Ctrl-C to release and clean up\n"
            : `edge6 lab: running for ${duration} s\n`,
        );
        let timer: ReturnType<typeof setTimeout> | undefined;
        if (duration !== undefined) timer = setTimeout(stop, duration * 1000);
        await stopped;
        clearTimeout(timer);
      }
      void agentExit;
      return bound === undefined ? 1 : 0;
    } finally {
      Deno.removeSignalListener("SIGINT", onSignal);
      Deno.removeSignalListener("SIGTERM", onSignal);
      if (agent !== undefined) {
        try {
          agent.kill("SIGTERM"); // release, as an operator's stop would
        } catch {
          // already exited
        }
        const timeout = setTimeout(() => {
          try {
            agent?.kill("SIGKILL");
          } catch {
            // already exited
          }
        }, 15_000);
        await agent.status;
        clearTimeout(timeout);
      }
      await kea?.stop();
      if (host !== undefined) await removeNetns(host);
      await topology.destroy();
      await Deno.remove(dir, { recursive: true }).catch(() => {});
      io.out("edge6 lab: removed the namespaces, veths and files\n");
    }
  },
};

/** Polls the agent's status until it is bound, or resolves undefined if stopped first. */
async function waitBound(
  socket: string,
  stopped: Promise<void>,
): Promise<StatusInterface | undefined> {
  let done = false;
  void stopped.then(() => (done = true));
  while (!done) {
    try {
      const r = await sendControlRequest(socket, { command: "status" });
      if (r.ok) {
        const doc = parseStatusDocument(r.status);
        const wan = doc.interfaces[0];
        if (wan !== undefined && wan.state === "bound" && wan.lan_subnets.length > 0) return wan;
      }
    } catch {
      // not listening yet
    }
    await Promise.race([new Promise((resolve) => setTimeout(resolve, 250)), stopped]);
  }
  return undefined;
}

/** The lease as the kernel holds it, with the options and timers from the agent. */
async function describe(ns: string, wan: StatusInterface): Promise<string> {
  const addrs = JSON.parse(
    await execOk("ip", ["-j", "-6", "addr", "show", "scope", "global"], ns),
  ) as {
    ifname: string;
    addr_info: {
      local: string;
      prefixlen: number;
      valid_life_time: number;
      preferred_life_time: number;
    }[];
  }[];
  const routes = JSON.parse(
    await execOk("ip", ["-j", "-6", "route", "show", "type", "unreachable"], ns),
  ) as {
    dst: string;
  }[];
  const lines = ["", "The lease, as installed in the kernel of the router namespace:"];
  for (const link of addrs) {
    for (const a of link.addr_info.filter((x) => x.local !== undefined)) {
      lines.push(
        `  ${link.ifname.padEnd(6)} ${
          `${a.local}/${a.prefixlen}`.padEnd(42)
        } valid ${a.valid_life_time}s, preferred ${a.preferred_life_time}s`,
      );
    }
  }
  for (const p of wan.prefixes) {
    const unreachable = routes.some((r) => r.dst === p.prefix);
    lines.push(
      `  delegated prefix ${p.prefix}${unreachable ? " (unreachable route installed)" : ""}`,
    );
  }
  for (const l of wan.lan_subnets) lines.push(`  LAN subnet ${l.subnet} on ${l.interface}`);
  if (wan.dns_servers.length > 0) lines.push(`  DNS servers ${wan.dns_servers.join(", ")}`);
  if (wan.domains.length > 0) lines.push(`  domains ${wan.domains.join(", ")}`);
  for (const ia of wan.ias) {
    lines.push(`  ${ia.type} ${ia.iaid}: T1 ${formatDuration(ia.t1)}, T2 ${formatDuration(ia.t2)}`);
  }
  if (wan.server) {
    lines.push(
      `  server ${wan.server.duid}${wan.server.address ? ` at ${wan.server.address}` : ""}`,
    );
  }
  return lines.join("\n") + "\n\n";
}

/**
 * The LAN host as its kernel configured itself from edge6's RAs: its SLAAC
 * addresses (waiting up to 10 s for one), its default route, and the DNS
 * it heard in RDNSS and DNSSL (read by soliciting with rdisc6).
 */
async function describeHost(ns: string): Promise<string> {
  const lines = [
    `The LAN host (namespace ${ns}), as it learned from edge6's Router Advertisements:`,
  ];
  type Addr = {
    local?: string;
    prefixlen?: number;
    valid_life_time?: number;
    preferred_life_time?: number;
  };
  let addrs: Addr[] = [];
  for (let i = 0; i < 50 && addrs.length === 0; i++) {
    const json = JSON.parse(
      await execOk("ip", ["-j", "-6", "addr", "show", "dev", "host0", "scope", "global"], ns),
    ) as { addr_info?: (Addr & { tentative?: boolean })[] }[];
    addrs = json.flatMap((l) => l.addr_info ?? []).filter((a) =>
      a.local !== undefined && !a.tentative
    );
    if (addrs.length === 0) await new Promise((resolve) => setTimeout(resolve, 200));
  }
  for (const a of addrs) {
    lines.push(
      `  host0  ${
        `${a.local}/${a.prefixlen}`.padEnd(42)
      } valid ${a.valid_life_time}s, preferred ${a.preferred_life_time}s (SLAAC)`,
    );
  }
  if (addrs.length === 0) lines.push("  no SLAAC address yet");
  const routes = JSON.parse(await execOk("ip", ["-j", "-6", "route", "show", "default"], ns)) as {
    gateway?: string;
    dev?: string;
  }[];
  for (const r of routes) lines.push(`  default route via ${r.gateway} dev ${r.dev}`);
  if (haveProgram("rdisc6") || haveProgram("/usr/bin/rdisc6")) {
    const heard = await exec("rdisc6", ["-1", "-n", "-w", "2000", "host0"], ns);
    const dns = [...heard.stdout.matchAll(/Recursive DNS server\s*:\s*(\S+)/g)].map((m) => m[1]!);
    const domains = [...heard.stdout.matchAll(/DNS search list\s*:\s*(.+)/g)].map((m) =>
      m[1]!.trim()
    );
    lines.push(`  DNS servers (RDNSS) ${dns.join(", ") || "none"}`);
    if (domains.length > 0) lines.push(`  domains (DNSSL) ${domains.join(", ")}`);
  } else {
    lines.push("  (install rdisc6, Debian's ndisc6, to see the DNS the host hears)");
  }
  return lines.join("\n") + "\n\n";
}
