/**
 * Throwaway network topologies for the lab and the end-to-end suite: a server
 * namespace and a router namespace joined by a veth pair (the router's WAN),
 * plus veth pairs inside the router namespace for its LANs (the kernel here
 * has no `dummy` module). Interface names only need to be unique inside each
 * namespace, so they are fixed; namespace names carry the creating process id
 * so that leftovers of a dead run can be found and removed.
 * @module
 */
import { exec, execOk } from "./exec.ts";

/** A created topology; `destroy()` removes all of it. */
export interface Topology {
  /** Namespace of the DHCPv6 server. */
  readonly serverNs: string;
  /** Namespace of the router running edge6. */
  readonly routerNs: string;
  /** The server's interface (in `serverNs`) and its global address. */
  readonly serverIf: string;
  /** The global address of `serverIf`, from which the server answers. */
  readonly serverAddress: string;
  /** The router's upstream interface (in `routerNs`). */
  readonly wanIf: string;
  /** The router's downstream interfaces (in `routerNs`), each with a peer. */
  readonly lanIfs: readonly string[];
  /** Removes both namespaces and everything in them. */
  destroy(): Promise<void>;
}

/** Prefix of every namespace made here. */
export const NETNS_PREFIX = "edge6-";

let sequence = 0;

/** Options for `createTopology`. */
export interface TopologyOptions {
  /** A short word for the namespace names (test or lab). */
  readonly tag: string;
  /** How many LAN veth pairs the router gets. */
  readonly lans?: number;
  /** Keep DAD on the WAN (default on; the DAD-failure scenario needs it). */
  readonly wanDad?: boolean;
}

/**
 * Creates `edge6-<tag>-<pid>-<n>-srv` and `…-rtr` with `srv0`↔`wan0` between
 * them and `lanN`↔`hostN` inside the router. Waits until link-local addresses
 * are usable (DAD done). On any failure what was made is removed again.
 */
export async function createTopology(options: TopologyOptions): Promise<Topology> {
  const base = `${NETNS_PREFIX}${options.tag}-${Deno.pid}-${sequence++}`;
  const serverNs = `${base}-srv`;
  const routerNs = `${base}-rtr`;
  const lanIfs = Array.from({ length: options.lans ?? 1 }, (_, i) => `lan${i}`);
  const destroy = async () => {
    for (const ns of [routerNs, serverNs]) await removeNetns(ns);
  };
  try {
    await execOk("ip", ["netns", "add", serverNs]);
    await execOk("ip", ["netns", "add", routerNs]);
    await execOk("ip", [
      "link",
      "add",
      "wan0",
      "netns",
      routerNs,
      "type",
      "veth",
      "peer",
      "name",
      "srv0",
      "netns",
      serverNs,
    ]);
    for (const [i, lan] of lanIfs.entries()) {
      await execOk("ip", [
        "-n",
        routerNs,
        "link",
        "add",
        lan,
        "type",
        "veth",
        "peer",
        "name",
        `host${i}`,
      ]);
    }
    for (const ns of [serverNs, routerNs]) {
      await execOk("sysctl", ["-q", "-w", "net.ipv6.conf.all.disable_ipv6=0"], ns);
      await execOk("ip", ["link", "set", "lo", "up"], ns);
    }
    // Routers do not autoconfigure from RAs; no RA daemon runs here anyway.
    await execOk("sysctl", ["-q", "-w", "net.ipv6.conf.all.forwarding=1"], routerNs);
    if (options.wanDad === false) {
      await execOk("sysctl", ["-q", "-w", "net.ipv6.conf.wan0.accept_dad=0"], routerNs);
    }
    await execOk("ip", ["-n", serverNs, "link", "set", "srv0", "up"]);
    await execOk("ip", ["-n", serverNs, "addr", "add", "2001:db8:1::1/64", "dev", "srv0", "nodad"]);
    await execOk("ip", ["-n", routerNs, "link", "set", "wan0", "up"]);
    for (const [i, lan] of lanIfs.entries()) {
      await execOk("ip", ["-n", routerNs, "link", "set", lan, "up"]);
      await execOk("ip", ["-n", routerNs, "link", "set", `host${i}`, "up"]);
    }
    await waitForLinkLocal(serverNs, "srv0");
    await waitForLinkLocal(routerNs, "wan0");
  } catch (error) {
    await destroy();
    throw error;
  }
  return {
    serverNs,
    routerNs,
    serverIf: "srv0",
    serverAddress: "2001:db8:1::1",
    wanIf: "wan0",
    lanIfs,
    destroy,
  };
}

