/**
 * The server changes the delegated prefix under a bound router: Kea loses its
 * leases and restarts with another PD pool, so the Reply to the next Renew
 * (RFC 9915 §18.3.4) carries a new prefix B and the old prefix A with
 * lifetimes 0 (§18.2.10.1: an IA entry with valid lifetime 0 is withdrawn).
 * The agent installs B (LAN address, unreachable route), removes A's LAN
 * address and route at once (nothing of A is valid any more, §6.3) and tells
 * the hook what changed, with A in OLD_PDINFO.
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
import { formatIPv6, prefixContains } from "../../src/dhcp6/ipv6.ts";
import { delegatedSubnet } from "../../src/agent/prefix_delegation.ts";

e2eTest("the server delegates another prefix: B installed, A withdrawn, hook told", async () => {
  await withLab("pdchange", async (lab) => {
    const timers = { renewTimer: 4, rebindTimer: 45, preferredLifetime: 50, validLifetime: 60 };
    const first = await lab.startKea(timers);
    const hook = `${lab.dir}/hook.sh`;
    const hookLog = `${lab.dir}/hook.log`;
    await Deno.writeTextFile(
      hook,
      [
        "#!/bin/sh",
        `echo "REASON=$REASON CHANGED=$CHANGED PDINFO=$PDINFO OLD_PDINFO=$OLD_PDINFO" >> "${hookLog}"`,
        "",
      ].join("\n"),
      { mode: 0o700 },
    );
    const agent = lab.startAgent(await lab.writeConfig({ script: hook }));
    const hooks = async () => {
      try {
        return (await Deno.readTextFile(hookLog)).split("\n").filter((l) => l !== "");
      } catch {
        return [];
      }
    };
    try {
      const wan = await addressIn(lab.routerNs, "wan0", "2001:db8:1::", 64, 30);
      const lanA = await addressIn(lab.routerNs, "lan0", "2001:db8:100::", 40, 10);
      const a = (await first.leases()).find((l) => l.type === "IA_PD")!;
      const prefixA = `${a.address}/56`;
      assert.ok(prefixContains(a.address, 56, lanA.address));
      await logMatch(agent, /requesting -> bound/, 5);

      // The server forgets every lease and now delegates from another pool.
      await first.stop();
      await Deno.remove(first.leaseFile);
      const second = await lab.startKea({ ...timers, pdPrefix: "2001:db8:200::" });

      const lanB = await addressIn(lab.routerNs, "lan0", "2001:db8:200::", 40, 20);
      const b = await eventually(
        "Kea's lease of the new prefix",
        5,
        async () => (await second.leases()).find((l) => l.type === "IA_PD" && l.validLifetime > 0),
      );
      const prefixB = `${b.address}/56`;
      const subnetB = delegatedSubnet(b.address, 56, { interfaceName: "lan0", slaId: 1 });
      assert.ok(prefixContains(formatIPv6(subnetB.subnet), 64, lanB.address));
      assert.equal(lanB.prefixLength, 64);

      // The unreachable route follows the delegation: B in, A out.
      const routes = await eventually("the unreachable route of A withdrawn", 5, async () => {
        const r = (await kernelRoutes(lab.routerNs)).filter((x) => x.type === "unreachable");
        return r.some((x) => x.dst === prefixA) ? undefined : r;
      });
      assert.deepEqual(routes.map((r) => r.dst), [prefixB]);

      // Kea's Reply to the Renew lists A with lifetimes 0 next to B (not
      // NoBinding): the engine withdraws A at once, as the server declared it
      // invalid (RFC 9915 §6.3), so A's LAN address is removed, not kept
      // deprecated as a prefix that merely disappeared would be (RFC 9096 §3).
      const withdrawn = `server set valid lifetime 0 for ${prefixA}: withdrawing it`;
      assert.ok(agent.log().includes(withdrawn), `the log says "${withdrawn}"`);
      assert.match(agent.log(), /renewing -> bound/);
      const lan = await globalAddresses(lab.routerNs, "lan0");
      assert.deepEqual(lan.map((x) => x.address), [lanB.address]);
      // The upstream address is untouched (same pool, renewed).
      assert.deepEqual((await globalAddresses(lab.routerNs, "wan0")).map((x) => x.address), [
        wan.address,
      ]);

      // The hook saw the change.
      const lines = await eventually("the hook for the new prefix", 10, async () => {
        const h = await hooks();
        return h.some((l) => l.includes(`PDINFO=${prefixB}`)) ? h : undefined;
      });
      assert.match(lines[0]!, new RegExp(`^REASON=REQUEST .*PDINFO=${prefixA} `));
      const change = lines.find((l) => l.includes(`PDINFO=${prefixB}`))!;
      assert.match(change, /^REASON=RENEW /);
      assert.match(change, /CHANGED=\S*prefixes/);
      assert.match(change, new RegExp(`OLD_PDINFO=${prefixA}$`));
      assert.doesNotMatch(change, new RegExp(` PDINFO=\\S*${a.address}`));

      const status = JSON.parse(
        (await lab.edge6("status", "--json", "-c", `${lab.dir}/edge6.toml`))
          .stdout,
      ).interfaces[0];
      assert.deepEqual(status.prefixes.map((p: { prefix: string }) => p.prefix), [prefixB]);
      assert.deepEqual(
        status.lan_subnets.map((s: { delegated_prefix: string }) => s.delegated_prefix),
        [prefixB],
      );
    } catch (error) {
      console.error(`--- agent log ---\n${agent.log().split("\n").slice(-80).join("\n")}`);
      throw error;
    }
  });
});
