/**
 * What a router operator meets when switching to edge6: a second DHCPv6
 * client on the same link is refused with one line (the first keeps its
 * lease); an agent started on a link that is down waits and binds when it
 * comes up; the default log (no -d) is one line per event.
 */
import assert from "node:assert/strict";
import { addressIn, e2eTest, eventually, withLab } from "./harness.ts";
import { execOk } from "../../src/agent/lab/exec.ts";
import { sendControlRequest } from "../../src/agent/control_client.ts";

const MAIN = new URL("../../main.ts", import.meta.url).pathname;

/** `edge6 run -f ARGS` in `ns`, with stderr collected as it comes. */
function spawnAgent(ns: string, args: readonly string[]) {
  const child = new Deno.Command("ip", {
    args: [
      "netns",
      "exec",
      ns,
      Deno.execPath(),
      "run",
      "-A",
      "--cached-only",
      MAIN,
      "run",
      "-f",
      ...args,
    ],
    stdin: "null",
    stdout: "null",
    stderr: "piped",
  }).spawn();
  let text = "";
  const decoder = new TextDecoder();
  const reading = (async () => {
    for await (const chunk of child.stderr) text += decoder.decode(chunk, { stream: true });
  })();
  return {
    child,
    log: () => text,
    exited: async () => {
      const status = await child.status;
      await reading.catch(() => {});
      return status.code;
    },
  };
}

e2eTest(
  "a second client on the link is refused with one line; the first keeps its lease",
  async () => {
    await withLab("second", async (lab) => {
      await lab.startKea();
      const config = await lab.writeConfig();
      const first = lab.startAgent(config);
      try {
        const address = await addressIn(lab.routerNs, "wan0", "2001:db8:1::", 64, 30);
        // Its own socket, state and DUID: only port 546 is shared.
        const text = (await Deno.readTextFile(config))
          .replaceAll(`${lab.dir}/edge6.sock`, `${lab.dir}/second.sock`)
          .replaceAll(`${lab.dir}/state`, `${lab.dir}/second-state`)
          .replaceAll(`${lab.dir}/duid`, `${lab.dir}/second-duid`);
        await Deno.writeTextFile(`${lab.dir}/second.toml`, text);
        for (const path of [`${lab.dir}/second.toml`, config]) {
          const second = spawnAgent(lab.routerNs, ["-c", path]);
          assert.equal(await second.exited(), 1);
          const lines = second.log().trimEnd().split("\n").filter((l) =>
            !/ (info|debug|notice): /.test(l)
          );
          assert.deepEqual(lines, [
            "edge6: UDP port 546 is already in use: another DHCPv6 client (dhcp6c, dhclient, a second edge6) is running; stop it first",
          ]);
        }
        const status = await sendControlRequest(`${lab.dir}/edge6.sock`, { command: "status" });
        assert.ok(status.ok);
        assert.equal(
          (await addressIn(lab.routerNs, "wan0", "2001:db8:1::", 64, 5)).address,
          address.address,
        );
      } finally {
        first.kill("SIGTERM");
        assert.equal(await first.exited(), 0);
      }
    });
  },
);

e2eTest(
  "on a down link the agent waits, binds when it comes up, and logs one line per event",
  async () => {
    await withLab("downlink", async (lab) => {
      await lab.startKea();
      // The default log level: no log_level in the file, no -d.
      const config = (await Deno.readTextFile(await lab.writeConfig()))
        .split("\n").filter((l) => !l.startsWith("log_level")).join("\n");
      await Deno.writeTextFile(`${lab.dir}/quiet.toml`, config);
      await execOk("ip", ["-n", lab.routerNs, "link", "set", "wan0", "down"]);
      const agent = spawnAgent(lab.routerNs, [
        "-c",
        `${lab.dir}/quiet.toml`,
        "-p",
        `${lab.dir}/edge6.pid`,
      ]);
      try {
        await eventually("the agent to wait for the link", 20, () =>
          Promise.resolve(
            agent.log().includes("wan0: started; waiting for the link to come up")
              ? true
              : undefined,
          ));
        await execOk("ip", ["-n", lab.routerNs, "link", "set", "wan0", "up"]);
        await addressIn(lab.routerNs, "wan0", "2001:db8:1::", 64, 30);
        await eventually(
          "the bound line",
          10,
          () => Promise.resolve(agent.log().includes("wan0: bound (REQUEST)") ? true : undefined),
        );
      } finally {
        agent.child.kill("SIGTERM");
      }
      assert.equal(await agent.exited(), 0);
      const events = agent.log().trimEnd().split("\n").map((l) => l.replace(/^\S+ /, ""));
      assert.ok(events.every((l) => l.startsWith("notice: ")), events.join("\n"));
      assert.deepEqual(
        events.map((l) => l.replace(/^notice: /, "").replace(/(bound \(REQUEST\)|DUID).*$/, "$1")),
        [
          "DUID",
          "wan0: started; waiting for the link to come up",
          "wan0: link up",
          "wan0: soliciting: link up: may have moved to a new link",
          "wan0: bound (REQUEST)",
          "stopping",
          "wan0: command: stop",
        ],
      );
    });
  },
);
