/**
 * Debian's own init script for dhcp6c, from the wide-dhcpv6-client package,
 * unchanged (its checksum is the package's), running edge6 in dhcp6c's
 * place with the package's stock /etc/wide-dhcpv6/dhcp6c.conf
 * (`profile default`, information-only): the script runs
 * `start-stop-daemon --start --pidfile /var/run/dhcp6c.pid --exec
 * /usr/sbin/dhcp6c -- -Pdefault $INTERFACES`, waits 2 s and checks the pid
 * file; `stop` sends SIGTERM with a retry schedule of TERM/20/forever/KILL/1.
 *
 * Everything runs in the lab's router namespace and in a private mount
 * namespace where install.sh's edge6 wrapper is bound over /usr/sbin/dhcp6c,
 * an /etc/default/wide-dhcpv6-client naming the lab's WAN over the real one,
 * a recording hook over Debian's dhcp6c-script (which would rewrite the
 * host's /etc/resolv.conf), and the test's directories over /run and
 * /var/lib (the pid file, edge6's control socket, state and DUID).
 */
import assert from "node:assert/strict";
import { e2eTest, eventually, withLab } from "./harness.ts";
import {
  alive,
  type BindMount,
  detachment,
  execWithMounts,
  installWrapper,
  killIfAlive,
  pidIn,
  recordingHook,
} from "./drop_in.ts";
import { exec } from "../../src/agent/lab/exec.ts";

const INIT_SCRIPT = "/etc/init.d/wide-dhcpv6-client";
const STOCK_CONF = "/etc/wide-dhcpv6/dhcp6c.conf";

/** Why Debian's files are not usable here, or undefined when they are the package's own. */
async function debianFilesMissing(): Promise<string | undefined> {
  for (const path of [INIT_SCRIPT, STOCK_CONF, "/usr/sbin/dhcp6c", "/sbin/start-stop-daemon"]) {
    try {
      await Deno.stat(path);
    } catch {
      return `${path} is missing (install.sh installs wide-dhcpv6-client)`;
    }
  }
  return undefined;
}

/** The package's recorded checksums of its configuration files, by path. */
async function packageChecksums(): Promise<Map<string, string>> {
  const r = await exec("dpkg-query", ["-W", "-f=${Conffiles}", "wide-dhcpv6-client"]);
  assert.equal(r.code, 0, r.stderr);
  return new Map(
    r.stdout.split("\n").map((l) => l.trim().split(/\s+/)).filter((f) => f.length >= 2).map((
      f,
    ) => [f[0]!, f[1]!]),
  );
}

/** md5sum of a file. */
async function md5(path: string): Promise<string> {
  const r = await exec("md5sum", [path]);
  assert.equal(r.code, 0, r.stderr);
  return r.stdout.split(" ")[0]!;
}

