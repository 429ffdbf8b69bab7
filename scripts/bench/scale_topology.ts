/**
 * The benchmark's many-upstream topology: a server namespace and a router
 * namespace joined by N veth pairs (`srvI` ↔ `wanI`), each its own link with
 * its own Kea subnet (src/agent/lab/kea.ts, `moreInterfaces`), plus one LAN
 * veth in the router. Built with `ip -batch` so that 32 links take one
 * command per namespace, not a hundred.
 * @module
 */
import { execOk } from "../../src/agent/lab/exec.ts";
import { NETNS_PREFIX, removeNetns, waitForLinkLocal } from "../../src/agent/lab/netns.ts";

/** A created many-upstream topology. */
export interface ScaleTopology {
  /** The server namespace (Kea). */
  readonly serverNs: string;
  /** The router namespace (the client under test). */
  readonly routerNs: string;
  /** Server-side interfaces, `srv0`… */
  readonly serverIfs: readonly string[];
  /** Router-side upstream interfaces, `wan0`… */
  readonly wanIfs: readonly string[];
  /** Removes both namespaces. */
  destroy(): Promise<void>;
}

let sequence = 0;

/** Creates `links` upstream links; on failure removes what was made. */
export async function createScaleTopology(links: number, dir: string): Promise<ScaleTopology> {
  const base = `${NETNS_PREFIX}bench-${Deno.pid}-${100 + sequence++}`;
  const serverNs = `${base}-srv`;
  const routerNs = `${base}-rtr`;
  const serverIfs = Array.from({ length: links }, (_, i) => `srv${i}`);
  const wanIfs = Array.from({ length: links }, (_, i) => `wan${i}`);
  const destroy = async () => {
    for (const ns of [routerNs, serverNs]) await removeNetns(ns);
  };
  try {
    await execOk("ip", ["netns", "add", serverNs]);
    await execOk("ip", ["netns", "add", routerNs]);
    for (const ns of [serverNs, routerNs]) {
      await execOk("sysctl", ["-q", "-w", "net.ipv6.conf.all.disable_ipv6=0"], ns);
      await execOk("ip", ["link", "set", "lo", "up"], ns);
    }
    await execOk("sysctl", ["-q", "-w", "net.ipv6.conf.all.forwarding=1"], routerNs);
    const batch = `${dir}/links.batch`;
    await Deno.writeTextFile(
      batch,
      [
        ...wanIfs.map((w, i) =>
          `link add ${w} netns ${routerNs} type veth peer name ${serverIfs[i]} netns ${serverNs}`
        ),
        "",
      ].join("\n"),
    );
    await execOk("ip", ["-batch", batch]);
    await Deno.writeTextFile(
      batch,
      [
        "link add lan0 type veth peer name host0",
        "link set lan0 up",
        "link set host0 up",
        ...wanIfs.map((w) => `link set ${w} up`),
        "",
      ].join("\n"),
    );
    await execOk("ip", ["-n", routerNs, "-batch", batch]);
    await Deno.writeTextFile(
      batch,
      [
        ...serverIfs.map((s) => `link set ${s} up`),
        ...serverIfs.map((s, i) =>
          `addr add 2001:db8:1${i === 0 ? "" : `:${i.toString(16)}`}::1/64 dev ${s} nodad`
        ),
        "",
      ].join("\n"),
    );
    await execOk("ip", ["-n", serverNs, "-batch", batch]);
    for (const s of serverIfs) await waitForLinkLocal(serverNs, s);
    for (const w of wanIfs) await waitForLinkLocal(routerNs, w);
  } catch (error) {
    await destroy();
    throw error;
  }
  return { serverNs, routerNs, serverIfs, wanIfs, destroy };
}
