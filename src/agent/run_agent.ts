/**
 * Starts the agent for real: loads the configuration, opens the kernel
 * interfaces (rtnetlink, the DHCPv6 socket, the poll wake-up descriptor), the
 * DUID, the control socket and the signal handlers, runs the event loop, and
 * closes everything again on the way out.
 * @module
 */
import { diffConfig, formatMessage, loadConfigFile, toClientConfig } from "../config/mod.ts";
import type { Config } from "../config/types.ts";
import { Dhcp6Client } from "../dhcp6/client/mod.ts";
import { createLogger } from "../log/create_logger.ts";
import { NetlinkMonitor, Poller, RtNetlink, Udp6Socket } from "../../ffi/mod.ts";
import { Agent, type ConfigPort, type InterfaceStatus } from "./agent.ts";
import { systemClock } from "./clock.ts";
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

/** `edge6 run`'s settings. */
export interface RunAgentOptions {
  /** The TOML or dhcp6c.conf configuration file. */
  readonly configPath: string;
  /** Count of -d (1) / -D (2). */
  readonly verbosity: number;
  /** `-n`: leave the bindings unreleased on stop (dhcp6c's flag). */
  readonly noRelease: boolean;
  /** `-p FILE`: write the process id there, and remove it on exit. */
  readonly pidFile?: string;
  /** Interfaces named on the command line (empty: all configured). */
  readonly interfaces: readonly string[];
  /** Where startup errors go before the logger exists. */
  readonly err: (text: string) => void;
}

/** The configuration module behind the agent's port. */
export const configPort: ConfigPort = {
  async load(path: string): Promise<Config> {
    const result = await loadConfigFile(path);
    if (!result.ok) throw new Error(result.errors.map(formatMessage).join("\n"));
    return result.config;
  },
  toClientConfig,
  diff(previous, next) {
    const d = diffConfig(previous, next).interfaces;
    const names = (kind: string) => d.filter((i) => i.kind === kind).map((i) => i.name);
    return { added: names("added"), removed: names("removed"), changed: names("changed") };
  },
};

/** Runs the agent until it stops; resolves to the exit code. */
export async function runAgent(options: RunAgentOptions): Promise<number> {
  const loaded = await loadConfigFile(options.configPath);
  if (!loaded.ok) {
    for (const e of loaded.errors) options.err(`edge6: ${formatMessage(e)}\n`);
    return 1;
  }
  const config = loaded.config;
  const unknown = options.interfaces.filter((n) => !config.interfaces.some((i) => i.name === n));
  if (unknown.length > 0) {
    options.err(`edge6: not in ${options.configPath}: ${unknown.join(", ")}\n`);
    return 2;
  }
  if (config.interfaces.length === 0) {
    options.err(`edge6: ${options.configPath} configures no interface\n`);
    return 2;
  }
  const logger = await createLogger({
    level: config.global.logLevel,
    verbosity: options.verbosity,
    target: config.global.logTarget,
    facility: config.global.logFacility,
  });
  for (const w of loaded.warnings) logger.warn(formatMessage(w));

  const cleanups: (() => void | Promise<void>)[] = [];
  try {
    const monitor = NetlinkMonitor.open();
    cleanups.push(() => monitor.close());
    const rtnl = RtNetlink.open();
    cleanups.push(() => rtnl.close());
    const links = (await rtnl.listLinks()).map(toLinkInfo).sort((a, b) => a.index - b.index);
    const { duid, origin } = await loadOrCreateDuid(
      config.global.duidFile,
      () => links,
      systemClock.wall(),
    );
    logger.log(
      "info",
      `DUID ${[...duid].map((b) => b.toString(16).padStart(2, "0")).join("")} (${
        origin === "file"
          ? `read from ${config.global.duidFile}`
          : origin === "dhcp6c"
          ? `kept from dhcp6c's ${DHCP6C_DUID_FILE}`
          : "created"
      })`,
    );
    const udp = Udp6Socket.open();
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
        random: Math.random,
        config: configPort,
        statusJson: (statuses: readonly InterfaceStatus[]) =>
          buildStatusDocument({
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
      },
    );
    const control = await startControlServer(
      config.global.controlSocket,
      (request) => agent.request(request),
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
    if (options.pidFile !== undefined) {
      const pidFile = options.pidFile;
      await Deno.writeTextFile(pidFile, `${Deno.pid}\n`);
      cleanups.push(() => Deno.remove(pidFile).catch(() => {}));
    }
    return await agent.run();
  } catch (error) {
    logger.log("error", errorText(error));
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
