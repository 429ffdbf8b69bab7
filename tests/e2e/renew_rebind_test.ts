/**
 * Renew at T1 (RFC 9915 §18.2.4) and Rebind at T2 (§18.2.5) with short timers;
 * Kea is stopped after the first renewal, so Renews go unanswered until T2,
 * and restarted so that the Rebind is answered. The kernel's lifetimes are
 * refreshed each time, and `edge6 renew` starts a Renew on request.
 */
import assert from "node:assert/strict";
import { addressIn, e2eTest, eventually, globalAddresses, logMatch, withLab } from "./harness.ts";

e2eTest("renew at T1, rebind at T2 with the server down, lifetimes refreshed", async () => {
  await withLab("renew", async (lab) => {
    const kea = await lab.startKea({
      renewTimer: 3,
      rebindTimer: 7,
      preferredLifetime: 20,
      validLifetime: 30,
    });
    const agent = lab.startAgent(await lab.writeConfig());
    try {
      const first = await addressIn(lab.routerNs, "wan0", "2001:db8:1::", 64, 30);
      await logMatch(agent, /bound -> renewing/, 10);
      await logMatch(agent, /renewing -> bound/, 10);
      const renewed = await eventually("Kea to extend the lease", 5, async () => {
        const na = (await kea.leases()).find((l) => l.type === "IA_NA");
        return na;
      });
      assert.equal(renewed.address, first.address);

      await kea.stop();
      const renewsBefore = (agent.log().match(/bound -> renewing/g) ?? []).length;
      await eventually("a Renew with Kea down", 10, () =>
        Promise.resolve(
          (agent.log().match(/bound -> renewing/g) ?? []).length > renewsBefore ? true : undefined,
        ));
      await logMatch(agent, /renewing -> rebinding/, 10);
      const beforeRebind = (await globalAddresses(lab.routerNs, "wan0")).find((a) =>
        a.address === first.address
      );
      assert.ok(beforeRebind !== undefined, "the address stays while rebinding");
      await kea.start();
      await logMatch(agent, /rebinding -> bound/, 15);
      const after = await eventually("refreshed lifetimes", 5, async () => {
        const a = (await globalAddresses(lab.routerNs, "wan0")).find((x) =>
          x.address === first.address
        );
        return a !== undefined && a.validLifetime > beforeRebind.validLifetime ? a : undefined;
      });
      assert.ok(after.validLifetime > 25, `valid ${after.validLifetime} after the rebind`);
      const lease = (await kea.leases()).find((l) => l.type === "IA_NA");
      assert.equal(lease?.address, first.address);
      assert.equal(lease?.validLifetime, 30);

      const renews = (agent.log().match(/-> renewing/g) ?? []).length;
      const cli = await lab.edge6("renew", "-c", `${lab.dir}/edge6.toml`, "wan0");
      assert.equal(cli.code, 0, cli.stderr);
      assert.match(cli.stdout, /renew started on wan0/);
      await eventually(
        "the requested Renew",
        5,
        () =>
          Promise.resolve(
            (agent.log().match(/-> renewing/g) ?? []).length > renews ? true : undefined,
          ),
      );
    } catch (error) {
      console.error(`--- agent log ---\n${agent.log()}`);
      throw error;
    }
  });
});
