/**
 * Two IA_PDs at once (RFC 9915 §21.21): each delegated prefix gets its own
 * unreachable route and its own downstream interface.
 */
import assert from "node:assert/strict";
import { addressIn, e2eTest, eventually, kernelRoutes, withLab } from "./harness.ts";
import { prefixContains } from "../../src/dhcp6/ipv6.ts";

e2eTest("two IA_PDs: two prefixes, two LANs, two unreachable routes", async () => {
  await withLab("twopd", async (lab) => {
    const kea = await lab.startKea({ validLifetime: 300 });
    const agent = lab.startAgent(
      await lab.writeConfig({
        iaPd: [
          { iaid: 2, delegate: [{ iface: "lan0", slaId: 1 }] },
          { iaid: 3, delegate: [{ iface: "lan1", slaId: 2 }] },
        ],
      }),
    );
    try {
      const pds = await eventually("two delegated prefixes at Kea", 30, async () => {
        const all = (await kea.leases()).filter((l) => l.type === "IA_PD" && l.validLifetime > 0);
        return all.length === 2 ? all : undefined;
      });
      const byIaid = new Map(pds.map((p) => [p.iaid, p]));
      assert.notEqual(byIaid.get(2)?.address, byIaid.get(3)?.address);
      const lan0 = await addressIn(lab.routerNs, "lan0", "2001:db8:100::", 40, 10);
      const lan1 = await addressIn(lab.routerNs, "lan1", "2001:db8:100::", 40, 10);
      assert.ok(prefixContains(byIaid.get(2)!.address, 56, lan0.address));
      assert.ok(prefixContains(byIaid.get(3)!.address, 56, lan1.address));
      const routes = await kernelRoutes(lab.routerNs);
      for (const pd of pds) {
        assert.ok(routes.some((r) => r.type === "unreachable" && r.dst === `${pd.address}/56`));
      }
    } catch (error) {
      console.error(`--- agent log ---\n${agent.log()}`);
      throw error;
    }
  }, 2);
});
