/**
 * Rapid commit (RFC 9915 §18.2.1, §21.14): Solicit answered by a Reply, no
 * Request; and information-only mode (§18.2.6): DNS servers and domains
 * received, no address installed, shown by `edge6 status --json`.
 */
import assert from "node:assert/strict";
import { addressIn, e2eTest, eventually, globalAddresses, logMatch, withLab } from "./harness.ts";

e2eTest("rapid commit: bound by Solicit/Reply alone", async () => {
  await withLab("rapid", async (lab) => {
    const kea = await lab.startKea({ rapidCommit: true, validLifetime: 300 });
    const config = await lab.writeConfig({ rapidCommit: true });
    const agent = lab.startAgent(config);
    try {
      await addressIn(lab.routerNs, "wan0", "2001:db8:1::", 64, 30);
      await logMatch(agent, /soliciting -> bound/, 5);
      assert.doesNotMatch(agent.log(), /sent REQUEST/);
      const leases = await eventually("Kea's leases", 5, async () => {
        const all = await kea.leases();
        return all.length === 2 ? all : undefined;
      });
      assert.deepEqual(leases.map((l) => l.type).sort(), ["IA_NA", "IA_PD"]);

      // `edge6 rebind` and `edge6 release` over the control socket (RFC 9915 §18.2.5, §18.2.7).
      const rebind = await lab.edge6("rebind", "-c", config, "wan0");
      assert.equal(rebind.code, 0, rebind.stderr);
      assert.match(rebind.stdout, /rebind started on wan0/);
      await logMatch(agent, /rebinding -> bound/, 10);
      await addressIn(lab.routerNs, "lan0", "2001:db8:100::", 40, 10);
      const release = await lab.edge6("release", "-c", config);
      assert.equal(release.code, 0, release.stderr);
      await logMatch(agent, /releasing -> idle/, 10);
      assert.deepEqual(await globalAddresses(lab.routerNs, "wan0"), []);
      assert.deepEqual(await globalAddresses(lab.routerNs, "lan0"), []);
      await eventually("Kea to record the release", 10, async () => {
        const all = await kea.leases();
        return all.every((l) => l.validLifetime === 0 || l.state !== 0) ? true : undefined;
      });
      const unknown = await lab.edge6("renew", "-c", config, "eth7");
      assert.equal(unknown.code, 1);
      assert.match(unknown.stderr, /eth7/);
    } catch (error) {
      console.error(`--- agent log ---\n${agent.log()}`);
      throw error;
    }
  });
});

e2eTest("information-only: DNS and domain list, no address", async () => {
  await withLab("inform", async (lab) => {
    await lab.startKea({
      dnsServers: ["2001:db8:1::53", "2001:db8:1::54"],
      domainSearch: ["lab.example"],
    });
    const config = await lab.writeConfig({ informationOnly: true });
    const agent = lab.startAgent(config);
    try {
      await logMatch(agent, /-> informed/, 30);
      const status = await eventually("status over the control socket", 10, async () => {
        const r = await lab.edge6("status", "--json", "-c", config);
        return r.code === 0 ? r.stdout : undefined;
      });
      assert.match(status, /2001:db8:1::53/);
      assert.match(status, /2001:db8:1::54/);
      assert.match(status, /lab\.example/);
      assert.deepEqual(await globalAddresses(lab.routerNs, "wan0"), []);
      const text = await lab.edge6("status", "-c", config);
      assert.match(text.stdout, /^wan0: informed/);
      const state = JSON.parse(await Deno.readTextFile(`${lab.dir}/state/status.json`));
      assert.match(JSON.stringify(state), /2001:db8:1::53/);
    } catch (error) {
      console.error(`--- agent log ---\n${agent.log()}`);
      throw error;
    }
  });
});
