/**
 * Debian's and Ubuntu's stock dhcp6c.conf, as the wide-dhcpv6-client package
 * installs it (`profile default { information-only; … }`, no interface
 * statement), run as Debian's init script runs dhcp6c: `-P default` and the
 * WAN interface. It gets DNS servers and the domain list from Kea, and its
 * script sees them under dhcp6c's variable names.
 *
 * The file has no global settings, so edge6 uses its default paths
 * (/var/lib/edge6, /run/edge6/edge6.sock); the agent runs in a private mount
 * namespace with tmpfs there, and with a recording hook bind-mounted over
 * Debian's dhcp6c-script (which would rewrite /etc/resolv.conf), so that
 * nothing on the host is touched.
 */
import assert from "node:assert/strict";
import { e2eTest, eventually, logMatch, withLab } from "./harness.ts";

const MAIN = new URL("../../main.ts", import.meta.url).pathname;
const STOCK = "/etc/wide-dhcpv6/dhcp6c.conf";
const STOCK_SCRIPT = "/etc/wide-dhcpv6/dhcp6c-script";

/** Why the test cannot run: install.sh installs wide-dhcpv6-client for its stock file. */
function stockMissing(): string | undefined {
  try {
    Deno.statSync(STOCK);
    Deno.statSync(STOCK_SCRIPT);
    return undefined;
  } catch {
    return `${STOCK} is missing (install.sh installs wide-dhcpv6-client)`;
  }
}

e2eTest("Debian's stock dhcp6c.conf with -P default gets DNS and domains from Kea", async () => {
  const missing = stockMissing();
  if (missing !== undefined) {
    if (Deno.env.get("EDGE6_REQUIRE_E2E") === "1") throw new Error(missing);
    console.error(`\n!!! SKIPPED Debian profile end-to-end test: ${missing} !!!\n`);
    return;
  }
  const text = await Deno.readTextFile(STOCK);
  assert.match(text, /^profile default\s*$/m, `${STOCK} is Debian's stock file`);
  assert.doesNotMatch(text, /^\s*interface\s/m);
  await withLab("debprof", async (lab) => {
    await lab.startKea({
      dnsServers: ["2001:db8:1::53", "2001:db8:1::54"],
      domainSearch: ["lab.example"],
    });
    const hook = `${lab.dir}/hook.sh`;
    await Deno.writeTextFile(hook, `#!/bin/sh\nenv > "${lab.dir}/hook-$REASON.env"\n`);
    await Deno.chmod(hook, 0o755);
    const mounts = [
      "mount -t tmpfs edge6-e2e /var/lib",
      "mount -t tmpfs edge6-e2e /run",
      `mount --bind "$0" ${STOCK_SCRIPT}`,
      'exec "$@"',
    ].join(" && ");
    const child = new Deno.Command("ip", {
      args: [
        "netns",
        "exec",
        lab.routerNs,
        "unshare",
        "--mount",
        "--propagation",
        "private",
        "sh",
        "-c",
        mounts,
        hook,
        Deno.execPath(),
        "run",
        "-A",
        "--cached-only",
        MAIN,
        "run",
        "-f",
        "-c",
        STOCK,
        "-D",
        "-P",
        "default",
        "wan0",
      ],
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    let log = "";
    const decoder = new TextDecoder();
    const collect = async (stream: ReadableStream<Uint8Array>) => {
      for await (const chunk of stream) log += decoder.decode(chunk, { stream: true });
    };
    const reading = Promise.all([collect(child.stdout), collect(child.stderr)]);
    const agent = {
      log: () => log,
      pid: child.pid,
      kill: (signal: Deno.Signal) => child.kill(signal),
      exited: async () => (await child.status).code,
    };
    try {
      await logMatch(agent, /-> informed/, 30);
      const env = await eventually("the profile's script to run", 15, async () => {
        try {
          return await Deno.readTextFile(`${lab.dir}/hook-INFOREQ.env`);
        } catch {
          return undefined;
        }
      });
      // dhcp6c's lists end with a space; edge6 keeps that for its scripts.
      assert.match(env, /^new_domain_name_servers=2001:db8:1::53 2001:db8:1::54 ?$/m);
      assert.match(env, /^new_domain_name=lab\.example\.? ?$/m);
      assert.match(env, /^INTERFACE=wan0$/m);
      assert.match(env, /^REASON=INFOREQ$/m);
    } catch (error) {
      console.error(`--- agent log ---\n${log}`);
      throw error;
    } finally {
      try {
        child.kill("SIGTERM");
      } catch {
        // Already gone.
      }
      await child.status;
      await reading.catch(() => {});
    }
  });
});
