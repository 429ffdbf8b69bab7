/**
 * `edge6 run`: the DHCPv6 client agent (RFC 9915 §18), with dhcp6c's flags.
 * @module
 */
import type { Command, CommandIo } from "./command.ts";
import { runAgent } from "../agent/run_agent.ts";
import { parseStrictArgs } from "./parse_command_args.ts";

/** Where the configuration is read from when -c is not given. */
export const DEFAULT_CONFIG = "/etc/edge6/edge6.toml";

/** `run`'s options, as the parser takes them and the help shows them. */
const OPTIONS = {
  c: {
    type: "string",
    value: "FILE",
    text: `configuration, TOML or dhcp6c.conf (default ${DEFAULT_CONFIG})`,
  },
  f: {
    type: "boolean",
    text: "stay in the foreground (edge6 always does; accepted for dhcp6c command lines)",
  },
  d: { type: "boolean", multiple: true, text: "verbose log (info); given twice, as -D" },
  D: { type: "boolean", text: "debug log: every protocol decision with its reason" },
  n: {
    type: "boolean",
    text:
      "do not release the leases when stopping (they stay in the kernel and are resumed on the next start)",
  },
  p: { type: "string", value: "PIDFILE", text: "write the process id to PIDFILE" },
} as const;

/** Parsed `run` arguments. */
export interface RunArgs {
  /** The configuration file (`-c`, default {@link DEFAULT_CONFIG}). */
  readonly configPath: string;
  /** 0: warnings and errors; 1 (`-d`): info; 2 (`-D` or `-dd`): debug. */
  readonly verbosity: number;
  /** `-n`: keep the leases on stop instead of sending Release (RFC 9915 §18.2.7). */
  readonly noRelease: boolean;
  /** `-p`: where to write the process id. */
  readonly pidFile?: string;
  /** The upstream interfaces named on the command line; empty: every configured one. */
  readonly interfaces: readonly string[];
}

/** Parses `run`'s arguments; throws a TypeError with the reason on bad usage. */
export function parseRunArgs(args: readonly string[]): RunArgs {
  const { values, positionals } = parseStrictArgs(args, {
    options: OPTIONS,
    maxPositionals: Infinity,
  });
  for (const name of positionals) {
    if (!/^[^\s/]{1,15}$/.test(name)) throw new TypeError(`"${name}" is not an interface name`);
  }
  const verbosity = values.D ? 2 : Math.min(2, values.d?.length ?? 0);
  return {
    configPath: values.c ?? DEFAULT_CONFIG,
    verbosity,
    noRelease: values.n ?? false,
    ...(values.p === undefined ? {} : { pidFile: values.p }),
    interfaces: positionals,
  };
}

/** The `run` subcommand. */
export const runCommand: Command = {
  name: "run",
  summary: "run the DHCPv6 client agent (dhcp6c's flags)",
  usage: ["run [-c FILE] [-f] [-d|-D] [-n] [-p PIDFILE] [IFACE…]"],
  description: `Runs the DHCPv6 client agent on the upstream interfaces of the configuration
(all of them, or only the IFACEs named), installs addresses and delegated
prefixes in the kernel, and keeps them renewed. The options are dhcp6c's.`,
  options: OPTIONS,
  operands: [{ name: "IFACE…", text: "upstream interfaces to run; none: every one in the file" }],
  sections: [
    {
      title: "Signals",
      body: `  SIGTERM, SIGINT  release (unless -n or release_on_stop = false), then exit 0
  SIGUSR1          exit at once without release
  SIGHUP           reload the configuration; an invalid file keeps the old one

While it runs: edge6 status | renew | rebind | release | reload.`,
    },
  ],
  exitStatus: `0 when stopped by a signal, 1 if the configuration is invalid or
the agent fails, 2 for a usage error or when no interface (or an IFACE not in
the configuration) is to be run.`,
  async run(args: string[], io: CommandIo): Promise<number> {
    let parsed: RunArgs;
    try {
      parsed = parseRunArgs(args);
    } catch (e) {
      io.err(`edge6 run: ${(e as Error).message}\n`);
      return 2;
    }
    return await runAgent({ ...parsed, err: (text) => io.err(text) });
  },
};
