/**
 * A WAN without a link-layer address that comes and goes (issue 9 item 16):
 * PPPoE, tun, GRE and ip6tnl interfaces have no MAC and exist only while their
 * session is up. Here a tun pair stands in for PPPoE (see `tun_wan.ts`), and
 * the router has no other interface with a MAC, so its DUID is a DUID-UUID
 * (RFC 6355). The agent starts before wan0 exists and waits, logging once;
 * binds when it appears; keeps the lease when it is deleted; and when it is
 * created again (a new index) puts the address back and confirms the binding
 * (RFC 9915 §18.2.12) instead of soliciting anew.
 */
import assert from "node:assert/strict";
import { addressIn, e2eTest, logMatch, withLab } from "./harness.ts";
import { TunWan } from "./tun_wan.ts";
import { execOk } from "../../src/agent/lab/exec.ts";

e2eTest(
  "a tun WAN created after the agent starts, deleted and created again: lease kept, Confirm",
  async () => {
    await withLab("tunwan", async (lab) => {
      const tun = await TunWan.create(lab);
      const ns = lab.routerNs;
      try {
        const kea = await lab.startKea({ validLifetime: 300 });
        const agent = lab.startAgent(await lab.writeConfig({ iaPd: [] }));
        try {
          await logMatch(agent, /wan0: no such interface yet; waiting for it to appear/, 20);
          await logMatch(agent, /DUID 0004[0-9a-f]{32} \(created: a DUID-UUID/, 1);
          await tun.up();
          const link = JSON.parse(await execOk("ip", ["-j", "-d", "link", "show", "wan0"], ns))[0];
          assert.equal(link.link_type, "none", "no link-layer address");
          assert.ok(link.flags.includes("POINTOPOINT"));
          const first = await addressIn(ns, "wan0", "2001:db8:1::", 64, 30);
          await logMatch(agent, /requesting -> bound/, 5);
          const leases = await kea.leases();
          assert.ok(
            leases.every((l) => l.duid.startsWith("0004")),
            "the server sees the DUID-UUID",
          );

          // The session ends: wan0 and its address are gone; the lease is kept.
          await tun.down();
          await logMatch(agent, /wan0: interface removed; the lease is kept/, 10);
          const status = JSON.parse(
            (await lab.edge6("status", "--json", "-c", `${lab.dir}/edge6.toml`)).stdout,
          ).interfaces[0];
          assert.deepEqual(status.addresses.map((a: { address: string }) => a.address), [
            first.address,
          ]);

          // It comes back with a new index: the address is put back and confirmed.
          await tun.up();
          const again = await addressIn(ns, "wan0", "2001:db8:1::", 64, 10);
          assert.equal(again.address, first.address);
          await logMatch(agent, /confirming -> bound/, 20);
          assert.equal(agent.log().match(/waiting for it to appear/g)?.length, 1, "logged once");
          assert.equal(agent.log().match(/-> soliciting/g)?.length ?? 0, 1, "no new discovery");
        } catch (error) {
          console.error(`--- agent log ---\n${agent.log().split("\n").slice(-80).join("\n")}`);
          throw error;
        }
      } finally {
        await tun.close();
      }
    }, 0);
  },
);
