/**
 * The core scenario against a second, different server: wide-dhcpv6's dhcp6s
 * gives an address and a /56; the agent installs both, then releases on
 * SIGTERM.
 */
import assert from "node:assert/strict";
import { addressIn, e2eTest, globalAddresses, kernelRoutes, logMatch, withLab } from "./harness.ts";

e2eTest("dhcp6s: IA_NA + IA_PD bound and released", async () => {
  await withLab("dhcp6s", async (lab) => {
    await lab.duidText();
    await lab.startDhcp6s();
    const agent = lab.startAgent(await lab.writeConfig());
    try {
      const address = await addressIn(lab.routerNs, "wan0", "2001:db8:1::", 64, 30);
      assert.ok(
        address.validLifetime <= 180 && address.validLifetime > 160,
        `valid ${address.validLifetime}`,
      );
      const lan = await addressIn(lab.routerNs, "lan0", "2001:db8:200::", 56, 10);
      assert.equal(lan.prefixLength, 64);
      assert.ok(
        (await kernelRoutes(lab.routerNs)).some((r) =>
          r.type === "unreachable" && r.dst === "2001:db8:200::/56"
        ),
      );
      agent.kill("SIGTERM");
      assert.equal(await agent.exited(), 0);
      await logMatch(agent, /sent RELEASE/, 1);
      assert.deepEqual(await globalAddresses(lab.routerNs, "wan0"), []);
      assert.deepEqual(await globalAddresses(lab.routerNs, "lan0"), []);
    } catch (error) {
      console.error(`--- agent log ---\n${agent.log()}`);
      throw error;
    }
  });
}, "dhcp6s");
