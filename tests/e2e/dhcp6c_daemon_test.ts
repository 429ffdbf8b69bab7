/**
 * edge6 started as OPNsense and pfSense start dhcp6c: `dhcp6c -c FILE -p
 * PIDFILE IFACE`, through a symlink named dhcp6c to install.sh's wrapper, with
 * no -f. The command returns once the detached agent runs (its own session,
 * standard streams on /dev/null, its pid in PIDFILE), the agent binds an
 * address and a delegated prefix from Kea and installs them, and SIGTERM to
 * the pid in PIDFILE releases them (RFC 9915 §18.2.7), runs the hook's
 * RELEASE and EXIT, and removes the pid file.
 *
 * A dhcp6c.conf has no edge6 settings, so edge6 uses its default paths
 * (/var/lib/edge6, /run/edge6/edge6.sock): the command runs in a private mount
 * namespace with the test's directories bound over /var/lib and /run.
 */
import assert from "node:assert/strict";
import { addressIn, e2eTest, eventually, globalAddresses, withLab } from "./harness.ts";
import {
  alive,
  detachment,
  execWithMounts,
  installWrapper,
  killIfAlive,
  pidIn,
  recordingHook,
} from "./drop_in.ts";
import { sendControlRequest } from "../../src/agent/control_client.ts";
import { exec } from "../../src/agent/lab/exec.ts";

e2eTest(
  "OPNsense's dhcp6c -c FILE -p PIDFILE IFACE: returns, binds, SIGTERM releases",
  async () => {
    await withLab("opnsense", async (lab) => {
      const kea = await lab.startKea();
      const { dhcp6c } = await installWrapper(lab.dir);
      const hook = await recordingHook(lab.dir);
      // OPNsense's generated file (interfaces.inc), with the lab's interfaces.
      const conf = `${lab.dir}/dhcp6c.conf`;
      await Deno.writeTextFile(
        conf,
        [
          "interface wan0 {",
          "  send ia-na 0;",
          "  send ia-pd 0;",
          "  request domain-name-servers;",
          "  request domain-name;",
          `  script "${hook.path}";`,
          "};",
          "id-assoc na 0 { };",
          "id-assoc pd 0 {",
          "  prefix-interface lan0 {",
          "    sla-id 1;",
          "    sla-len 8;",
          "  };",
          "};",
          "",
        ].join("\n"),
      );
      for (const dir of ["run", "varlib"]) await Deno.mkdir(`${lab.dir}/${dir}`);
      const pidFile = `${lab.dir}/dhcp6c_wan0.pid`;
      let pid: number | undefined;
      try {
        const started = await execWithMounts(
          lab.routerNs,
          [[`${lab.dir}/run`, "/run"], [`${lab.dir}/varlib`, "/var/lib"]],
          [dhcp6c, "-c", conf, "-p", pidFile, "wan0"],
        );
        // It returned, with nothing to say, and the agent runs on.
        assert.deepEqual(started, { code: 0, stdout: "", stderr: "" });
        pid = await pidIn(pidFile, 1);
        assert.ok(alive(pid), `the agent (pid ${pid}) runs after the command returned`);
        const { session, streams } = detachment(pid);
        assert.equal(session, pid, "the agent leads a session of its own");
        assert.deepEqual(streams, ["/dev/null", "/dev/null", "/dev/null"]);
        // The detached agent runs with the wrapper's V8 flags (config/v8-flags), as its parent.
        const cmdline = (await Deno.readTextFile(`/proc/${pid}/cmdline`)).split("\0");
        assert.ok(
          cmdline.some((a) => a.startsWith("--v8-flags=") && a.includes("--lite-mode")),
          cmdline.join(" "),
        );

        const wan = await addressIn(lab.routerNs, "wan0", "2001:db8:1::", 64, 30);
        const lan = await addressIn(lab.routerNs, "lan0", "2001:db8:100::", 40, 10);
        await hook.waitFor("REQUEST", 10);
        assert.match(await hook.environment("REQUEST"), /^PDINFO=2001:db8:1[0-9a-f:]+\/56 ?$/m);
        assert.match(
          await hook.environment("REQUEST"),
          /^new_domain_name_servers=2001:db8:1::53 ?$/m,
        );
        const leases = await kea.leases();
        assert.deepEqual(leases.map((l) => l.type).sort(), ["IA_NA", "IA_PD"]);
        // Its control socket is at edge6's default path, here in the test's /run.
        const status = await sendControlRequest(`${lab.dir}/run/edge6/edge6.sock`, {
          command: "status",
        });
        assert.ok(status.ok);
        assert.equal(
          (await Deno.stat(`${lab.dir}/varlib/edge6/duid`)).isFile,
          true,
          "the DUID is kept in edge6's default state directory",
        );

        Deno.kill(pid, "SIGTERM");
        await eventually(
          "the agent to exit after SIGTERM",
          20,
          () => Promise.resolve(alive(pid!) ? undefined : true),
        );
        await assert.rejects(Deno.stat(pidFile), Deno.errors.NotFound, "the pid file is removed");
        assert.deepEqual(await hook.reasons(), ["REQUEST", "RELEASE", "EXIT"]);
        assert.ok(
          !(await globalAddresses(lab.routerNs, "wan0")).some((a) => a.address === wan.address),
        );
        assert.ok(
          !(await globalAddresses(lab.routerNs, "lan0")).some((a) => a.address === lan.address),
        );
        await eventually("Kea to record the release", 10, async () => {
          const all = await kea.leases();
          return all.length === 2 && all.every((l) => l.validLifetime === 0 || l.state !== 0)
            ? true
            : undefined;
        });
      } finally {
        killIfAlive(pid);
      }
    });
  },
);

