/**
 * Starts the agent for real: loads the configuration, opens the kernel
 * interfaces (rtnetlink, the DHCPv6 socket, the poll wake-up descriptor), the
 * DUID, the control socket and the signal handlers, runs the event loop, and
 * closes everything again on the way out.
 * @module
 */
import { diffConfig } from "../config/diff.ts";
import { formatMessage } from "../config/message.ts";
import { loadConfigFile } from "../config/load.ts";
import type { RunSelection } from "../config/profile.ts";
import { toClientConfig } from "../config/client_config.ts";
import type { Config } from "../config/types.ts";
import { Dhcp6Client } from "../dhcp6/client/mod.ts";
import { createLogger } from "../log/create_logger.ts";
import { NetlinkMonitor, Poller, RtNetlink, Udp6Socket } from "../../ffi/mod.ts";
import { Agent, type ConfigPort, type InterfaceStatus } from "./agent.ts";
import { systemClock } from "./clock.ts";
import { cryptoRandom } from "./crypto_random.ts";
import { startControlServer } from "./control_server.ts";
import { DHCP6C_DUID_FILE, loadOrCreateDuid } from "./duid_store.ts";
import {
  netlinkMonitorPort,
  rtnetlinkNetConfig,
  toLinkInfo,
  udpTransport,
} from "./kernel_ports.ts";
import { errorText } from "./lease_installer.ts";
import { buildStatusDocument } from "../hooks/status_json.ts";
import { HookRunner } from "../hooks/runner.ts";
import { loadSetCloseOnExec } from "../hooks/close_on_exec.ts";
import { runnerHookPort } from "./hook_port.ts";
import { describeStartupError, probeWritable, StartupError, startupStep } from "./startup_error.ts";
import { defaultPidFile, removePidFile, writePidFile } from "./pid_file.ts";
import type { Logger } from "../log/logger.ts";
import type { LanFactoryDeps } from "./lan_factory.ts";
import type { LanRuntimeFactory } from "./lan_runtimes.ts";
import { StartupPhases } from "./startup_phases.ts";

/** `edge6 run`'s settings. */
export interface RunAgentOptions {
  /** The TOML or dhcp6c.conf configuration file. */
  readonly configPath: string;
  /** Count of -d (1) / -D (2). */
  readonly verbosity: number;
  /** `-n`: leave the bindings unreleased on stop (dhcp6c's flag). */
  readonly noRelease: boolean;
  /** `-p FILE`: the pid file (default: pid_file.ts), written once running, removed on exit. */
  readonly pidFile?: string;
  /** Interfaces named on the command line (empty: all configured). */
  readonly interfaces: readonly string[];
  /** `-P`: the profile for named interfaces without settings of their own (config/profile.ts). */
  readonly profile?: string;
  /** Lines for the debug log once it exists (how the configuration was found). */
  readonly notes?: readonly string[];
  /**
   * Daemon mode (src/cli/daemon.ts): logs go to syslog unless log_target
   * names a file, and `ready` is called once the pid file is written.
   */
  readonly detached?: { ready(logFile: string | undefined): void };
  /** Where startup errors go before the logger exists. */
  readonly err: (text: string) => void;
}

/**
 * The configuration module behind the agent's port; `selection` applies -P
 * on every load, so that the agent sees only ordinary interfaces.
 */
export const configPortFor = (selection: RunSelection): ConfigPort => ({
  async load(path: string): Promise<Config> {
    const result = await loadConfigFile(path, selection);
    if (!result.ok) throw new Error(result.errors.map(formatMessage).join("\n"));
    return result.config;
  },
  toClientConfig,
  diff(previous, next) {
    const d = diffConfig(previous, next).interfaces;
    const names = (kind: string) => d.filter((i) => i.kind === kind).map((i) => i.name);
    return { added: names("added"), removed: names("removed"), changed: names("changed") };
  },
});

/**
 * The LAN side (Router Advertisements, the stateless server: src/ra,
 * lan_runtime.ts and their sockets), loaded only once a configuration has a
 * `[lan.*]` table: a router without one does not hold that code.
 */
