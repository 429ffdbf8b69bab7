/**
 * ISC Kea's DHCPv6 server run inside a namespace, for the lab and the
 * end-to-end suite: a generated configuration (IA_NA and IA_PD pools, DNS and
 * domain options, short timers, rapid commit on demand), private pid, lock and
 * data directories, a memfile lease file that is read back as the server's
 * view of the bindings.
 * @module
 */
import { haveProgram } from "./exec.ts";

/** The knobs a scenario turns. Times are seconds. */
export interface KeaOptions {
  /** The server-side interface Kea listens on (in its namespace). */
  readonly interfaceName: string;
  /** T1 sent to clients (default half the valid lifetime). */
  readonly renewTimer?: number;
  /** T2 sent to clients (default 0.8 of the valid lifetime). */
  readonly rebindTimer?: number;
  /** Preferred lifetime of leases (default 0.9 of the valid lifetime). */
  readonly preferredLifetime?: number;
  /** Valid lifetime of leases (default 120). */
  readonly validLifetime?: number;
  /** Answer a Solicit with Rapid Commit by a Reply (RFC 9915 §18.3.1). */
  readonly rapidCommit?: boolean;
  /** The address pool (default 2001:db8:1::100 - 2001:db8:1::1ff). */
  readonly pool?: string;
  /** The delegated prefix pool (default 2001:db8:100::/40, /56 each). */
  readonly pdPrefix?: string;
  /** Length of the delegated prefix pool (default 40). */
  readonly pdPrefixLength?: number;
  /** Length of each delegated prefix (default 56). */
  readonly pdDelegatedLength?: number;
  /**
   * A prefix excluded from the delegated prefixes (RFC 6603: Kea sends it in
   * OPTION_PD_EXCLUDE to a client that asks for option 67); none by default.
   */
  readonly pdExcluded?: { readonly prefix: string; readonly prefixLength: number };
  /** DNS Recursive Name Server option values (RFC 3646; default 2001:db8:1::53). */
  readonly dnsServers?: readonly string[];
  /** Domain Search List values (RFC 3646; default lab.example). */
  readonly domainSearch?: readonly string[];
  /**
   * More server-side links (the benchmark's 32 upstreams): the Nth gets a
   * subnet of its own, 2001:db8:1:N::/64 with addresses ::100–::1ff, and
   * /56 prefixes from 2001:db8:N00::/48 (N counted from 1, in hex).
   */
  readonly moreInterfaces?: readonly string[];
}

/** The subnet Kea serves on `options.moreInterfaces[i]`. */
function extraSubnet(name: string, i: number): Record<string, unknown> {
  const n = (i + 1).toString(16);
  return {
    id: i + 2,
    subnet: `2001:db8:1:${n}::/64`,
    interface: name,
    pools: [{ pool: `2001:db8:1:${n}::100 - 2001:db8:1:${n}::1ff` }],
    "pd-pools": [{ prefix: `2001:db8:${n}00::`, "prefix-len": 48, "delegated-len": 56 }],
  };
}

/** One row of Kea's memfile lease CSV, the fields the tests assert on. */
export interface KeaLease {
  /** The leased address, or the delegated prefix's address. */
  readonly address: string;
  /** The client's DUID in lowercase hex, without the colons Kea writes. */
  readonly duid: string;
  /** Valid lifetime granted, seconds. */
  readonly validLifetime: number;
  /** When the lease expires, seconds since the Unix epoch. */
  readonly expire: number;
  /** Preferred lifetime granted, seconds. */
  readonly preferredLifetime: number;
  /** The lease type, from Kea's numeric `lease_type` (IA_TA is never asked for here). */
  readonly type: "IA_NA" | "IA_PD" | "IA_TA";
  /** The IAID of the IA that holds the lease. */
  readonly iaid: number;
  /** 128 for an address; the delegated length for a prefix. */
  readonly prefixLength: number;
  /** 0 default, 1 declined, 2 expired-reclaimed (Kea's lease states). */
  readonly state: number;
}

/** The server DUID Kea uses (fixed, so it survives restarts: DUID-EN, RFC 9915 §11.3). */
export const KEA_SERVER_DUID = "000200000009c0ffee0001";

/** Builds the Kea `Dhcp6` configuration for `options`, with files under `dir`. */
export function keaConfig(options: KeaOptions, dir: string): unknown {
  const valid = options.validLifetime ?? 120;
  return {
    Dhcp6: {
      "interfaces-config": {
        interfaces: [options.interfaceName, ...(options.moreInterfaces ?? [])],
      },
      "data-directory": dir,
      "server-id": { type: "EN", "enterprise-id": 9, identifier: "c0ffee0001", persist: false },
      "lease-database": {
        type: "memfile",
        persist: true,
        name: `${dir}/leases6.csv`,
        "lfc-interval": 0,
      },
      "expired-leases-processing": { "reclaim-timer-wait-time": 1, "hold-reclaimed-time": 3600 },
      "renew-timer": options.renewTimer ?? Math.floor(valid / 2),
      "rebind-timer": options.rebindTimer ?? Math.floor(valid * 0.8),
      "preferred-lifetime": options.preferredLifetime ?? Math.floor(valid * 0.9),
      "valid-lifetime": valid,
      "option-data": [
        { name: "dns-servers", data: (options.dnsServers ?? ["2001:db8:1::53"]).join(", ") },
        { name: "domain-search", data: (options.domainSearch ?? ["lab.example"]).join(", ") },
      ],
      subnet6: [
        {
          id: 1,
          subnet: "2001:db8:1::/64",
          interface: options.interfaceName,
          "rapid-commit": options.rapidCommit ?? false,
          pools: [{ pool: options.pool ?? "2001:db8:1::100 - 2001:db8:1::1ff" }],
          "pd-pools": [{
            prefix: options.pdPrefix ?? "2001:db8:100::",
            "prefix-len": options.pdPrefixLength ?? 40,
            "delegated-len": options.pdDelegatedLength ?? 56,
            ...(options.pdExcluded === undefined ? {} : {
              "excluded-prefix": options.pdExcluded.prefix,
              "excluded-prefix-len": options.pdExcluded.prefixLength,
            }),
          }],
        },
        ...(options.moreInterfaces ?? []).map((name, i) => ({
          ...extraSubnet(name, i),
          "rapid-commit": options.rapidCommit ?? false,
        })),
      ],
      loggers: [{
        name: "kea-dhcp6",
        severity: "INFO",
        "output_options": [{ output: `${dir}/kea.log` }],
      }],
    },
  };
}

