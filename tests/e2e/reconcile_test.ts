/**
 * The kernel reconciled with the lease (issue 9 item 14), with Kea's T1 far
 * away so that nothing comes back by a Renew: the WAN goes administratively
 * down and up (the kernel deletes its global addresses, keep_addr_on_down=0),
 * an operator deletes the WAN and the LAN address, the LAN interface is
 * deleted and re-created with a new index, and kernel notifications are lost
 * (the agent is stopped while a flood of address changes overflows its
 * monitor's buffer, ENOBUFS). Each time the agent puts back what the lease
 * says, from the netlink events or, after the overflow, from a fresh dump.
 */
import assert from "node:assert/strict";
import {
  addressIn,
  type E2eLab,
  e2eTest,
  eventually,
  globalAddresses,
  logMatch,
  waitForLabBinding,
  withLab,
} from "./harness.ts";
import { execOk } from "../../src/agent/lab/exec.ts";

/** Long T1/T2: a Renew or Rebind cannot be what brings an address back here. */
const TIMERS = {
  renewTimer: 1000,
  rebindTimer: 1600,
  preferredLifetime: 1800,
  validLifetime: 2000,
};

/** Waits until `dev` holds `address` again. */
async function back(ns: string, dev: string, address: string): Promise<void> {
  await eventually(
    `${address} back on ${dev}`,
    10,
    async () =>
      (await globalAddresses(ns, dev)).some((a) => a.address === address) ? true : undefined,
  );
}

e2eTest(
  "reconcile: WAN down/up and `ip addr del` on the WAN: the IA_NA address is back at once (Confirm, no Renew)",
  async () => {
    await withLab("recna", async (lab) => {
      await lab.startKea(TIMERS);
      // IA_NA only: on link up the engine sends a Confirm, whose Reply installs nothing.
      const agent = lab.startAgent(await lab.writeConfig({ iaPd: [] }));
      try {
        const wan = await addressIn(lab.routerNs, "wan0", "2001:db8:1::", 64, 30);
        await logMatch(agent, /requesting -> bound/, 5);
        await execOk("ip", ["-n", lab.routerNs, "link", "set", "wan0", "down"]);
        await eventually(
          "wan0's global address flushed",
          5,
          async () => (await globalAddresses(lab.routerNs, "wan0")).length === 0 ? true : undefined,
        );
        await execOk("ip", ["-n", lab.routerNs, "link", "set", "wan0", "up"]);
        await back(lab.routerNs, "wan0", wan.address);
        await logMatch(agent, /confirming -> bound/, 20);

        await execOk("ip", [
          "-n",
          lab.routerNs,
          "addr",
          "del",
          `${wan.address}/128`,
          "dev",
          "wan0",
        ]);
        await back(lab.routerNs, "wan0", wan.address);
        const now = (await globalAddresses(lab.routerNs, "wan0")).find((a) =>
          a.address === wan.address
        )!;
        assert.ok(now.noPrefixRoute, "put back as the lease installs it: /128, no prefix route");
        assert.equal(now.prefixLength, 128);
        assert.ok(now.validLifetime > 1900 && now.validLifetime <= 2000, `${now.validLifetime}`);
        assert.doesNotMatch(agent.log(), /-> renewing/);
        assert.equal(agent.log().match(/is gone from wan0; putting it back/g)?.length, 2);
      } catch (error) {
        console.error(`--- agent log ---\n${agent.log().split("\n").slice(-60).join("\n")}`);
        throw error;
      }
    });
  },
);

/** The status document's LAN addresses. */
async function statusLan(lab: E2eLab): Promise<string[]> {
  const status = JSON.parse(
    (await lab.edge6("status", "--json", "-c", `${lab.dir}/edge6.toml`)).stdout,
  ).interfaces[0];
  return status.lan_subnets.map((s: { address: string }) => s.address);
}

e2eTest("reconcile: a LAN address deleted, the LAN interface re-created: put back", async () => {
  await withLab("reclan", async (lab) => {
    await lab.startKea(TIMERS);
    const agent = lab.startAgent(await lab.writeConfig());
    const ns = lab.routerNs;
    try {
      const { lan } = await waitForLabBinding(ns, agent);
      await execOk("ip", ["-n", ns, "addr", "del", `${lan.address}/64`, "dev", "lan0"]);
      await back(ns, "lan0", lan.address);

      // The LAN interface is deleted and made again: a new index, the same MAC.
      const mac = JSON.parse(await execOk("ip", ["-j", "link", "show", "lan0"], ns))[0].address;
      await execOk("ip", ["-n", ns, "link", "del", "lan0"]);
      const peer = ["peer", "name", "host0"];
      await execOk("ip", [
        "-n",
        ns,
        "link",
        "add",
        "lan0",
        "address",
        mac,
        "type",
        "veth",
        ...peer,
      ]);
      await execOk("ip", ["-n", ns, "link", "set", "host0", "up"]);
      await execOk("ip", ["-n", ns, "link", "set", "lan0", "up"]);
      await back(ns, "lan0", lan.address);
      assert.deepEqual(await statusLan(lab), [lan.address]);
      assert.doesNotMatch(agent.log(), /-> renewing|-> rebinding| error /);
    } catch (error) {
      console.error(`--- agent log ---\n${agent.log().split("\n").slice(-60).join("\n")}`);
      throw error;
    }
  });
});

e2eTest(
  "reconcile: notifications lost to a monitor overflow (ENOBUFS): read again, put back",
  async () => {
    await withLab("recnobufs", async (lab) => {
      await lab.startKea(TIMERS);
      const agent = lab.startAgent(await lab.writeConfig());
      const ns = lab.routerNs;
      try {
        const { wan, lan } = await waitForLabBinding(ns, agent);
        // Stopped, the agent reads nothing while a flood of address changes
        // overflows its monitor's buffer; the removals after it are never heard of.
        agent.kill("SIGSTOP");
        const batch = `${lab.dir}/flood.batch`;
        const flood = Array.from(
          { length: 4000 },
          (_, i) => `address add 2001:db8:ffff::${(i + 1).toString(16)}/128 dev host0 nodad`,
        );
        await Deno.writeTextFile(batch, flood.join("\n") + "\n");
        await execOk("ip", ["-n", ns, "-batch", batch]);
        await execOk("ip", ["-n", ns, "addr", "del", `${wan.address}/128`, "dev", "wan0"]);
        await execOk("ip", ["-n", ns, "addr", "del", `${lan.address}/64`, "dev", "lan0"]);
        agent.kill("SIGCONT");
        await back(ns, "wan0", wan.address);
        await back(ns, "lan0", lan.address);
        // Put back from a fresh dump: the removals themselves were never heard of.
        await logMatch(agent, /kernel notifications were lost/, 1);
        assert.deepEqual(await statusLan(lab), [lan.address]);
        assert.doesNotMatch(agent.log(), /-> renewing|-> rebinding/);
      } catch (error) {
        console.error(`--- agent log ---\n${agent.log().split("\n").slice(-60).join("\n")}`);
        throw error;
      }
    });
  },
);
