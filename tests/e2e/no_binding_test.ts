/**
 * A server with nothing to give: Kea's subnet has no address or prefix pool,
 * so every Advertise carries NoAddrsAvail in the IA_NA and NoPrefixAvail in
 * the IA_PD. The agent ignores such Advertises (RFC 9915 §18.2.9), keeps
 * soliciting with growing timeouts (§15), installs nothing and runs no hook;
 * once Kea is restarted with pools it binds.
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

/** Rewrites Kea's configuration file with (or without) its pools. */
async function setPools(configPath: string, on: boolean, saved: unknown[]): Promise<void> {
  const config = JSON.parse(await Deno.readTextFile(configPath));
  const subnet = config.Dhcp6.subnet6[0];
  if (on) {
    [subnet.pools, subnet["pd-pools"]] = saved;
  } else {
    saved.push(subnet.pools, subnet["pd-pools"]);
    subnet.pools = [];
    subnet["pd-pools"] = [];
  }
  await Deno.writeTextFile(configPath, JSON.stringify(config, null, 2));
}

e2eTest("no addresses or prefixes available: Solicit backs off, nothing installed", async () => {
  await withLab("noavail", async (lab) => {
    const kea = await lab.startKea({ validLifetime: 300 });
    const keaConfig = `${kea.dir}/kea-dhcp6.conf`;
    const pools: unknown[] = [];
    await kea.stop();
    await setPools(keaConfig, false, pools);
    await kea.start();
    const hook = `${lab.dir}/hook.sh`;
    const hookLog = `${lab.dir}/hook.log`;
    await Deno.writeTextFile(hook, `#!/bin/sh\necho "$REASON" >> "${hookLog}"\n`, {
      mode: 0o700,
    });
    const config = await lab.writeConfig({ script: hook });
    const agent = lab.startAgent(config);
    let exited = false;
    agent.exited().then(() => exited = true);
    try {
      // Four Solicits, each answered by an unusable Advertise.
      const sent =
        () => [...agent.log().matchAll(/sent SOLICIT #(\d+).*next timeout in (\d+) ms/g)];
      const solicits = await eventually(
        "four Solicits",
        15,
        () => Promise.resolve(sent().length >= 4 ? sent() : undefined),
      );
      const timeouts = solicits.map((m) => Number(m[2]));
      // RFC 9915 §15: RT doubles, ±10%, from IRT 1 s (the first one only upwards).
      for (let i = 1; i < timeouts.length; i++) {
        assert.ok(timeouts[i]! >= timeouts[i - 1]! * 1.85, `backoff: ${timeouts}`);
      }
      assert.ok(timeouts[0]! >= 1000 && timeouts[0]! <= 1100, `first RT ${timeouts[0]}`);
      const keaLog = await kea.log();
      assert.match(
        keaLog,
        /NoAddrsAvail|no addresses available|DHCP6_LEASE_ALLOC_FAIL|ALLOC_FAIL/i,
      );

      const status = JSON.parse((await lab.edge6("status", "--json", "-c", config)).stdout)
        .interfaces[0];
      assert.equal(status.state, "soliciting");
      assert.deepEqual(status.addresses, []);
      assert.deepEqual(status.prefixes, []);
      assert.ok(status.counters.received.ADVERTISE >= 3, JSON.stringify(status.counters));
      assert.ok(
        status.counters.dropped["advertise-unusable"] >= 3,
        JSON.stringify(status.counters.dropped),
      );
      assert.equal(status.counters.sent.REQUEST ?? 0, 0);
      assert.equal(status.counters.hooks.run, 0);
      assert.deepEqual(await globalAddresses(lab.routerNs, "wan0"), []);
      assert.deepEqual(await globalAddresses(lab.routerNs, "lan0"), []);
      assert.ok(!(await kernelRoutes(lab.routerNs)).some((r) => r.type === "unreachable"));
      assert.equal(exited, false, "the agent exited");

      // The operator fixes the server: the next Solicit binds.
      await kea.stop();
      await setPools(keaConfig, true, pools);
      await kea.start();
      await addressIn(lab.routerNs, "wan0", "2001:db8:1::", 64, 25);
      await addressIn(lab.routerNs, "lan0", "2001:db8:100::", 40, 10);
      await logMatch(agent, /requesting -> bound/, 5);
      assert.ok((await kernelRoutes(lab.routerNs)).some((r) => r.type === "unreachable"));
      await eventually("the REQUEST hook", 10, async () => {
        try {
          return (await Deno.readTextFile(hookLog)).trim() === "REQUEST" ? true : undefined;
        } catch {
          return undefined;
        }
      });
    } catch (error) {
      console.error(`--- agent log ---\n${agent.log().split("\n").slice(-60).join("\n")}`);
      throw error;
    }
  });
});
