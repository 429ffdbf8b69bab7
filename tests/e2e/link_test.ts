/**
 * Link down and up on the upstream veth (RFC 9915 §18.2.12): the agent
 * confirms or rebinds its bindings on carrier regain, and keeps the same
 * address and prefix. A new MAC on a LAN interface moves its address to the
 * new EUI-64 identifier; a LAN interface that restarts gets its address back.
 */
import assert from "node:assert/strict";
import {
  addressIn,
  assertLabAddressesKept,
  e2eTest,
  eventually,
  globalAddresses,
  logMatch,
  waitForLabBinding,
  withLab,
} from "./harness.ts";
import { execOk } from "../../src/agent/lab/exec.ts";

e2eTest("carrier down/up: Confirm/Rebind, nothing lost", async () => {
  await withLab("link", async (lab) => {
    const kea = await lab.startKea({ validLifetime: 300 });
    const agent = lab.startAgent(await lab.writeConfig());
    try {
      const { wan: address, lan } = await waitForLabBinding(lab.routerNs, agent);
      // Carrier loss as a cable pull: the peer goes down, wan0 stays configured.
      await execOk("ip", ["-n", lab.topology.serverNs, "link", "set", "srv0", "down"]);
      await logMatch(agent, /wan0: link down/, 10);
      await execOk("ip", ["-n", lab.topology.serverNs, "link", "set", "srv0", "up"]);
      await logMatch(agent, /wan0: link up/, 10);
      await logMatch(agent, /(confirming|rebinding) -> bound/, 20);
      await assertLabAddressesKept(lab.routerNs, address.address, lan.address);
      // A new MAC on the LAN interface: its identifier is re-read, its address re-made.
      await execOk("ip", [
        "-n",
        lab.routerNs,
        "link",
        "set",
        "lan0",
        "address",
        "02:00:00:00:00:99",
      ]);
      const moved = await addressIn(lab.routerNs, "lan0", "2001:db8:100::", 40, 10).then(async (
        a,
      ) =>
        a.address.endsWith(":ff:fe00:99")
          ? a
          : await eventually("the LAN address from the new MAC", 10, async () =>
            (await globalAddresses(lab.routerNs, "lan0")).find((x) =>
              x.address.endsWith(":ff:fe00:99")
            ))
      );
      assert.ok(
        !(await globalAddresses(lab.routerNs, "lan0")).some((a) => a.address === lan.address),
      );
      assert.ok(moved.address.startsWith(lan.address.split(":").slice(0, 4).join(":")));
      // The LAN interface restarts: Linux flushes its addresses; the agent makes it again.
      await execOk("ip", ["-n", lab.routerNs, "link", "set", "lan0", "down"]);
      await eventually(
        "lan0's address flushed",
        10,
        async () => (await globalAddresses(lab.routerNs, "lan0")).length === 0 ? true : undefined,
      );
      await execOk("ip", ["-n", lab.routerNs, "link", "set", "lan0", "up"]);
      await eventually(
        "lan0's address made again",
        10,
        async () =>
          (await globalAddresses(lab.routerNs, "lan0")).find((x) => x.address === moved.address),
      );
      const leases = await kea.leases();
      assert.equal(leases.filter((l) => l.validLifetime > 0).length, 2);
    } catch (error) {
      console.error(`--- agent log ---\n${agent.log()}`);
      throw error;
    }
  });
});
