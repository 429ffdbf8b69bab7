/**
 * What happens on SIGHUP (or `edge6 reload`): the configuration file is read
 * again, compared with the one in force, and the differences are turned into
 * operations on the upstream runtimes. An invalid file keeps the running
 * configuration (every error is logged); unchanged interfaces are left alone;
 * removed ones are stopped (released, unless -n, RFC 9915 §18.2.7); new ones
 * start. A changed one keeps its bindings: the engine redoes only what changed
 * (removed IAs released, added ones asked for in a Renew, §18.2.4) and LAN
 * prefixes move where the downstream layout changed. Only a new DUID or a
 * switch to or from information-only restarts it.
 * @module
 */
import type { ClientConfig } from "../dhcp6/client/types.ts";
import type { Config, InterfaceConfig } from "../config/types.ts";
import type { ControlResponse } from "./control_protocol.ts";
import { errorText } from "./errors.ts";
import type { Logger } from "./ports.ts";
import type { Upstreams } from "./upstreams.ts";

/** Which interfaces changed between two configurations. */
export interface ConfigChanges {
  /** Interfaces only the new configuration has: started on reload. */
  readonly added: readonly string[];
  /** Interfaces only the old configuration has: stopped (released unless -n) on reload. */
  readonly removed: readonly string[];
  /** Interfaces in both whose settings differ: updated in place where the engine can. */
  readonly changed: readonly string[];
}

/** The configuration module as the agent uses it. */
export interface ConfigPort {
  /** Loads and validates a file; throws an Error listing every problem. */
  load(path: string): Promise<Config>;
  /** The engine's configuration for one interface (RFC 9915 §18 knobs). */
  toClientConfig(iface: InterfaceConfig, duid: Uint8Array): ClientConfig;
  /** What differs between two configurations, by interface name. */
  diff(previous: Config, next: Config): ConfigChanges;
}

/** What a reload needs. */
export interface ReloadContext {
  /** The file given at start. */
  readonly path: string;
  /** The configuration in force. */
  readonly current: Config;
  /** Loads and compares configurations. */
  readonly config: ConfigPort;
  /** The interfaces of a configuration that this agent runs (`edge6 run IFACE…`). */
  readonly selected: (config: Config) => readonly InterfaceConfig[];
  /** The runtimes to change. */
  readonly upstreams: Upstreams;
  /** Monotonic time now. */
  readonly now: () => number;
  /** Where the errors of an invalid file go. */
  readonly logger: Logger;
  /** Puts a valid new configuration in force, before any runtime starts under it. */
  readonly adopt: (config: Config) => void;
}

/** Reads the file again and applies the differences to the runtimes; what `edge6 reload` says. */
export async function reload(context: ReloadContext): Promise<ControlResponse> {
  const { upstreams, current, now } = context;
  let next: Config;
  try {
    next = await context.config.load(context.path);
  } catch (error) {
    for (const line of errorText(error).split("\n")) {
      if (line.trim() !== "") context.logger.log("error", `reload: ${line}`);
    }
    return { ok: false, error: `${context.path} is invalid; the running configuration is kept` };
  }
  const changes = context.config.diff(current, next);
  context.adopt(next);
  const wanted = new Set(context.selected(next).map((i) => i.name));
  const done: string[] = [];
  for (const name of changes.removed) {
    if (upstreams.get(name) === undefined) continue;
    upstreams.stop(name, now());
    done.push(`${name} removed`);
  }
  for (const name of changes.added) {
    const iface = next.interfaces.find((i) => i.name === name);
    if (iface === undefined || !wanted.has(name) || upstreams.get(name) !== undefined) continue;
    await upstreams.start(iface);
    done.push(`${name} added`);
  }
  for (const name of changes.changed) {
    const runtime = upstreams.get(name);
    const iface = next.interfaces.find((i) => i.name === name);
    const old = current.interfaces.find((i) => i.name === name);
    if (runtime === undefined || iface === undefined || old === undefined) continue;
    if (sameProtocol(old, iface)) {
      await runtime.rewire(iface, now());
      done.push(`${name} downstream/hook updated`);
      continue;
    }
    const outcome = runtime.configChange(now(), upstreams.clientConfig(iface));
    if (outcome !== "restart") {
      // The new layout first: prefixes of added IA_PDs go to their LANs, while those of
      // removed ones keep what they installed until the engine withdraws them (below,
      // before any Release goes out).
      await runtime.rewire(iface, now());
      await runtime.drain();
      done.push(`${name} updated`);
      continue;
    }
    upstreams.stop(name, now(), () => upstreams.start(iface));
    done.push(`${name} restarted`);
  }
  return {
    ok: true,
    message: done.length === 0 ? "reloaded: nothing changed" : `reloaded: ${done.join(", ")}`,
  };
}

/**
 * True when two interface configurations ask the server for the same thing,
 * so that only the downstream layout or the hook differ.
 */
export function sameProtocol(a: InterfaceConfig, b: InterfaceConfig): boolean {
  const strip = (i: InterfaceConfig) => ({
    ...i,
    script: undefined,
    iaPd: i.iaPd.map((pd) => ({ ...pd, delegate: [] })),
  });
  return JSON.stringify(strip(a)) === JSON.stringify(strip(b));
}
