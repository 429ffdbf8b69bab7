/**
 * The end-to-end harness: a throwaway topology (server and router namespaces,
 * veths), a real DHCPv6 server (ISC Kea, or wide-dhcpv6's dhcp6s) in the
 * server namespace, edge6 run as a separate process in the router namespace,
 * and readers for what the kernel holds (`ip -j`) and what the server leased.
 * Everything made is removed in `close()`, and leftovers of dead runs are
 * removed first.
 */
import assert from "node:assert/strict";
import {
  addDefaultRoute,
  createLanHost,
  createTopology,
  removeNetns,
  removeStaleNetns,
  type Topology,
} from "../../src/agent/lab/netns.ts";
import { haveKea, type KeaOptions, type KeaServer, startKea } from "../../src/agent/lab/kea.ts";
import { exec, execOk, haveProgram } from "../../src/agent/lab/exec.ts";
import { parseV8Flags, V8_FLAGS_FILE, v8FlagsArgument } from "../../scripts/v8_flags.ts";

const ROOT = new URL("../../", import.meta.url).pathname;
/** The agent runs with the V8 flags it ships with (config/v8-flags). */
const V8_FLAGS = v8FlagsArgument(parseV8Flags(Deno.readTextFileSync(V8_FLAGS_FILE)));

/**
 * Why the suite cannot run here, or undefined when it can. With
 * EDGE6_REQUIRE_E2E=1 (CI) a reason is a failure, not a skip.
 */
export function e2eUnavailable(needs: "kea" | "dhcp6s" = "kea"): string | undefined {
  if (Deno.build.os !== "linux") return "end-to-end tests need Linux network namespaces";
  if (Deno.uid() !== 0) return "end-to-end tests need root (network namespaces, veths)";
  if (!haveProgram("ip") && !haveProgram("/usr/sbin/ip")) return "iproute2 (`ip`) is not installed";
  if (needs === "kea" && !haveKea()) return "ISC Kea (kea-dhcp6) is not installed";
  if (needs === "dhcp6s" && !haveProgram("dhcp6s") && !haveProgram("/usr/sbin/dhcp6s")) {
    return "wide-dhcpv6's dhcp6s is not installed";
  }
  return undefined;
}

/**
 * `Deno.test` for an end-to-end scenario: skipped loudly when the machine
 * cannot run it, failed instead when EDGE6_REQUIRE_E2E=1.
 */
export function e2eTest(
  name: string,
  fn: () => Promise<void>,
  needs: "kea" | "dhcp6s" = "kea",
): void {
  const why = e2eUnavailable(needs);
  const required = Deno.env.get("EDGE6_REQUIRE_E2E") === "1";
  if (why !== undefined && !required) {
    console.error(`\n!!! SKIPPED end-to-end test "${name}": ${why} !!!\n`);
    Deno.test({ name: `e2e: ${name} (SKIPPED: ${why})`, ignore: true, fn() {} });
    return;
  }
  Deno.test({
    name: `e2e: ${name}`,
    sanitizeOps: false,
    sanitizeResources: false,
    async fn() {
      if (why !== undefined) throw new Error(`EDGE6_REQUIRE_E2E=1 but ${why}`);
      await cacheDependencies();
      await fn();
    },
  });
}

let cached: Promise<void> | undefined;

/**
 * Fills Deno's cache for main.ts (once per test process), outside the
 * namespaces: processes inside them have no route to the package registry.
 */
function cacheDependencies(): Promise<void> {
  cached ??= execOk(Deno.execPath(), ["cache", `${ROOT}main.ts`]).then(() => {});
  return cached;
}

/** An address as `ip -j -6 addr` shows it. */
export interface KernelAddress {
  /** The address, in IPv6 text form. */
  readonly address: string;
  /** Its prefix length. */
  readonly prefixLength: number;
  /** "global" or "link" as `ip` prints it. */
  readonly scope: string;
  /** Seconds of valid lifetime left (4294967295: forever). */
  readonly validLifetime: number;
  /** Seconds of preferred lifetime left; 0 once deprecated. */
  readonly preferredLifetime: number;
  /** DAD has not finished yet. */
  readonly tentative: boolean;
  /** DAD found a duplicate. */
  readonly dadFailed: boolean;
  /** Installed without an on-link prefix route (IFA_F_NOPREFIXROUTE). */
  readonly noPrefixRoute: boolean;
}