e2eTest("Debian's init script runs edge6 as dhcp6c: start, status, stop, restart", async () => {
  const missing = await debianFilesMissing();
  if (missing !== undefined) {
    if (Deno.env.get("EDGE6_REQUIRE_E2E") === "1") throw new Error(missing);
    console.error(`\n!!! SKIPPED Debian init script end-to-end test: ${missing} !!!\n`);
    return;
  }
  const sums = await packageChecksums();
  for (const path of [INIT_SCRIPT, STOCK_CONF]) {
    assert.equal(await md5(path), sums.get(path), `${path} is the package's own, unchanged`);
  }
  assert.match(await Deno.readTextFile(STOCK_CONF), /^profile default\s*$/m);

  await withLab("debinit", async (lab) => {
    await lab.startKea();
    const { edge6 } = await installWrapper(lab.dir);
    const hook = await recordingHook(lab.dir);
    const defaults = `${lab.dir}/wide-dhcpv6-client`;
    // VERBOSE=2: the script passes -D, which edge6 takes as dhcp6c does.
    await Deno.writeTextFile(defaults, 'INTERFACES="wan0"\nVERBOSE=2\n');
    for (const dir of ["run", "varlib"]) await Deno.mkdir(`${lab.dir}/${dir}`);
    const mounts: BindMount[] = [
      [edge6, "/usr/sbin/dhcp6c"],
      [defaults, "/etc/default/wide-dhcpv6-client"],
      [hook.path, "/etc/wide-dhcpv6/dhcp6c-script"],
      [`${lab.dir}/run`, "/run"],
      [`${lab.dir}/varlib`, "/var/lib"],
    ];
    const pidFile = `${lab.dir}/run/dhcp6c.pid`;
    const transcript: string[] = [];
    const script = async (action: string) => {
      const r = await execWithMounts(lab.routerNs, mounts, [INIT_SCRIPT, action]);
      transcript.push(`$ ${INIT_SCRIPT} ${action}\n${r.stdout}${r.stderr}[exit ${r.code}]`);
      return r;
    };
    const pids: number[] = [];
    try {
      // start: success, and the agent runs detached with its pid in dhcp6c's pid file.
      const start = await script("start");
      assert.equal(start.code, 0, start.stdout + start.stderr);
      assert.match(start.stdout, /^Starting WIDE DHCPv6 client: dhcp6c\.?\s*$/);
      assert.equal(start.stderr, "");
      const pid = await pidIn(pidFile, 1);
      pids.push(pid);
      assert.ok(alive(pid));
      assert.deepEqual(detachment(pid), {
        session: pid,
        streams: ["/dev/null", "/dev/null", "/dev/null"],
      });

      // The agent gets information from Kea (Information-request, RFC 9915 §18.2.6).
      await hook.waitFor("INFOREQ", 30);
      const env = await hook.environment("INFOREQ");
      assert.match(env, /^new_domain_name_servers=2001:db8:1::53 ?$/m);
      assert.match(env, /^new_domain_name=lab\.example\.? ?$/m);
      assert.match(env, /^INTERFACE=wan0$/m);
      const agentStatus = JSON.parse(
        await eventually("edge6 status over the control socket", 10, async () => {
          const r = await lab.edge6("status", "--json", "-s", `${lab.dir}/run/edge6/edge6.sock`);
          return r.code === 0 ? r.stdout : undefined;
        }),
      );
      assert.equal(agentStatus.interfaces[0].name, "wan0");
      assert.equal(agentStatus.interfaces[0].state, "informed");
      assert.deepEqual(agentStatus.interfaces[0].dns_servers, ["2001:db8:1::53"]);

      // status: the script finds it running through the pid file.
      const status = await script("status");
      assert.equal(status.code, 0);
      assert.equal(status.stdout, "Status of dhcp6c: \ndhcp6c is running.\n");

      // stop: SIGTERM ends it within the first step of the retry schedule
      // (the EXIT hook runs only on a clean stop, never after SIGKILL).
      const stop = await script("stop");
      assert.equal(stop.code, 0, stop.stdout + stop.stderr);
      assert.match(stop.stdout, /^Stopping WIDE DHCPv6 client: dhcp6c\.?\s*$/);
      assert.ok(!alive(pid), "stopped");
      await hook.waitFor("EXIT", 5);
      await assert.rejects(Deno.stat(pidFile), Deno.errors.NotFound);
      const stopped = await script("status");
      assert.equal(stopped.code, 3);
      assert.equal(stopped.stdout, "Status of dhcp6c: \ndhcp6c is not running.\n");

      // restart, from stopped and from running.
      for (const round of [2, 3]) {
        const restart = await script("restart");
        assert.equal(restart.code, 0, restart.stdout + restart.stderr);
        assert.match(restart.stdout, /Starting WIDE DHCPv6 client: dhcp6c\.?\s*$/);
        const again = await pidIn(pidFile, 1);
        pids.push(again);
        assert.ok(alive(again));
        assert.ok(pids.slice(0, -1).every((p) => !alive(p)), "the previous agent is gone");
        await hook.waitFor("INFOREQ", 30, round);
      }
      assert.equal((await hook.reasons()).filter((r) => r === "EXIT").length, 2);
      const last = await script("stop");
      assert.equal(last.code, 0);
      assert.ok(pids.every((p) => !alive(p)));
      console.log(`--- Debian's init script, running edge6 ---\n${transcript.join("\n")}`);
    } catch (error) {
      console.error(`--- init script transcript ---\n${transcript.join("\n")}`);
      throw error;
    } finally {
      for (const pid of pids) killIfAlive(pid);
    }
  });
});
