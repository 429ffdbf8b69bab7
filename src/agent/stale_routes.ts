/**
 * Unreachable routes (RFC 7084 WPD-5) that a previous run left in the kernel
 * for prefixes no saved lease holds any more (it was killed, then its lease
 * expired or was lost): the kernel never expires them, so they are removed at
 * start. Routes of every configured interface's unexpired saved lease stay;
 * the engines resume those (RFC 9915 §18.2.12).
 * @module
 */
import type { Config } from "../config/types.ts";
import type { Clock } from "./clock.ts";
import { errorText } from "./errors.ts";
import { loadLease } from "./lease_store.ts";
import type { Logger, NetConfig } from "./ports.ts";
import { unreachableRoute, unreachableRoutes } from "./prefix_delegation.ts";

/** Removes the DHCP unreachable routes that no saved lease of `config` accounts for. */
export async function removeStaleRoutes(
  config: Config,
  net: NetConfig,
  clock: Clock,
  logger: Logger,
): Promise<void> {
  const kept = new Set<string>();
  for (const iface of config.interfaces) {
    if (iface.informationOnly) continue;
    let saved = null;
    try {
      saved = await loadLease(config.global.stateDir, iface.name, clock.wall());
    } catch {
      continue; // the runtime logs it at start; the engine will not resume it either
    }
    for (const p of saved?.prefixes ?? []) {
      for (const route of unreachableRoutes(p)) kept.add(`${route.prefix}/${route.prefixLength}`);
    }
  }
  let routes;
  try {
    routes = await net.unreachableRoutes();
  } catch (error) {
    logger.log("warn", `reading routes failed: ${errorText(error)}`);
    return;
  }
  for (const route of routes) {
    const canonical = unreachableRoute(route.prefix, route.prefixLength);
    const key = `${canonical.prefix}/${canonical.prefixLength}`;
    if (kept.has(key)) continue;
    logger.log("notice", `removing unreachable route ${key} left by an earlier run`);
    try {
      await net.removeUnreachableRoute(route.prefix, route.prefixLength);
    } catch (error) {
      logger.log("warn", `removing unreachable route ${key} failed: ${errorText(error)}`);
    }
  }
}
