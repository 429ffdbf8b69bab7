/**
 * SIGHUP reload: a new downstream layout moves the LAN subnet without
 * touching the binding (no new exchange with the server); an invalid file is
 * refused and the running configuration kept.
 */
import assert from "node:assert/strict";
import { addressIn, e2eTest, eventually, globalAddresses, logMatch, withLab } from "./harness.ts";
import { formatIPv6, prefixContains } from "../../src/dhcp6/ipv6.ts";
import { delegatedSubnet } from "../../src/agent/prefix_delegation.ts";

e2eTest("SIGHUP: downstream change applied in place; invalid file refused", async () => {
  await withLab("reload", async (lab) => {
    const kea = await lab.startKea({ validLifetime: 300 });
    const config = await lab.writeConfig();
    const agent = lab.startAgent(config);
    try {
      const address = await addressIn(lab.routerNs, "wan0", "2001:db8:1::", 64, 30);
      await addressIn(lab.routerNs, "lan0", "2001:db8:100::", 40, 10);
      const pd = (await kea.leases()).find((l) => l.type === "IA_PD")!;
      const requests = (agent.log().match(/sent (REQUEST|RENEW|REBIND|SOLICIT)/g) ?? []).length;

      await lab.writeConfig({ iaPd: [{ iaid: 2, delegate: [{ iface: "lan0", slaId: 7 }] }] });
      agent.kill("SIGHUP");
      await logMatch(agent, /reloaded: wan0 downstream\/hook updated/, 10);
      const subnet7 = formatIPv6(
        delegatedSubnet(pd.address, 56, { interfaceName: "lan0", slaId: 7 }).subnet,
      );
      const moved = await eventually(
        "the LAN address in subnet 7",
        10,
        async () =>
          (await globalAddresses(lab.routerNs, "lan0")).find((a) =>
            prefixContains(subnet7, 64, a.address)
          ),
      );
      assert.equal(
        (await globalAddresses(lab.routerNs, "lan0")).length,
        1,
        "the old LAN address is gone",
      );
      assert.ok(moved);
      assert.equal(
        (agent.log().match(/sent (REQUEST|RENEW|REBIND|SOLICIT)/g) ?? []).length,
        requests,
      );
      assert.equal(
        (await addressIn(lab.routerNs, "wan0", "2001:db8:1::", 64, 1)).address,
        address.address,
      );

      await Deno.writeTextFile(config, "[interface.wan0\nbroken = \n");
      agent.kill("SIGHUP");
      await logMatch(agent, /is invalid; the running configuration is kept/, 10);
      await logMatch(agent, /error: reload: /, 1);
      const status = await lab.edge6("status", "--json", "-s", `${lab.dir}/edge6.sock`);
      assert.equal(status.code, 0, status.stderr);
      assert.equal(JSON.parse(status.stdout).interfaces[0].state, "bound");
    } catch (error) {
      console.error(`--- agent log ---\n${agent.log()}`);
      throw error;
    }
  });
});