/** The IPv6 addresses of `dev` in `ns`. */
export async function kernelAddresses(ns: string, dev: string): Promise<KernelAddress[]> {
  const json = JSON.parse(await execOk("ip", ["-j", "-6", "addr", "show", "dev", dev], ns)) as {
    addr_info?: Record<string, unknown>[];
  }[];
  return json.flatMap((link) =>
    (link.addr_info ?? []).map((a) => ({
      address: String(a.local),
      prefixLength: Number(a.prefixlen),
      scope: String(a.scope),
      validLifetime: Number(a.valid_life_time),
      preferredLifetime: Number(a.preferred_life_time),
      tentative: a.tentative === true,
      dadFailed: a.dadfailed === true,
      noPrefixRoute: a.noprefixroute === true,
    }))
  );
}

/** The global addresses of `dev` (no link-local). */
export async function globalAddresses(ns: string, dev: string): Promise<KernelAddress[]> {
  return (await kernelAddresses(ns, dev)).filter((a) => a.scope === "global");
}

/** A route as `ip -j -6 route` shows it. */
export interface KernelRoute {
  /** "unicast", "unreachable", … as `ip` prints it. */
  readonly type: string;
  /** The destination prefix, "prefix/len", or "default". */
  readonly dst: string;
  /** The output interface, when the route has one. */
  readonly dev?: string;
  /** Who installed it ("kernel", "dhcp", …), when `ip` prints it. */
  readonly protocol?: string;
  /** Seconds until the kernel removes the route, if it expires. */
  readonly expires?: number;
}

/** The IPv6 routes of the main table in `ns`. */
export async function kernelRoutes(ns: string): Promise<KernelRoute[]> {
  const json = JSON.parse(
    await execOk("ip", ["-j", "-6", "route", "show", "table", "main"], ns),
  ) as Record<string, unknown>[];
  return json.map((r) => ({
    type: typeof r.type === "string" ? r.type : "unicast",
    dst: String(r.dst),
    ...(typeof r.dev === "string" ? { dev: r.dev } : {}),
    ...(typeof r.protocol === "string" ? { protocol: r.protocol } : {}),
    ...(r.expires === undefined ? {} : { expires: parseInt(String(r.expires), 10) }),
  }));
}

/**
 * Polls `probe` until it returns a value (not undefined), for at most
 * `seconds`: the kernel and the server change state on their own schedule.
 */