/** A running Kea; `stop()` ends it, `start()` starts it again with the same files. */
export interface KeaServer {
  /** The directory holding Kea's configuration, pid, lock, log and lease files. */
  readonly dir: string;
  /** Path of the memfile lease CSV. */
  readonly leaseFile: string;
  /** Starts Kea unless it runs; resolves once its sockets are open, else rejects with its log. */
  start(): Promise<void>;
  /** Ends Kea and waits for it to exit; its lease file stays. */
  stop(): Promise<void>;
  /** The current lease per (type, address): the last row of each wins (memfile appends). */
  leases(): Promise<KeaLease[]>;
  /** Kea's log so far (for failure messages). */
  log(): Promise<string>;
}

/** True when `kea-dhcp6` is installed. */
export function haveKea(): boolean {
  return haveProgram("kea-dhcp6") || haveProgram("/usr/sbin/kea-dhcp6");
}

/**
 * Writes the configuration to `dir` and starts `kea-dhcp6` in `netns`. Resolves
 * once Kea has opened its sockets (its log says so) or rejects with its log.
 */
export async function startKea(
  netns: string,
  dir: string,
  options: KeaOptions,
): Promise<KeaServer> {
  await Deno.mkdir(dir, { recursive: true });
  const configPath = `${dir}/kea-dhcp6.conf`;
  await Deno.writeTextFile(configPath, JSON.stringify(keaConfig(options, dir), null, 2));
  const leaseFile = `${dir}/leases6.csv`;
  let child: Deno.ChildProcess | undefined;
  const program = haveProgram("kea-dhcp6") ? "kea-dhcp6" : "/usr/sbin/kea-dhcp6";
  const log = async () => {
    try {
      return await Deno.readTextFile(`${dir}/kea.log`);
    } catch {
      return "(no log)";
    }
  };
  const server: KeaServer = {
    dir,
    leaseFile,
    async start() {
      if (child !== undefined) return;
      child = new Deno.Command("ip", {
        args: ["netns", "exec", netns, program, "-c", configPath],
        env: { KEA_PIDFILE_DIR: dir, KEA_LOCKFILE_DIR: dir, KEA_LOG_CHECK_VERBOSE: "0" },
        stdin: "null",
        stdout: "null",
        stderr: "piped",
      }).spawn();
      const before = (await log()).split("DHCP6_STARTED").length;
      for (let i = 0; i < 200; i++) {
        const text = await log();
        if (text.split("DHCP6_STARTED").length > before) return;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await server.stop();
      throw new Error(`kea-dhcp6 did not start in ${netns}; log:\n${await log()}`);
    },
    async stop() {
      if (child === undefined) return;
      const running = child;
      child = undefined;
      try {
        running.kill("SIGTERM");
      } catch {
        // already exited
      }
      const status = await running.status;
      await running.stderr.cancel().catch(() => {});
      void status;
    },
    async leases() {
      let text: string;
      try {
        text = await Deno.readTextFile(leaseFile);
      } catch (error) {
        if (error instanceof Deno.errors.NotFound) return [];
        throw error;
      }
      return parseKeaLeases(text);
    },
    log,
  };
  await server.start();
  return server;
}

/**
 * Parses Kea's memfile CSV (`address,duid,valid_lifetime,expire,subnet_id,
 * pref_lifetime,lease_type,iaid,prefix_len,…,state,…`) by its header, keeping
 * the last row per (type, address) since memfile appends every change.
 */
export function parseKeaLeases(text: string): KeaLease[] {
  const lines = text.split("\n").filter((l) => l.trim() !== "");
  const header = (lines.shift() ?? "").split(",");
  const col = (name: string) => {
    const i = header.indexOf(name);
    if (i < 0) throw new SyntaxError(`Kea lease file header has no "${name}" column`);
    return i;
  };
  const c = {
    address: col("address"),
    duid: col("duid"),
    valid: col("valid_lifetime"),
    expire: col("expire"),
    preferred: col("pref_lifetime"),
    type: col("lease_type"),
    iaid: col("iaid"),
    length: col("prefix_len"),
    state: col("state"),
  };
  const byKey = new Map<string, KeaLease>();
  for (const line of lines) {
    const f = line.split(",");
    const typeCode = Number(f[c.type]);
    const lease: KeaLease = {
      address: f[c.address] ?? "",
      duid: (f[c.duid] ?? "").replaceAll(":", "").toLowerCase(),
      validLifetime: Number(f[c.valid]),
      expire: Number(f[c.expire]),
      preferredLifetime: Number(f[c.preferred]),
      type: typeCode === 2 ? "IA_PD" : typeCode === 1 ? "IA_TA" : "IA_NA",
      iaid: Number(f[c.iaid]),
      prefixLength: Number(f[c.length]),
      state: Number(f[c.state]),
    };
    byKey.set(`${lease.type} ${lease.address}`, lease);
  }
  return [...byKey.values()];
}
