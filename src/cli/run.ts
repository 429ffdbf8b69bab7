/**
 * `edge6 run`: the DHCPv6 client agent (RFC 9915 §18), with dhcp6c's flags.
 * @module
 */
import type { Command, CommandIo } from "./command.ts";
import { runAgent } from "../agent/run_agent.ts";
import { parseStrictArgs } from "./parse_command_args.ts";

/** Where the configuration is read from when -c is not given. */
export const DEFAULT_CONFIG = "/etc/edge6/edge6.toml";

const HELP = `Usage: edge6 run [-c FILE] [-f] [-d|-D] [-n] [-p PIDFILE] [IFACE…]
       edge6 run [-c FILE] … -P PROFILE IFACE…

Runs the DHCPv6 client agent on the upstream interfaces of the configuration
(all of them, or only the IFACEs named), installs addresses and delegated
prefixes in the kernel, and keeps them renewed.

Options (as dhcp6c's):
  -c FILE     configuration, TOML or dhcp6c.conf (default ${DEFAULT_CONFIG})
  -f          stay in the foreground (edge6 always does; accepted for dhcp6c
              command lines)
  -d          verbose log (info); -D: debug log, every protocol decision
  -n          do not release the leases when stopping (they stay in the
              kernel and are resumed on the next start)
  -p PIDFILE  write the process id to PIDFILE
  -P PROFILE  run each IFACE that has no interface statement (or
              [interface.IFACE] table) of its own with the settings of
              profile PROFILE (Debian's dhcp6c -P; its stock
              /etc/wide-dhcpv6/dhcp6c.conf defines "profile default")

Signals:
  SIGTERM, SIGINT  release (unless -n or release_on_stop = false), then exit 0
  SIGUSR1          exit at once without release
  SIGHUP           reload the configuration; an invalid file keeps the old one

While it runs: edge6 status | renew | rebind | release | reload.

Exit status: 0 when stopped by a signal, 1 if the configuration is invalid or
the agent fails, 2 for a usage error or when no interface (or an IFACE not in
the configuration) is to be run.
`;

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
  /** `-P`: the profile for the named interfaces that have no settings of their own. */
  readonly profile?: string;
}

/** Parses `run`'s arguments; throws a TypeError with the reason on bad usage. */
export function parseRunArgs(args: readonly string[]): RunArgs {
  const { values, positionals } = parseStrictArgs(args, {
    options: {
      c: { type: "string" },
      f: { type: "boolean" },
      d: { type: "boolean", multiple: true },
      D: { type: "boolean" },
      n: { type: "boolean" },
      p: { type: "string" },
      P: { type: "string" },
    },
    maxPositionals: Infinity,
  });
  for (const name of positionals) {
    if (!/^[^\s/]{1,15}$/.test(name)) throw new TypeError(`"${name}" is not an interface name`);
  }
  if (values.P !== undefined) {
    if (!/^[A-Za-z0-9:._-]{1,64}$/.test(values.P)) {
      throw new TypeError(`"${values.P}" is not a profile name`);
    }
    if (positionals.length === 0) {
      throw new TypeError(
        `-P ${values.P} needs the interfaces to run the profile on: edge6 run -P ${values.P} IFACE…`,
      );
    }
  }
  const verbosity = values.D ? 2 : Math.min(2, values.d?.length ?? 0);
  return {
    configPath: values.c ?? DEFAULT_CONFIG,
    verbosity,
    noRelease: values.n ?? false,
    ...(values.p === undefined ? {} : { pidFile: values.p }),
    interfaces: positionals,
    ...(values.P === undefined ? {} : { profile: values.P }),
  };
}

/** The `run` subcommand. */
export const runCommand: Command = {
  name: "run",
  summary: "run the DHCPv6 client agent (dhcp6c's flags)",
  help: HELP,
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
