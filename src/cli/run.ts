/**
 * `edge6 run`: the DHCPv6 client agent (RFC 9915 §18), with dhcp6c's flags.
 * @module
 */
import type { Command, CommandIo } from "./command.ts";
import { runAgent } from "../agent/run_agent.ts";
import { parseStrictArgs } from "./parse_command_args.ts";
import { CONFIG_SEARCH, findConfig } from "./config_search.ts";
import {
  type DetachedAgent,
  enterDetachedAgent,
  isDetachedAgent,
  startDetached,
} from "./daemon.ts";
import { selfCommand } from "./self_command.ts";
import { DHCP6C_PID_FILE, EDGE6_PID_FILE } from "../agent/pid_file.ts";

/** edge6's own configuration file, the first place looked at without -c. */
export const DEFAULT_CONFIG = CONFIG_SEARCH[0]!;

/** `run`'s options, as the parser takes them and the help shows them. */
const OPTIONS = {
  c: {
    type: "string",
    value: "FILE",
    text: `configuration, TOML or dhcp6c.conf; default: the first that exists of ${
      CONFIG_SEARCH.join(", ")
    }`,
  },
  f: {
    type: "boolean",
    text: "stay in the foreground and log to standard error. Without -f, as dhcp6c: the " +
      "agent detaches (a new session, standard streams on /dev/null) and logs to syslog, " +
      "or to the file log_target names; the command exits 0 once the agent runs and its " +
      "pid file is written, or with the agent's own error and status if it cannot start. " +
      "Service managers that supervise the process (systemd Type=simple) give -f.",
  },
  d: { type: "boolean", multiple: true, text: "verbose log (info); given twice, as -D" },
  D: { type: "boolean", text: "debug log: every protocol decision with its reason" },
  n: {
    type: "boolean",
    text:
      "do not release the leases when stopping (they stay in the kernel and are resumed on the next start)",
  },
  p: {
    type: "string",
    value: "PIDFILE",
    text: "the pid file, written once the agent runs and removed when it exits; default " +
      `${DHCP6C_PID_FILE} for a dhcp6c.conf (as dhcp6c), ${EDGE6_PID_FILE} for TOML`,
  },
  P: {
    type: "string",
    value: "PROFILE",
    text: "run each IFACE that has no interface statement (or [interface.IFACE] table) of " +
      "its own with the settings of profile PROFILE (Debian's dhcp6c -P; its stock " +
      '/etc/wide-dhcpv6/dhcp6c.conf defines "profile default")',
  },
} as const;

/** Parsed `run` arguments. */
export interface RunArgs {
  /** The configuration file (`-c`); absent: the first of config_search.ts's files that exists. */
  readonly configPath?: string;
  /** `-f`: stay in the foreground, logging as the configuration says. */
  readonly foreground: boolean;
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
    options: OPTIONS,
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
    ...(values.c === undefined ? {} : { configPath: values.c }),
    foreground: values.f ?? false,
    verbosity,
    noRelease: values.n ?? false,
    ...(values.p === undefined ? {} : { pidFile: values.p }),
    interfaces: positionals,
    ...(values.P === undefined ? {} : { profile: values.P }),
  };
}

/** `path` made absolute against the working directory (no node:path: see parse_command_args.ts). */
export function absolutePath(path: string, cwd: string = Deno.cwd()): string {
  if (path.startsWith("/")) return path;
  const parts: string[] = [];
  for (const part of `${cwd}/${path}`.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") parts.pop();
    else parts.push(part);
  }
  return `/${parts.join("/")}`;
}

/** `-c` and `-p` made absolute: the detached agent works from `/`. */
function absolutePaths(args: RunArgs): RunArgs {
  return {
    ...args,
    ...(args.configPath === undefined ? {} : { configPath: absolutePath(args.configPath) }),
    ...(args.pidFile === undefined ? {} : { pidFile: absolutePath(args.pidFile) }),
  };
}

/** The `run` subcommand. */
export const runCommand: Command = {
  name: "run",
  summary: "run the DHCPv6 client agent (dhcp6c's flags; detaches without -f)",
  usage: [
    "edge6 run [-c FILE] [-f] [-d|-D] [-n] [-p PIDFILE] [IFACE…]",
    "edge6 run [-c FILE] … -P PROFILE IFACE…",
    "dhcp6c [-c FILE] [-f] [-d|-D] [-n] [-p PIDFILE] [-P PROFILE] [IFACE…]",
  ],
  description: `Runs the DHCPv6 client agent on the upstream interfaces of the configuration
(all of them, or only the IFACEs named), installs addresses and delegated
prefixes in the kernel, and keeps them renewed. Started under the name
dhcp6c (a symlink, or the file put in dhcp6c's place), edge6 is this command.
The options are dhcp6c's.`,
  options: OPTIONS,
  operands: [{ name: "IFACE…", text: "upstream interfaces to run; none: every one in the file" }],
  sections: [
    {
      title: "Signals",
      body: `  SIGTERM, SIGINT  release if release_on_stop (off by default in TOML, on
                   for a dhcp6c.conf) and not -n, then exit 0
  SIGUSR1          exit at once without release
  SIGHUP           reload the configuration; an invalid file keeps the old one

While it runs: edge6 status | renew | rebind | release | reload.`,
    },
  ],
  exitStatus: `0 when stopped by a signal (with -f) or once the agent runs (without), 1 if
the configuration is invalid or the agent fails, 2 for a usage error or when no
interface (or an IFACE not in the configuration) is to be run.`,
  async run(args: string[], io: CommandIo): Promise<number> {
    let parsed: RunArgs;
    try {
      parsed = parseRunArgs(args);
    } catch (e) {
      io.err(`edge6 run: ${(e as Error).message}\n`);
      return 2;
    }
    let detached: DetachedAgent | undefined;
    if (!parsed.foreground) {
      try {
        // The command itself: start the agent detached and wait for its word.
        if (!isDetachedAgent()) return await startDetached([...selfCommand(), "run", ...args], io);
        // The agent so started.
        parsed = absolutePaths(parsed);
        detached = enterDetachedAgent();
      } catch (error) {
        io.err(`edge6: cannot start the agent detached: ${(error as Error).message}; try -f\n`);
        return 1;
      }
    }
    const notes: string[] = [];
    let configPath = parsed.configPath;
    if (configPath === undefined) {
      const search = await findConfig();
      if (!search.found) {
        io.err(`edge6: ${search.message}\n`);
        return 1;
      }
      configPath = search.path;
      notes.push(search.note);
    }
    return await runAgent({
      ...parsed,
      configPath,
      notes,
      ...(detached === undefined ? {} : { detached }),
      err: (text) => io.err(text),
    });
  },
};