e2eTest(
  "dhcp6c without -f: a refused start is the agent's one line and a failed command",
  async () => {
    await withLab("opnrefuse", async (lab) => {
      const { dhcp6c } = await installWrapper(lab.dir);
      const conf = `${lab.dir}/dhcp6c.conf`;
      await Deno.writeTextFile(conf, "interface wan0 {\n  information-only;\n};\n");
      for (const dir of ["run", "varlib"]) await Deno.mkdir(`${lab.dir}/${dir}`);
      // Something else holds port 546 in the router namespace, as a dhcp6c still running would.
      const holder = new Deno.Command("ip", {
        args: [
          "netns",
          "exec",
          lab.routerNs,
          "python3",
          "-c",
          [
            "import socket, sys",
            "s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)",
            "s.bind(('::', 546))",
            "sys.stdin.read()",
          ].join("\n"),
        ],
        stdin: "piped",
        stdout: "piped",
      }).spawn();
      try {
        await eventually("the other client to hold port 546", 10, async () => {
          const ss = await exec("ss", ["-Hlun", "sport = :546"], lab.routerNs);
          return ss.stdout.includes(":546") ? true : undefined;
        });
        const mounts = [[`${lab.dir}/run`, "/run"], [`${lab.dir}/varlib`, "/var/lib"]] as const;
        const taken = await execWithMounts(lab.routerNs, mounts, [
          dhcp6c,
          "-c",
          conf,
          "-p",
          `${lab.dir}/dhcp6c.pid`,
          "wan0",
        ]);
        assert.deepEqual(taken, {
          code: 1,
          stdout: "",
          stderr:
            "edge6: UDP port 546 is already in use: another DHCPv6 client (dhcp6c, dhclient, a second edge6) is running; stop it first\n",
        });
        await assert.rejects(Deno.stat(`${lab.dir}/dhcp6c.pid`), Deno.errors.NotFound);
        // A bad configuration: its errors, as in the foreground, and status 1.
        await Deno.writeTextFile(conf, "interface wan0 {\n  send ia-na 0\n};\n");
        const bad = await execWithMounts(lab.routerNs, mounts, [dhcp6c, "-c", conf, "wan0"]);
        assert.equal(bad.code, 1);
        assert.match(bad.stderr, new RegExp(`^edge6: ${conf}:\\d+:\\d+`));
        assert.equal(bad.stdout, "");
      } finally {
        await holder.stdin.close().catch(() => {});
        await holder.status;
        await holder.stdout.cancel().catch(() => {});
      }
    });
  },
);