/** Kills what still runs in `ns`, then deletes it; missing namespaces are fine. */
export async function removeNetns(ns: string): Promise<void> {
  const pids = await exec("ip", ["netns", "pids", ns]);
  if (pids.code === 0) {
    for (const pid of pids.stdout.split(/\s+/).filter((p) => p !== "")) {
      try {
        Deno.kill(Number(pid), "SIGKILL");
      } catch {
        // already gone
      }
    }
  }
  await exec("ip", ["netns", "delete", ns]);
}

/**
 * Removes namespaces left behind by runs that died before cleaning up: those
 * named with this prefix whose creating process no longer exists.
 */
export async function removeStaleNetns(): Promise<string[]> {
  const list = await exec("ip", ["netns", "list"]);
  const removed: string[] = [];
  for (const line of list.stdout.split("\n")) {
    const ns = line.split(" ")[0] ?? "";
    const match = /^edge6-[a-z0-9]+-(\d+)-\d+-(srv|rtr|hst\d*)$/.exec(ns);
    if (match === null) continue;
    if (processExists(Number(match[1]))) continue;
    await removeNetns(ns);
    removed.push(ns);
  }
  return removed;
}

function processExists(pid: number): boolean {
  try {
    Deno.statSync(`/proc/${pid}`);
    return true;
  } catch {
    return false;
  }
}

/**
 * Moves the host end of the router's LAN veth `lanIndex` (`hostN`) into a
 * namespace of its own, `ROUTER_BASE-hstN`, as a LAN host: forwarding off,
 * accepting RAs and forming SLAAC addresses (RFC 4862), as a laptop would.
 * Returns the namespace; remove it with `removeNetns`.
 */
export async function createLanHost(topology: Topology, lanIndex = 0): Promise<string> {
  const ns = topology.routerNs.replace(/-rtr$/, `-hst${lanIndex}`);
  const dev = `host${lanIndex}`;
  try {
    await execOk("ip", ["netns", "add", ns]);
    await execOk("ip", ["-n", topology.routerNs, "link", "set", dev, "netns", ns]);
    for (
      const setting of [
        "net.ipv6.conf.all.disable_ipv6=0",
        "net.ipv6.conf.all.forwarding=0",
        `net.ipv6.conf.${dev}.forwarding=0`,
        `net.ipv6.conf.${dev}.accept_ra=1`,
        `net.ipv6.conf.${dev}.accept_ra_defrtr=1`,
        `net.ipv6.conf.${dev}.accept_ra_pinfo=1`,
        `net.ipv6.conf.${dev}.autoconf=1`,
      ]
    ) {
      await execOk("sysctl", ["-q", "-w", setting], ns);
    }
    await execOk("ip", ["link", "set", "lo", "up"], ns);
    await execOk("ip", ["link", "set", dev, "up"], ns);
    await waitForLinkLocal(ns, dev);
  } catch (error) {
    await removeNetns(ns);
    throw error;
  }
  return ns;
}

/**
 * Gives the router namespace an IPv6 default route through the server's
 * link-local address on the WAN, as an ISP's RA would: the LAN side only
 * advertises itself as a default router with one (RFC 7084 G-4).
 */
export async function addDefaultRoute(topology: Topology): Promise<void> {
  const json = JSON.parse(
    await execOk(
      "ip",
      ["-j", "-6", "addr", "show", "dev", topology.serverIf, "scope", "link"],
      topology.serverNs,
    ),
  ) as { addr_info?: { local?: string }[] }[];
  // `ip -j` lists filtered-out addresses as empty objects.
  const gateway = json.flatMap((l) => l.addr_info ?? []).find((a) => a.local !== undefined)?.local;
  if (gateway === undefined) throw new Error(`${topology.serverIf} has no link-local address`);
  await execOk(
    "ip",
    ["-6", "route", "replace", "default", "via", gateway, "dev", topology.wanIf],
    topology.routerNs,
  );
}

/** Waits (up to ~10 s) until `dev` has a link-local address that is no longer tentative. */
export async function waitForLinkLocal(ns: string, dev: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const json = JSON.parse(await execOk("ip", ["-j", "-6", "addr", "show", "dev", dev], ns)) as {
      addr_info?: { local: string; scope: string; tentative?: boolean }[];
    }[];
    const ready = json.some((link) =>
      (link.addr_info ?? []).some((a) => a.scope === "link" && a.tentative !== true)
    );
    if (ready) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${dev} in ${ns} has no usable link-local address after 10 s`);
}
