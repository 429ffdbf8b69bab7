/**
 * Prefix Exclude (RFC 6603) against Kea: the server keeps a /64 of the
 * delegated /56 for the WAN link. The router's unreachable routes cover the
 * rest of the /56 but not that /64, and the LAN whose subnet it would be
 * gets none.
 */
import assert from "node:assert/strict";
import {
  addressIn,
  e2eTest,
  eventually,
  globalAddresses,
  kernelRoutes,
  withLab,
} from "./harness.ts";
import { prefixContains } from "../../src/dhcp6/ipv6.ts";

e2eTest("prefix exclude: routes around the excluded /64, no LAN gets it", async () => {
  await withLab("pdexcl", async (lab) => {
    await lab.startKea({
      validLifetime: 300,
      pdPrefix: "2001:db8:100::",
      pdPrefixLength: 56,
      pdDelegatedLength: 56,
      pdExcluded: { prefix: "2001:db8:100:ff::", prefixLength: 64 },
    });
    const agent = lab.startAgent(
      await lab.writeConfig({
        iaPd: [{
          iaid: 2,
          delegate: [{ iface: "lan0", slaId: 1 }, { iface: "lan1", slaId: 0xff }],
        }],
      }),
    );
    try {
      const lan0 = await addressIn(lab.routerNs, "lan0", "2001:db8:100::", 56, 20);
      assert.ok(prefixContains("2001:db8:100:1::", 64, lan0.address));
      const routes = await eventually("the routes around the excluded /64", 10, async () => {
        const all = (await kernelRoutes(lab.routerNs)).filter((r) => r.type === "unreachable");
        return all.length === 8 ? all : undefined;
      });
      const dsts = routes.map((r) => r.dst).sort();
      assert.deepEqual(
        dsts,
        [
          "2001:db8:100::/57",
          "2001:db8:100:80::/58",
          "2001:db8:100:c0::/59",
          "2001:db8:100:e0::/60",
          "2001:db8:100:f0::/61",
          "2001:db8:100:f8::/62",
          "2001:db8:100:fc::/63",
          "2001:db8:100:fe::/64",
        ].sort(),
      );
      for (const r of routes) {
        const [net, len] = r.dst.split("/");
        assert.ok(
          !prefixContains(net!, Number(len), "2001:db8:100:ff::1"),
          `${r.dst} covers the WAN's /64`,
        );
      }
      assert.deepEqual(
        await globalAddresses(lab.routerNs, "lan1"),
        [],
        "lan1's subnet is excluded",
      );
      assert.match(
        agent.log(),
        /delegate lan1 \(sla_id 255\): subnet 2001:db8:100:ff::\/64 overlaps/,
      );
    } catch (error) {
      console.error(`--- agent log ---\n${agent.log()}`);
      throw error;
    }
  }, 2);
});
