/**
 * `edge6 run`: the DHCPv6 client agent (RFC 9915 §18), with dhcp6c's flags.
 * @module
 */
import { parseArgs } from "node:util";
import type { Command, CommandIo } from "./command.ts";
import { runAgent } from "../agent/run_agent.ts";

/** Where the configuration is read from when -c is not given. */
export const DEFAULT_CONFIG = "/etc/edge6/edge6.toml";

const HELP = `Usage: edge6 run [-c FILE] [-f] [-d|-D] [-n] [-p PIDFILE] [IFACE…]

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

Signals:
  SIGTERM, SIGINT  release (unless -n or release_on_stop = false), then exit 0
  SIGUSR1          exit at once without release
  SIGHUP           reload the configuration; an invalid file keeps the old one

While it runs: edge6 status | renew | rebind | release | reload.
`;

/** Parsed `run` arguments. */
export interface RunArgs {
  readonly configPath: string;
  readonly verbosity: number;
  readonly noRelease: boolean;
  readonly pidFile?: string;
  readonly interfaces: readonly string[];
}

/** Parses `run`'s arguments; throws a TypeError with the reason on bad usage. */
export function parseRunArgs(args: readonly string[]): RunArgs {
  const { values, positionals } = parseArgs({
    args: [...args],
    options: {
      c: { type: "string" },
      f: { type: "boolean" },
      d: { type: "boolean", multiple: true },
      D: { type: "boolean" },
      n: { type: "boolean" },
      p: { type: "string" },
    },
    allowPositionals: true,
    strict: true,
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
