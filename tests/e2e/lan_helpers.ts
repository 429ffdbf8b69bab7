/**
 * What the LAN end-to-end tests read on the host side: its SLAAC addresses
 * and default route (`ip -j` in the host namespace), what `rdisc6` (Debian's
 * ndisc6) hears when it solicits, and the agent's LAN status.
 */
import { exec, execOk, haveProgram } from "../../src/agent/lab/exec.ts";
import { prefixContains } from "../../src/dhcp6/ipv6.ts";
import { type E2eLab, eventually, globalAddresses, type KernelAddress } from "./harness.ts";

/** The `[lan.lan0]` table the LAN scenarios use: short intervals, defaults otherwise. */
export const LAN_TOML = [
  "[lan.lan0]",
  "max_interval = 20",
  "min_interval = 5",
].join("\n");

/** A default route as the host's kernel holds it. */
export interface HostRoute {
  /** The router it goes through. */
  readonly gateway: string | undefined;
  /** The interface. */
  readonly dev: string | undefined;
  /** "ra" for a route learned from a Router Advertisement. */
  readonly protocol: string | undefined;
}

/** The host's IPv6 default routes. */
export async function defaultRoutes(ns: string): Promise<HostRoute[]> {
  const json = JSON.parse(
    await execOk("ip", ["-j", "-6", "route", "show", "default"], ns),
  ) as { gateway?: string; dev?: string; protocol?: string }[];
  return json.map((r) => ({ gateway: r.gateway, dev: r.dev, protocol: r.protocol }));
}

/** Waits for a usable SLAAC address of the host in `subnet`/64. */
export async function hostAddressIn(
  ns: string,
  subnet: string,
  seconds: number,
  dev = "host0",
): Promise<KernelAddress> {
  return await eventually(
    `the host's address in ${subnet}/64`,
    seconds,
    async () =>
      (await globalAddresses(ns, dev)).find((a) =>
        !a.tentative && prefixContains(subnet, 64, a.address)
      ),
  );
}

/** The router's link-local address on `dev` in its namespace. */
export async function linkLocalOf(ns: string, dev: string): Promise<string> {
  const json = JSON.parse(
    await execOk("ip", ["-j", "-6", "addr", "show", "dev", dev, "scope", "link"], ns),
  ) as { addr_info?: { local?: string }[] }[];
  const address = json.flatMap((l) => l.addr_info ?? []).find((a) => a.local !== undefined)?.local;
  if (address === undefined) throw new Error(`${dev} has no link-local address`);
  return address;
}

/** Whether `rdisc6` is installed. */
export function haveRdisc6(): boolean {
  return haveProgram("rdisc6") || haveProgram("/usr/bin/rdisc6");
}

/** Solicits once with rdisc6 from the host and returns what it printed about the RA. */
export async function rdisc6(ns: string, dev = "host0"): Promise<string> {
  const r = await exec("rdisc6", ["-1", "-n", "-w", "2000", "-r", "3", dev], ns);
  if (r.code !== 0) throw new Error(`rdisc6 exited ${r.code}: ${r.stderr}${r.stdout}`);
  return r.stdout;
}

/** The agent's status document (`edge6 status --json`). */
export async function statusJson(lab: E2eLab): Promise<Record<string, unknown>> {
  const r = await lab.edge6("status", "--json", "-c", `${lab.dir}/edge6.toml`);
  if (r.code !== 0) throw new Error(`edge6 status: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

/** The `ip -6 addr show dev DEV` text of the host, as an operator reads it. */
export async function hostAddrText(ns: string, dev = "host0"): Promise<string> {
  return await execOk("ip", ["-6", "addr", "show", "dev", dev], ns);
}
