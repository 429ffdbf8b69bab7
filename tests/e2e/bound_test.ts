/**
 * IA_NA and IA_PD bound against Kea: the address on the upstream with Kea's
 * lifetimes, the LAN subnet at the sla-id on a downstream veth, the
 * unreachable route for the whole delegated prefix (RFC 7084 WPD-5); then
 * SIGTERM releases everything (RFC 9915 §18.2.7) and Kea shows it. The hook
 * runs after the kernel changes with dhcp6c's environment.
 */
import assert from "node:assert/strict";
import { e2eTest, eventually, globalAddresses, kernelRoutes, withLab } from "./harness.ts";
import { formatIPv6, prefixContains } from "../../src/dhcp6/ipv6.ts";
import { delegatedSubnet } from "../../src/agent/prefix_delegation.ts";

e2eTest("IA_NA + IA_PD bound, LAN subnet and unreachable route; SIGTERM releases", async () => {
  await withLab("bound", async (lab) => {
    const kea = await lab.startKea({
      validLifetime: 300,
      preferredLifetime: 240,
      renewTimer: 150,
      rebindTimer: 200,
    });
    const hook = `${lab.dir}/hook.sh`;
    await Deno.writeTextFile(hook, `#!/bin/sh\nenv > "${lab.dir}/hook.$REASON.env"\n`, {
      mode: 0o700,
    });
    const agent = lab.startAgent(await lab.writeConfig({ script: hook }));
    try {
      const wan = await eventually("the IA_NA address on wan0", 30, async () => {
        const list = await globalAddresses(lab.routerNs, "wan0");
        return list.find((a) => prefixContains("2001:db8:1::", 64, a.address));
      });
      assert.equal(wan.prefixLength, 128);
      assert.ok(wan.noPrefixRoute, "IA_NA address has no prefix route");
      assert.ok(wan.validLifetime <= 300 && wan.validLifetime > 280, `valid ${wan.validLifetime}`);
      assert.ok(wan.preferredLifetime <= 240 && wan.preferredLifetime > 220);

      const leases = await eventually("Kea's leases", 10, async () => {
        const all = await kea.leases();
        return all.some((l) => l.type === "IA_PD") && all.some((l) => l.type === "IA_NA")
          ? all
          : undefined;
      });
      const na = leases.find((l) => l.type === "IA_NA")!;
      const pd = leases.find((l) => l.type === "IA_PD")!;
      assert.equal(na.address, wan.address);
      assert.equal(na.iaid, 1);
      assert.equal(pd.prefixLength, 56);
      assert.equal(pd.iaid, 2);

      const lan = await eventually("the LAN address on lan0", 10, async () => {
        const list = await globalAddresses(lab.routerNs, "lan0");
        return list[0];
      });
      // sla-id 1 inside the /56: the second /64.
      const subnet = formatIPv6(
        delegatedSubnet(pd.address, 56, { interfaceName: "lan0", slaId: 1 }).subnet,
      );
      assert.ok(prefixContains(subnet, 64, lan.address), `${lan.address} in ${subnet}/64`);
      assert.equal(lan.prefixLength, 64);
      const routes = await kernelRoutes(lab.routerNs);
      assert.ok(
        // (RTA_EXPIRES is sent, but kernels ignore it on unreachable routes.)
        routes.some((r) => r.type === "unreachable" && r.dst === `${pd.address}/56`),
        `unreachable ${pd.address}/56 in ${JSON.stringify(routes)}`,
      );

      // The hook ran after the kernel changes, with dhcp6c's variables.
      const env = await eventually("the REQUEST hook", 10, async () => {
        try {
          return await Deno.readTextFile(`${lab.dir}/hook.REQUEST.env`);
        } catch {
          return undefined;
        }
      });
      assert.match(env, /^REASON=REQUEST$/m);
      assert.match(env, /^new_domain_name_servers=2001:db8:1::53 $/m);
      assert.match(env, new RegExp(`^PDINFO=${pd.address}/56`, "m"));

      agent.kill("SIGTERM");
      assert.equal(await agent.exited(), 0);
      assert.deepEqual(await globalAddresses(lab.routerNs, "wan0"), []);
      assert.deepEqual(await globalAddresses(lab.routerNs, "lan0"), []);
      assert.ok(!(await kernelRoutes(lab.routerNs)).some((r) => r.type === "unreachable"));
      const after = await eventually("Kea to record the release", 10, async () => {
        const all = await kea.leases();
        return all.every((l) => l.validLifetime === 0 || l.state !== 0) ? all : undefined;
      });
      assert.equal(after.length, 2);
    } catch (error) {
      console.error(`--- agent log ---\n${agent.log()}`);
      throw error;
    }
  });
});