export function lazyLan(
  deps: LanFactoryDeps,
): { lan: LanRuntimeFactory; prepareLan: (config: Config) => Promise<void> } {
  let factory: LanRuntimeFactory | undefined;
  return {
    lan(config, context) {
      if ((config.lan ?? []).length === 0) return [];
      if (factory === undefined) throw new Error("the LAN side was not loaded (prepareLan)");
      return factory(config, context);
    },
    async prepareLan(config) {
      if (factory !== undefined || (config.lan ?? []).length === 0) return;
      factory = (await import("./lan_factory.ts")).lanRuntimeFactory(deps);
    },
  };
}

/** Runs the agent until it stops; resolves to the exit code. */
export async function runAgent(options: RunAgentOptions): Promise<number> {
  const phases = new StartupPhases();
  phases.mark("loaded");
  const selection: RunSelection = {
    interfaces: options.interfaces,
    ...(options.profile === undefined ? {} : { profile: options.profile }),
  };
  const loaded = await loadConfigFile(options.configPath, selection);
  if (!loaded.ok) {
    // No format: the file itself could not be read, so say where a configuration is given.
    const hint = loaded.format === undefined
      ? " (give the configuration, TOML or dhcp6c.conf, with -c FILE)"
      : "";
    for (const e of loaded.errors) options.err(`edge6: ${formatMessage(e)}${hint}\n`);
    return 1;
  }
  phases.mark("config read");
  const config = loaded.config;
  const unknown = options.interfaces.filter((n) => !config.interfaces.some((i) => i.name === n));
  if (unknown.length > 0) {
    const known = config.interfaces.map((i) => i.name).join(", ") || "none";
    options.err(
      `edge6: ${unknown.join(", ")} ${
        unknown.length === 1 ? "is" : "are"
      } not configured in ${options.configPath} (it configures: ${known}); name only configured interfaces, or none to run them all\n`,
    );
    return 2;
  }
  if (config.interfaces.length === 0) {
    options.err(`edge6: ${options.configPath} configures no interface\n`);
    return 2;
  }
  // Detached, standard error is /dev/null: dhcp6c's syslog, unless a file is named.
  const target = options.detached !== undefined && !config.global.logTarget.startsWith("/")
    ? "syslog"
    : config.global.logTarget;
  let logger: Logger;
  try {
    logger = await createLogger({
      level: config.global.logLevel,
      verbosity: options.verbosity,
      target,
      facility: config.global.logFacility,
    });
  } catch (error) {
    const why = target.startsWith("/")
      ? describeStartupError({ step: "log-file", path: target }, error)
      : errorText(error);
    options.err(`edge6: ${why}\n`);
    return 1;
  }
  phases.attach(logger);
  for (const note of options.notes ?? []) logger.debug(note);
  for (const w of loaded.warnings) logger.warn(formatMessage(w));
  let ready = false;

  const cleanups: (() => void | Promise<void>)[] = [];
  try {
    const monitor = await startupStep({ step: "netlink" }, () => NetlinkMonitor.open());
    cleanups.push(() => monitor.close());
    const rtnl = await startupStep({ step: "netlink" }, () => RtNetlink.open());
    cleanups.push(() => rtnl.close());
    const links = (await rtnl.listLinks()).map(toLinkInfo).sort((a, b) => a.index - b.index);
    const { duid, origin } = await startupStep(
      { step: "duid", path: config.global.duidFile },
      () => loadOrCreateDuid(config.global.duidFile, () => links, systemClock.wall()),
    );
    logger.log(
      origin === "file" ? "info" : "notice",
      `DUID ${[...duid].map((b) => b.toString(16).padStart(2, "0")).join("")} (${
        origin === "file"
          ? `read from ${config.global.duidFile}`
          : origin === "dhcp6c"
          ? `kept from dhcp6c's ${DHCP6C_DUID_FILE}`
          : origin === "created-uuid"
          ? "created: a DUID-UUID (RFC 6355), since no interface has a link-layer address"
          : "created"
      })`,
    );
    await startupStep(
      { step: "state-dir", path: config.global.stateDir },
      () => probeWritable(config.global.stateDir),
    );
    // No SO_REUSEADDR: UDP has no TIME_WAIT to wait out, and with it a second
    // client (dhcp6c still running, a second edge6) would share port 546
    // silently instead of being refused.
    const udp = await startupStep(
      { step: "dhcp-socket", port: 546 },
      () => Udp6Socket.open({ reuseAddress: false }),
    );
    cleanups.push(() => udp.close());
    const poller = Poller.open();
    cleanups.push(() => poller.close());
    const hooks = new HookRunner({
      logger,
      timeoutMs: config.global.hookTimeout * 1000,
      setCloseOnExec: await loadSetCloseOnExec(),
    });
    cleanups.push(() => hooks.idle());
    const agent = new Agent(
      {
        clock: systemClock,
        net: rtnetlinkNetConfig(rtnl),
        monitor: netlinkMonitorPort(monitor),
        transport: udpTransport(udp),
        waiter: poller,
        engines: (c, random) => new Dhcp6Client(c, random),
        hooks: runnerHookPort(hooks),
        logger,
        random: cryptoRandom,
        config: configPortFor(selection),
        ...lazyLan({ rtnl, clock: systemClock, logger, duid }),
        phases,
        statusJson: (statuses: readonly InterfaceStatus[], lan) =>
          buildStatusDocument({
            lanInterfaces: lan ?? [],
            clients: statuses.map((s) => s.client),
            lan: Object.fromEntries(statuses.map((s) => [s.client.interfaceName, s.downstream])),
            hooks: Object.fromEntries(
              statuses.map((s) => [s.client.interfaceName, hooks.counters(s.client.interfaceName)]),
            ),
            now: systemClock.monotonic(),
            wallClock: systemClock.wall(),
          }),
      },
      {
        configPath: options.configPath,
        config,
        only: options.interfaces,
        noRelease: options.noRelease,
        duid,
        debugLog: logger.enabled("debug"),
      },
    );
    const control = await startupStep(
      { step: "control-socket", path: config.global.controlSocket },
      () => startControlServer(config.global.controlSocket, (request) => agent.request(request)),
    );
    cleanups.push(() => control.close());
    const handlers: [Deno.Signal, () => void][] = [
      ["SIGTERM", () => agent.signal("stop")],
      ["SIGINT", () => agent.signal("stop")],
      ["SIGUSR1", () => agent.signal("exit")],
      ["SIGHUP", () => agent.signal("reload")],
    ];
    for (const [signal, handler] of handlers) Deno.addSignalListener(signal, handler);
    cleanups.push(() => {
      for (const [signal, handler] of handlers) Deno.removeSignalListener(signal, handler);
    });
    const pidFile = options.pidFile ?? defaultPidFile(loaded.format);
    await startupStep({ step: "pid-file", path: pidFile }, () => writePidFile(pidFile, Deno.pid));
    cleanups.push(() => removePidFile(pidFile, Deno.pid).then(() => {}));
    options.detached?.ready(target.startsWith("/") ? target : undefined);
    ready = true;
    return await agent.run();
  } catch (error) {
    if (error instanceof StartupError) {
      // One line on stderr, where the operator who started it looks, without a timestamp.
      options.err(`edge6: ${error.message}\n`);
      if (target !== "stderr") logger.log("error", error.message);
    } else {
      // Detached and not yet ready, the command that started it is still waiting to say why.
      if (options.detached !== undefined && !ready) options.err(`edge6: ${errorText(error)}\n`);
      logger.log("error", errorText(error));
    }
    return 1;
  } finally {
    for (const cleanup of cleanups.reverse()) {
      try {
        await cleanup();
      } catch (error) {
        logger.log("warn", `cleanup: ${errorText(error)}`);
      }
    }
  }
}