export async function eventually<T>(
  what: string,
  seconds: number,
  probe: () => Promise<T | undefined>,
): Promise<T> {
  const deadline = Date.now() + seconds * 1000;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${seconds}s waiting for ${what}${last ? `: ${last}` : ""}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Waits until the agent's log matches `pattern`; returns the match. */
export async function logMatch(
  agent: AgentProcess,
  pattern: RegExp,
  seconds: number,
): Promise<RegExpMatchArray> {
  return await eventually(
    `agent log to match ${pattern}`,
    seconds,
    () => Promise.resolve(agent.log().match(pattern) ?? undefined),
  );
}

/** Waits until `dev` holds a global address inside `prefix/length`; returns it. */
export async function addressIn(
  ns: string,
  dev: string,
  prefix: string,
  length: number,
  seconds: number,
): Promise<KernelAddress> {
  return await eventually(`an address in ${prefix}/${length} on ${dev}`, seconds, async () => {
    const { prefixContains } = await import("../../src/dhcp6/ipv6.ts");
    return (await globalAddresses(ns, dev)).find((a) =>
      !a.tentative && !a.dadFailed && prefixContains(prefix, length, a.address)
    );
  });
}

/**
 * Asserts that each interface named in `expected` holds exactly the global
 * addresses listed for it, in the kernel's order.
 */
export async function assertGlobalAddresses(
  ns: string,
  expected: Record<string, string[]>,
): Promise<void> {
  for (const [dev, addresses] of Object.entries(expected)) {
    assert.deepEqual((await globalAddresses(ns, dev)).map((a) => a.address), addresses);
  }
}

/**
 * Waits up to `seconds` for the lab's upstream address (2001:db8:1::/64 on
 * wan0) and LAN address (inside 2001:db8:100::/40 on lan0), and asserts they
 * are still `wan` and `lan`: the binding survived (RFC 9915 §18.2.3, §18.2.5).
 */
export async function assertLabAddressesKept(
  ns: string,
  wan: string,
  lan: string,
  seconds = 5,
): Promise<void> {
  assert.equal((await addressIn(ns, "wan0", "2001:db8:1::", 64, seconds)).address, wan);
  assert.equal((await addressIn(ns, "lan0", "2001:db8:100::", 40, seconds)).address, lan);
}

/**
 * Waits for `agent` to bind in the lab (RFC 9915 §18.2.10): its upstream
 * address in 2001:db8:1::/64 on wan0 (up to 30 s), its LAN address inside
 * 2001:db8:100::/40 on lan0 (10 s more) and "requesting -> bound" in its log
 * (5 s more); returns the two addresses.
 */
export async function waitForLabBinding(
  ns: string,
  agent: AgentProcess,
): Promise<{ wan: KernelAddress; lan: KernelAddress }> {
  const wan = await addressIn(ns, "wan0", "2001:db8:1::", 64, 30);
  const lan = await addressIn(ns, "lan0", "2001:db8:100::", 40, 10);
  await logMatch(agent, /requesting -> bound/, 5);
  return { wan, lan };
}

/** A running edge6 agent in the router namespace. */
export interface AgentProcess {
  /** The agent's process id: `ip netns exec` execs it in place, so the child is the agent. */
  readonly pid: number;
  /** Sends a signal to the agent. */
  kill(signal: Deno.Signal): void;
  /** Resolves to the exit code once it has exited. */
  exited(): Promise<number>;
  /** Everything it logged so far. */
  log(): string;
}

/** The agent's configuration for a scenario. */
export interface AgentConfig {
  /** IAIDs of the IA_NAs to ask for (default [1]). */
  readonly iaNa?: readonly number[];
  /** IA_PDs with their downstream interfaces (default IAID 2 to lan0, sla-id 1). */
  readonly iaPd?: readonly {
    iaid: number;
    delegate: readonly { iface: string; slaId: number }[];
  }[];
  /** Ask for Rapid Commit (default false). */
  readonly rapidCommit?: boolean;
  /** Stateless, Information-request only; no IA is configured (default false). */
  readonly informationOnly?: boolean;
  /** Release the bindings when stopped (default true). */
  readonly releaseOnStop?: boolean;
  /** Option names for the ORO (default dns-servers and domain-list). */
  readonly request?: readonly string[];
  /** The hook script's path; absent: no hook. */
  readonly script?: string;
  /** More TOML appended as it is (e.g. `[lan.lan0]` tables). */
  readonly extra?: string;
}

/** One scenario's world: topology, server, agent; all removed by `close()`. */
export class E2eLab {
  /** The namespaces and interfaces of this scenario. */
  readonly topology: Topology;
  /** A temporary directory for the configuration, state, DUID, socket and server files. */
  readonly dir: string;
  /** The Kea server, once `startKea` has run. */
  kea: KeaServer | undefined;
  #agents: { child: Deno.ChildProcess; done: Promise<number> }[] = [];
  #dhcp6s: Deno.ChildProcess | undefined;
  #hosts: string[] = [];
  /** What dhcp6s logged so far. */
  dhcp6sLog = "";

  private constructor(topology: Topology, dir: string) {
    this.topology = topology;
    this.dir = dir;
  }

  /** Creates the topology (removing leftovers of dead runs first). */
  static async create(tag: string, lans = 1): Promise<E2eLab> {
    await removeStaleNetns();
    const dir = await Deno.makeTempDir({ prefix: `edge6-e2e-${tag}-` });
    const topology = await createTopology({ tag, lans });
    return new E2eLab(topology, dir);
  }

  /** The namespace the agent runs in. */
  get routerNs(): string {
    return this.topology.routerNs;
  }

  /**
   * A LAN host on `lanIndex`: `hostN` in a namespace of its own that does
   * SLAAC; and a default route for the router, so that it may advertise
   * itself as one (RFC 7084 G-4). Removed by `close()`.
   */
  async addLanHost(lanIndex = 0): Promise<string> {
    const ns = await createLanHost(this.topology, lanIndex);
    this.#hosts.push(ns);
    await addDefaultRoute(this.topology);
    return ns;
  }

  /** Starts Kea on the server side of the WAN. */
  async startKea(options: Omit<KeaOptions, "interfaceName"> = {}): Promise<KeaServer> {
    this.kea = await startKea(this.topology.serverNs, `${this.dir}/kea`, {
      interfaceName: this.topology.serverIf,
      ...options,
    });
    return this.kea;
  }

  /** Starts wide-dhcpv6's dhcp6s with a host entry: one address and a /56 for the agent's DUID. */
  async startDhcp6s(): Promise<void> {
    const dir = `${this.dir}/dhcp6s`;
    await Deno.mkdir(dir, { recursive: true });
    const conf = `${dir}/dhcp6s.conf`;
    await Deno.writeTextFile(
      conf,
      [
        "option domain-name-servers 2001:db8:1::53;",
        'option domain-name "lab.example";',
        "interface srv0 {",
        "  preference 255;",
        "};",
        "host router {",
        `  duid ${await this.duidText()};`,
        "  address 2001:db8:1::300 120 180;",
        "  prefix 2001:db8:200::/56 180 240;",
        "};",
        "",
      ].join("\n"),
    );
    const program = haveProgram("dhcp6s") ? "dhcp6s" : "/usr/sbin/dhcp6s";
    this.#dhcp6s = new Deno.Command("ip", {
      args: [
        "netns",
        "exec",
        this.topology.serverNs,
        program,
        "-f",
        "-D",
        "-c",
        conf,
        "-P",
        `${dir}/dhcp6s.pid`,
        "srv0",
      ],
      stdin: "null",
      stdout: "null",
      stderr: "piped",
    }).spawn();
    const decoder = new TextDecoder();
    (async () => {
      for await (const chunk of this.#dhcp6s!.stderr) {
        this.dhcp6sLog += decoder.decode(chunk, { stream: true });
      }
    })().catch(() => {});
    // dhcp6s has no "ready" signal: wait for its socket on port 547.
    await eventually("dhcp6s to listen on port 547", 10, async () => {
      const ss = await exec("ss", ["-Hlun", "sport = :547"], this.topology.serverNs);
      return ss.stdout.includes(":547") ? true : undefined;
    });
  }

  /** The client DUID the agent will use, created beforehand (dhcp6s wants it in its config). */
  async duidText(): Promise<string> {
    const file = `${this.dir}/duid`;
    const duid = [0x00, 0x03, 0x00, 0x01, 0x02, 0x00, 0x5e, 0xe6, 0x00, 0x01];
    await Deno.writeFile(file, new Uint8Array([duid.length, 0, ...duid]));
    return duid.map((b) => b.toString(16).padStart(2, "0")).join(":");
  }

  /** Writes the agent's TOML configuration and returns its path. */
  async writeConfig(config: AgentConfig = {}): Promise<string> {
    const lines = [
      "[global]",
      `duid_file = "${this.dir}/duid"`,
      `state_dir = "${this.dir}/state"`,
      `control_socket = "${this.dir}/edge6.sock"`,
      'log_level = "debug"',
      "",
      "[interface.wan0]",
      `rapid_commit = ${config.rapidCommit ?? false}`,
      `information_only = ${config.informationOnly ?? false}`,
      "initial_delay = false",
      `release_on_stop = ${config.releaseOnStop ?? true}`,
      `request = [${
        (config.request ?? ["dns-servers", "domain-list"]).map((r) => `"${r}"`).join(", ")
      }]`,
      ...(config.script === undefined ? [] : [`script = "${config.script}"`]),
    ];
    if (!(config.informationOnly ?? false)) {
      for (const iaid of config.iaNa ?? [1]) {
        lines.push("", "[[interface.wan0.ia_na]]", `iaid = ${iaid}`);
      }
      for (const pd of config.iaPd ?? [{ iaid: 2, delegate: [{ iface: "lan0", slaId: 1 }] }]) {
        lines.push("", "[[interface.wan0.ia_pd]]", `iaid = ${pd.iaid}`);
        for (const d of pd.delegate) {
          lines.push(
            "",
            "[[interface.wan0.ia_pd.delegate]]",
            `interface = "${d.iface}"`,
            `sla_id = ${d.slaId}`,
          );
        }
      }
    }
    if (config.extra !== undefined) lines.push("", config.extra);
    const path = `${this.dir}/edge6.toml`;
    await Deno.writeTextFile(path, lines.join("\n") + "\n");
    return path;
  }

  /** Starts `edge6 run -f -c CONFIG -p DIR/edge6.pid -D ARGS…` in the router namespace. */
  startAgent(configPath: string, args: readonly string[] = []): AgentProcess {
    const child = new Deno.Command("ip", {
      args: [
        "netns",
        "exec",
        this.routerNs,
        Deno.execPath(),
        "run",
        ...V8_FLAGS,
        "-A",
        "--cached-only",
        `${ROOT}main.ts`,
        "run",
        "-f",
        "-c",
        configPath,
        "-p",
        `${this.dir}/edge6.pid`,
        "-D",
        ...args,
      ],
      cwd: ROOT,
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    let text = "";
    const decoder = new TextDecoder();
    const collect = async (stream: ReadableStream<Uint8Array>) => {
      for await (const chunk of stream) text += decoder.decode(chunk, { stream: true });
    };
    const reading = Promise.all([collect(child.stdout), collect(child.stderr)]);
    const done = (async () => {
      const status = await child.status;
      await reading.catch(() => {});
      return status.code;
    })();
    this.#agents.push({ child, done });
    return {
      pid: child.pid,
      kill: (signal) => {
        // `ip netns exec` execs the program: the child is the agent itself.
        child.kill(signal);
      },
      exited: () => done,
      log: () => text,
    };
  }

  /** Sends a control request through the CLI, as an operator would. */
  async edge6(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    return await exec(
      Deno.execPath(),
      ["run", "-A", "--cached-only", `${ROOT}main.ts`, ...args],
      this.routerNs,
    );
  }

  /** Stops everything and removes the namespaces and files. */
  async close(): Promise<void> {
    for (const { child, done } of this.#agents) {
      try {
        child.kill("SIGKILL");
      } catch {
        // already exited
      }
      await done.catch(() => {});
    }
    if (this.#dhcp6s !== undefined) {
      try {
        this.#dhcp6s.kill("SIGTERM");
      } catch {
        // already exited
      }
      await this.#dhcp6s.status;
    }
    await this.kea?.stop();
    for (const ns of this.#hosts) await removeNetns(ns);
    await this.topology.destroy();
    if (Deno.env.get("EDGE6_KEEP_E2E") !== "1") {
      await Deno.remove(this.dir, { recursive: true }).catch(() => {});
    }
  }
}

/** Runs `body` in a fresh lab, always closing it. */
export async function withLab(
  tag: string,
  body: (lab: E2eLab) => Promise<void>,
  lans = 1,
): Promise<void> {
  const lab = await E2eLab.create(tag, lans);
  try {
    await body(lab);
  } catch (error) {
    const kea = await lab.kea?.log().catch(() => "") ?? "";
    console.error(`--- ${tag}: Kea log tail ---\n${kea.split("\n").slice(-30).join("\n")}`);
    if (lab.dhcp6sLog !== "") {
      console.error(
        `--- ${tag}: dhcp6s log tail ---\n${lab.dhcp6sLog.split("\n").slice(-40).join("\n")}`,
      );
    }
    throw error;
  } finally {
    await lab.close();
  }
}
