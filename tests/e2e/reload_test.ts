/**
 * SIGHUP reload: a new downstream layout moves the LAN subnet without
 * touching the binding (no new exchange with the server); an invalid file is
 * refused and the running configuration kept; an IA_PD added is asked for in
 * a Renew and one removed is released alone (RFC 9915 §18.2.4, §18.2.7).
 */
import assert from "node:assert/strict";
import {
  addressIn,
  assertGlobalAddresses,
  e2eTest,
  eventually,
  globalAddresses,
  kernelRoutes,
  logMatch,
  withLab,
} from "./harness.ts";
import type { KeaLease } from "../../src/agent/lab/kea.ts";
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

e2eTest(
  "SIGHUP: an IA_PD added is asked for alone; removed again, only it is released",
  async () => {
    await withLab("reloadpd", async (lab) => {
      const kea = await lab.startKea({ validLifetime: 300 });
      const config = await lab.writeConfig();
      const agent = lab.startAgent(config);
      const active = (l: KeaLease) => l.validLifetime > 0 && l.state === 0;
      const kept = async (what: string, pd: KeaLease, na: KeaLease) => {
        const leases = (await kea.leases()).filter(active);
        assert.ok(leases.some((l) => l.type === "IA_PD" && l.address === pd.address), what);
        assert.ok(leases.some((l) => l.type === "IA_NA" && l.address === na.address), what);
      };
      try {
        const wan = await addressIn(lab.routerNs, "wan0", "2001:db8:1::", 64, 30);
        const lan0 = await addressIn(lab.routerNs, "lan0", "2001:db8:100::", 40, 10);
        const first = await kea.leases();
        const pd2 = first.find((l) => l.type === "IA_PD" && l.iaid === 2 && active(l))!;
        const na = first.find((l) => l.type === "IA_NA" && active(l))!;
        const solicits = (agent.log().match(/sent SOLICIT/g) ?? []).length;

        await lab.writeConfig({
          iaPd: [
            { iaid: 2, delegate: [{ iface: "lan0", slaId: 1 }] },
            { iaid: 3, delegate: [{ iface: "lan1", slaId: 2 }] },
          ],
        });
        agent.kill("SIGHUP");
        await logMatch(agent, /reloaded: wan0 updated/, 10);
        const pd3 = await eventually(
          "Kea to delegate a prefix to IA_PD 3",
          20,
          async () =>
            (await kea.leases()).find((l) => l.type === "IA_PD" && l.iaid === 3 && active(l)),
        );
        assert.notEqual(pd3.address, pd2.address);
        const lan1 = await addressIn(lab.routerNs, "lan1", "2001:db8:100::", 40, 10);
        assert.ok(prefixContains(pd3.address, 56, lan1.address));
        await kept("the first prefix and the address stay leased", pd2, na);
        await assertGlobalAddresses(lab.routerNs, {
          lan0: [lan0.address],
          wan0: [wan.address],
        });
        assert.doesNotMatch(agent.log(), /sent RELEASE/);
        assert.equal((agent.log().match(/sent SOLICIT/g) ?? []).length, solicits);
        assert.match(agent.log(), /sent RENEW/);

        await lab.writeConfig();
        agent.kill("SIGHUP");
        await logMatch(agent, /reloaded: wan0 updated[^]*reloaded: wan0 updated/, 10);
        await eventually("Kea to record the release of IA_PD 3", 10, async () => {
          const l = (await kea.leases()).find((l) =>
            l.type === "IA_PD" && l.address === pd3.address
          );
          return l !== undefined && !active(l) ? l : undefined;
        });
        await kept("the first prefix and the address stay leased", pd2, na);
        await eventually(
          "the LAN address of IA_PD 3 to go",
          10,
          async () => (await globalAddresses(lab.routerNs, "lan1")).length === 0 ? true : undefined,
        );
        assert.ok(
          !(await kernelRoutes(lab.routerNs)).some((r) => r.dst === `${pd3.address}/56`),
          "the unreachable route of IA_PD 3 is gone",
        );
        assert.ok(
          (await kernelRoutes(lab.routerNs)).some((r) => r.dst === `${pd2.address}/56`),
          "the unreachable route of IA_PD 2 stays",
        );
        await assertGlobalAddresses(lab.routerNs, {
          lan0: [lan0.address],
          wan0: [wan.address],
        });
        assert.equal((agent.log().match(/sent SOLICIT/g) ?? []).length, solicits);
      } catch (error) {
        console.error(`--- agent log ---\n${agent.log()}`);
        throw error;
      }
    }, 2);
  },
);
