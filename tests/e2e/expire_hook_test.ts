/**
 * Issue 9, item 11: leases lost without a Reply run the hook. Kea hands out
 * short lifetimes and then goes away; the Renews and Rebinds go unanswered
 * and, when the valid lifetime ends, the hook runs with REASON=EXPIRE and the
 * state after the loss: no PDINFO, the old prefix in OLD_PDINFO, CHANGED
 * naming what went, and the LAN address already gone from the kernel, so a
 * script feeding an RA daemon or a resolver learns that the prefix is gone.
 */
import assert from "node:assert/strict";
import {
  e2eTest,
  eventually,
  globalAddresses,
  kernelRoutes,
  logMatch,
  waitForLabBinding,
  withLab,
} from "./harness.ts";

/** The `NAME=value` lines a hook wrote, as a map. */
async function envFile(path: string): Promise<Map<string, string>> {
  const text = await Deno.readTextFile(path);
  return new Map(
    text.split("\n").filter((l) => l.includes("=")).map((l) => {
      const i = l.indexOf("=");
      return [l.slice(0, i), l.slice(i + 1)];
    }),
  );
}

e2eTest(
  "the server goes away: at the end of the valid lifetime the hook runs with EXPIRE",
  async () => {
    await withLab("expire", async (lab) => {
      const kea = await lab.startKea({
        renewTimer: 4,
        rebindTimer: 7,
        preferredLifetime: 9,
        validLifetime: 12,
      });
      const hook = `${lab.dir}/hook.sh`;
      await Deno.writeTextFile(
        hook,
        [
          "#!/bin/sh",
          `env > "${lab.dir}/hook.$REASON.env"`,
          // What the kernel holds while the hook runs.
          `ip -6 addr show scope global > "${lab.dir}/hook.$REASON.addr"`,
          "",
        ].join("\n"),
        { mode: 0o700 },
      );
      const config = await lab.writeConfig({ script: hook, releaseOnStop: false });
      const agent = lab.startAgent(config);
      try {
        const { lan } = await waitForLabBinding(lab.routerNs, agent);
        const bound = await envFile(`${lab.dir}/hook.REQUEST.env`);
        const pdinfo = bound.get("PDINFO")!.trim();
        assert.match(pdinfo, /^2001:db8:1[0-9a-f]*::\/56$/);
        await kea.stop();
        await logMatch(agent, /-> rebinding/, 20);
        const expired = await eventually(
          "the EXPIRE hook",
          30,
          async () => {
            try {
              return await envFile(`${lab.dir}/hook.EXPIRE.env`);
            } catch {
              return undefined;
            }
          },
        );
        assert.equal(expired.get("REASON"), "EXPIRE");
        assert.equal(expired.get("STATE"), "soliciting");
        assert.equal(expired.get("PDINFO"), undefined, "no prefix is left");
        assert.equal(expired.get("new_domain_name_servers"), undefined, "nor the server's DNS");
        assert.equal(expired.get("ADDRESSES"), "");
        assert.equal(expired.get("LAN_SUBNETS"), "");
        assert.equal(expired.get("OLD_PDINFO"), pdinfo);
        assert.match(expired.get("OLD_ADDRESSES")!, /^2001:db8:1::/);
        assert.equal(expired.get("CHANGED"), "addresses,prefixes,lan,server,dns,domains");
        // The kernel had let go of the LAN address before the hook ran.
        const seen = await Deno.readTextFile(`${lab.dir}/hook.EXPIRE.addr`);
        assert.ok(!seen.includes(lan.address), seen);
        assert.deepEqual(await globalAddresses(lab.routerNs, "lan0"), []);
        assert.ok(!(await kernelRoutes(lab.routerNs)).some((r) => r.type === "unreachable"));
        assert.match(agent.log(), /valid lifetime of 2001:db8:1[0-9a-f:]*\/56 ended/);
      } catch (error) {
        console.error(`--- agent log ---\n${agent.log()}`);
        throw error;
      }
    });
  },
);
