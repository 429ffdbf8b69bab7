/**
 * Finds the agent's control socket for the client commands (`status`,
 * `renew`, `rebind`, `release`, `reload`): `-s SOCKET` if given, else the
 * `control_socket` of the configuration (`-c FILE`, else the file `run`
 * would find), else the built-in default; and sends them their one request
 * there.
 * @module
 */
import { DEFAULT_GLOBAL } from "../config/defaults.ts";
import { loadConfigFile } from "../config/load.ts";
import { findConfig } from "./config_search.ts";
import { sendControlRequest } from "../agent/control_client.ts";
import type { ControlCommand, ControlResponse } from "../agent/control_protocol.ts";

/** The socket path for `-s`/`-c` as given. */
export async function controlSocketPath(socket?: string, configPath?: string): Promise<string> {
  if (socket !== undefined) return socket; // -s: no configuration is read (nor its reader loaded)
  let path = configPath;
  if (path === undefined) {
    const search = await findConfig();
    if (!search.found) return DEFAULT_GLOBAL.controlSocket;
    path = search.path;
  }
  const result = await loadConfigFile(path);
  if (result.ok) return result.config.global.controlSocket;
  if (configPath !== undefined) {
    throw new Error(`cannot read ${configPath} to find the control socket; use -s SOCKET`);
  }
  return DEFAULT_GLOBAL.controlSocket;
}

/**
 * Sends `command` to the agent whose socket `-s`/`-c` name, for one interface
 * when `iface` is given, else for all; returns the agent's answer.
 */
export async function requestAgent(
  command: ControlCommand,
  iface: string | undefined,
  flags: { s?: string; c?: string },
): Promise<ControlResponse> {
  const path = await controlSocketPath(flags.s, flags.c);
  return await sendControlRequest(
    path,
    iface === undefined ? { command } : { command, interface: iface },
  );
}
