/**
 * The DHCPv6 clients the lab benchmark compares, each asked for the same
 * thing on the same topology: one address (IA_NA), one delegated prefix
 * (IA_PD) whose first /64 goes on the LAN interface, rapid commit, and no
 * initial delay where the client has a setting for it.
 *
 * - edge6, as `deno run` of this checkout's bundle or main.ts (or a given executable).
 * - WIDE dhcp6c (Debian's wide-dhcpv6-client): it has no setting for the
 *   random 0–1 s delay before its first Solicit (RFC 3315 §17.1.2), so its
 *   figures include it.
 * - dhcpcd (Debian's dhcpcd-base), `nodelay`, IPv6 only, no Router
 *   Solicitation; its hook script is /bin/true so that it leaves the host's
 *   resolv.conf alone.
 * @module
 */
import { haveProgram } from "../../src/agent/lab/exec.ts";

/** What a benchmark run gives a client to work with. */
export interface ClientSetup {
  /** A private directory for the client's files. */
  readonly dir: string;
  /** The upstream interfaces (each with its own server link). */
  readonly wans: readonly string[];
  /** The LAN interface the first delegated prefix goes to; none: no delegation. */
  readonly lan?: string;
  /** How many IA_PDs to ask for on each upstream (default 1). */
  readonly prefixes?: number;
  /** Extra arguments (edge6: -D). */
  readonly verbose?: boolean;
}

/** One client under test. */
export interface BenchClient {
  /** Its name in the table. */
  readonly name: string;
  /** Why it cannot run here, or undefined. */
  unavailable(): string | undefined;
  /** Writes its configuration; returns the command line to start it in the foreground. */
  prepare(setup: ClientSetup): Promise<string[]>;
  /** Removes what it keeps between runs (saved leases), so that each run starts afresh. */
  forget(setup: ClientSetup): Promise<void>;
}

/** How edge6 is started: the command line before its own arguments. */
export interface Edge6Launch {
  /** `deno run … ENTRY`, or a compiled edge6. */
  readonly argv: readonly string[];
}

/** The IAIDs of upstream number `w`: unique across interfaces (RFC 9915 §12). */
export function iaids(setup: ClientSetup, w: number): { na: number; pd: number[] } {
  return {
    na: 1000 * w + 1,
    pd: Array.from({ length: setup.prefixes ?? 1 }, (_, i) => 1000 * w + 100 + i),
  };
}

/** edge6's TOML for `setup`. */
export function edge6Config(setup: ClientSetup): string {
  const lines = [
    "[global]",
    `duid_file = "${setup.dir}/duid"`,
    `state_dir = "${setup.dir}/state"`,
    `control_socket = "${setup.dir}/edge6.sock"`,
    'log_level = "notice"',
  ];
  for (const [w, wan] of setup.wans.entries()) {
    const ids = iaids(setup, w);
    lines.push("", `[interface.${wan}]`, "rapid_commit = true", "initial_delay = false");
    lines.push("", `[[interface.${wan}.ia_na]]`, `iaid = ${ids.na}`);
    for (const pd of ids.pd) {
      lines.push("", `[[interface.${wan}.ia_pd]]`, `iaid = ${pd}`);
      if (setup.lan !== undefined) {
        lines.push("", `[[interface.${wan}.ia_pd.delegate]]`, `interface = "${setup.lan}"`);
        lines.push("sla_id = 1");
      }
    }
  }
  return lines.join("\n") + "\n";
}

/** edge6 itself. */
export function edge6Client(launch: Edge6Launch): BenchClient {
  return {
    name: "edge6",
    unavailable: () => undefined,
    async prepare(setup) {
      const config = `${setup.dir}/edge6.toml`;
      await Deno.writeTextFile(config, edge6Config(setup));
      return [
        ...launch.argv,
        "run",
        "-f",
        "-c",
        config,
        "-p",
        `${setup.dir}/edge6.pid`,
        ...(setup.verbose ? ["-D"] : []),
      ];
    },
    async forget(setup) {
      await Deno.remove(`${setup.dir}/state`, { recursive: true }).catch(() => {});
    },
  };
}

/** WIDE dhcp6c's configuration for `setup`. */
export function dhcp6cConfig(setup: ClientSetup): string {
  const lines: string[] = [];
  for (const [w, wan] of setup.wans.entries()) {
    const ids = iaids(setup, w);
    lines.push(`interface ${wan} {`, `  send ia-na ${ids.na};`);
    for (const pd of ids.pd) lines.push(`  send ia-pd ${pd};`);
    lines.push("  send rapid-commit;", "};", `id-assoc na ${ids.na} { };`);
    for (const pd of ids.pd) {
      lines.push(`id-assoc pd ${pd} {`);
      if (setup.lan !== undefined) {
        lines.push(`  prefix-interface ${setup.lan} { sla-id 1; sla-len 8; };`);
      }
      lines.push("};");
    }
  }
  return lines.join("\n") + "\n";
}

/** WIDE dhcp6c (Debian's wide-dhcpv6-client). */
export const dhcp6cClient: BenchClient = {
  name: "WIDE dhcp6c",
  unavailable: () =>
    haveProgram("/usr/sbin/dhcp6c")
      ? undefined
      : "not installed (install.sh --bench-peers installs wide-dhcpv6-client)",
  async prepare(setup) {
    const config = `${setup.dir}/dhcp6c.conf`;
    await Deno.writeTextFile(config, dhcp6cConfig(setup));
    return ["/usr/sbin/dhcp6c", "-f", "-c", config, "-p", `${setup.dir}/dhcp6c.pid`, ...setup.wans];
  },
  async forget() {},
};

/** dhcpcd's configuration for `setup`. */
export function dhcpcdConfig(setup: ClientSetup): string {
  const lines = [
    "ipv6only",
    "noipv6rs",
    "nodelay",
    "option rapid_commit",
    "script /bin/true",
    "nohook resolv.conf",
  ];
  for (const [w, wan] of setup.wans.entries()) {
    const ids = iaids(setup, w);
    lines.push(`interface ${wan}`, `  ia_na ${ids.na}`);
    for (const pd of ids.pd) {
      lines.push(`  ia_pd ${pd}${setup.lan === undefined ? "" : ` ${setup.lan}/1/64`}`);
    }
  }
  if (setup.lan !== undefined) lines.push(`interface ${setup.lan}`, "  nodhcp6");
  return lines.join("\n") + "\n";
}

/** dhcpcd (Debian's dhcpcd-base). */
export const dhcpcdClient: BenchClient = {
  name: "dhcpcd",
  unavailable: () =>
    haveProgram("/usr/sbin/dhcpcd")
      ? undefined
      : "not installed (install.sh --bench-peers installs dhcpcd-base)",
  async prepare(setup) {
    const config = `${setup.dir}/dhcpcd.conf`;
    await Deno.writeTextFile(config, dhcpcdConfig(setup));
    return [
      "/usr/sbin/dhcpcd",
      "-B",
      "-f",
      config,
      ...setup.wans,
      ...(setup.lan === undefined ? [] : [setup.lan]),
    ];
  },
  async forget(setup) {
    // dhcpcd keeps leases in its own database directory, one file per interface.
    for (const dev of [...setup.wans, ...(setup.lan === undefined ? [] : [setup.lan])]) {
      await Deno.remove(`/var/lib/dhcpcd/${dev}.lease6`).catch(() => {});
    }
  },
};
