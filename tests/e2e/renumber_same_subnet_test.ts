/**
 * Renumbering inside the same subnet (issue 9 item 13; RFC 9096): Kea loses
 * its leases and comes back delegating /60s from the same pool, so the Reply
 * to the next Renew carries 2001:db8:100::/60 and the old /56 with lifetimes
 * 0. With sla-id 1 both give lan0 the subnet 2001:db8:100:1::/64 and the same
 * address: the agent must keep that address preferred (not deprecated, not
 * deleted), and `status` must show it as the kernel has it.
 */
import assert from "node:assert/strict";
import {
  addressIn,
  e2eTest,
  eventually,
  globalAddresses,
  kernelRoutes,
  logMatch,
  withLab,
} from "./harness.ts";

e2eTest(
  "renumbering /56 -> /60 on the same base: the LAN address stays, status matches the kernel",
  async () => {
    await withLab("renum", async (lab) => {
      const timers = { renewTimer: 4, rebindTimer: 45, preferredLifetime: 50, validLifetime: 60 };
      const first = await lab.startKea(timers);
      const agent = lab.startAgent(await lab.writeConfig());
      try {
        const lan = await addressIn(lab.routerNs, "lan0", "2001:db8:100::", 56, 30);
        assert.ok(lan.address.startsWith("2001:db8:100:1:"), lan.address);
        await logMatch(agent, /requesting -> bound/, 5);

        await first.stop();
        await Deno.remove(first.leaseFile);
        const second = await lab.startKea({ ...timers, pdDelegatedLength: 60 });
        await eventually(
          "Kea's lease of the /60",
          20,
          async () =>
            (await second.leases()).find((l) =>
              l.type === "IA_PD" && l.prefixLength === 60 && l.validLifetime > 0
            ),
        );
        await logMatch(agent, /valid lifetime 0 for 2001:db8:100::\/56: withdrawing it/, 10);
        await logMatch(agent, /renewing -> bound/, 5);
        // The routes follow the delegation: the /60 in, the /56 out.
        await eventually("the /56 route withdrawn", 5, async () => {
          const r = (await kernelRoutes(lab.routerNs)).filter((x) => x.type === "unreachable");
          return r.length === 1 && r[0]!.dst === "2001:db8:100::/60" ? r : undefined;
        });

        // The address is the same, still there, and preferred (not deprecated).
        const now = await globalAddresses(lab.routerNs, "lan0");
        assert.deepEqual(
          now.map((a) => a.address),
          [lan.address],
        );
        assert.ok(now[0]!.preferredLifetime > 0, `preferred ${now[0]!.preferredLifetime}`);
        assert.ok(now[0]!.validLifetime > 0 && now[0]!.validLifetime <= 60);

        const status = JSON.parse(
          (await lab.edge6("status", "--json", "-c", `${lab.dir}/edge6.toml`)).stdout,
        ).interfaces[0];
        assert.deepEqual(status.prefixes.map((p: { prefix: string }) => p.prefix), [
          "2001:db8:100::/60",
        ]);
        assert.deepEqual(
          status.lan_subnets.map((
            s: { subnet: string; address: string; delegated_prefix: string },
          ) => `${s.subnet} ${s.address} ${s.delegated_prefix}`),
          [`2001:db8:100:1::/64 ${lan.address} 2001:db8:100::/60`],
        );
      } catch (error) {
        console.error(`--- agent log ---\n${agent.log().split("\n").slice(-80).join("\n")}`);
        throw error;
      }
    });
  },
);
