/**
 * Renumbering as a host sees it (RFC 9096 §3.5). Kea changes the delegated
 * prefix at a Renew: on the LAN host, the address in the old /64 is
 * deprecated (preferred lifetime 0) within 2 s and an address in the new
 * /64 forms. Then the same with the agent killed while the prefix changes
 * and its saved lease gone: the old /64 is known only from the stale list
 * on disk, and is still deprecated once the new prefix arrives.
 */
import assert from "node:assert/strict";
import { e2eTest, eventually, globalAddresses, logMatch, withLab } from "./harness.ts";
import { formatIPv6, prefixContains } from "../../src/dhcp6/ipv6.ts";
import { delegatedSubnet } from "../../src/agent/prefix_delegation.ts";
import { leasePath } from "../../src/agent/lease_store.ts";
import { hostAddressIn, hostAddrText, LAN_TOML, statusJson } from "./lan_helpers.ts";

const TIMERS = { renewTimer: 4, rebindTimer: 45, preferredLifetime: 3000, validLifetime: 4000 };

const subnetOf = (prefix: string) =>
  formatIPv6(delegatedSubnet(prefix, 56, { interfaceName: "lan0", slaId: 1 }).subnet);

/** Waits until the host's address in `subnet` is deprecated; returns when that was seen. */
async function deprecated(ns: string, subnet: string, address: string, seconds: number) {
  return await eventually(`${address} deprecated on the host`, seconds, async () => {
    const a = (await globalAddresses(ns, "host0")).find((x) => x.address === address);
    return a !== undefined && a.preferredLifetime === 0 && prefixContains(subnet, 64, a.address)
      ? a
      : undefined;
  });
}

e2eTest(
  "LAN renumbering: the host deprecates the old /64 within 2 s, forms one in the new",
  async () => {
    await withLab("lanrenum", async (lab) => {
      const first = await lab.startKea(TIMERS);
      const host = await lab.addLanHost(0);
      const agent = lab.startAgent(await lab.writeConfig({ extra: LAN_TOML }));
      try {
        const a = await eventually(
          "Kea's first prefix",
          30,
          async () => (await first.leases()).find((l) => l.type === "IA_PD"),
        );
        const subnetA = subnetOf(a.address);
        const old = await hostAddressIn(host, subnetA, 20);
        assert.ok(old.preferredLifetime > 0);
        const before = await hostAddrText(host);

        await first.stop();
        await Deno.remove(first.leaseFile);
        const second = await lab.startKea({ ...TIMERS, pdPrefix: "2001:db8:200::" });
        // The router's own LAN address in B marks the moment the agent took B.
        const lanB = await eventually(
          "the router's LAN address in the new prefix",
          30,
          async () =>
            (await globalAddresses(lab.routerNs, "lan0")).find((x) =>
              prefixContains("2001:db8:200::", 40, x.address)
            ),
        );
        const tookB = Date.now();
        const b = (await second.leases()).find((l) => l.type === "IA_PD" && l.validLifetime > 0)!;
        const subnetB = subnetOf(b.address);
        assert.ok(prefixContains(subnetB, 64, lanB.address));
        await deprecated(host, subnetA, old.address, 2);
        assert.ok(Date.now() - tookB < 2500, "deprecated within 2 s");
        const fresh = await hostAddressIn(host, subnetB, 10);
        assert.ok(fresh.preferredLifetime > 0);
        const after = await hostAddrText(host);
        console.log(
          `--- host0 before renumbering (ip -6 addr show dev host0) ---\n${before}` +
            `--- host0 after renumbering ---\n${after}`,
        );
        const lan = ((await statusJson(lab)).lan as {
          router_advertisements: { stale: { subnet: string }[] };
        }[])[0]!;
        assert.deepEqual(lan.router_advertisements.stale.map((s) => s.subnet), [`${subnetA}/64`]);
        await logMatch(agent, new RegExp(`advertising stale ${subnetA}/64`), 5);
      } catch (error) {
        console.error(`--- agent log ---\n${agent.log().split("\n").slice(-60).join("\n")}`);
        throw error;
      }
    });
  },
);

e2eTest("LAN renumbering across a restart: the stale /64 comes from the list on disk", async () => {
  await withLab("lanrestart", async (lab) => {
    const first = await lab.startKea(TIMERS);
    const host = await lab.addLanHost(0);
    const config = await lab.writeConfig({ extra: LAN_TOML });
    const agent = lab.startAgent(config);
    let again: ReturnType<typeof lab.startAgent> | undefined;
    try {
      const a = await eventually(
        "Kea's first prefix",
        30,
        async () => (await first.leases()).find((l) => l.type === "IA_PD"),
      );
      const subnetA = subnetOf(a.address);
      const old = await hostAddressIn(host, subnetA, 20);
      // The agent dies without a word; its lease is lost; the ISP renumbers meanwhile.
      agent.kill("SIGKILL");
      await agent.exited();
      const saved = JSON.parse(await Deno.readTextFile(`${lab.dir}/state/lan-lan0.json`));
      assert.deepEqual(
        saved.prefixes.map((p: { subnet: string; state: string }) => [p.subnet, p.state]),
        [[`${subnetA}/64`, "current"]],
      );
      await Deno.remove(leasePath(`${lab.dir}/state`, "wan0"));
      await first.stop();
      await Deno.remove(first.leaseFile);
      const second = await lab.startKea({ ...TIMERS, pdPrefix: "2001:db8:200::" });
      again = lab.startAgent(config);
      await logMatch(again, /lan0: read 1 advertised and 0 stale \/64s from the last run/, 10);
      const b = await eventually(
        "Kea's new prefix",
        30,
        async () => (await second.leases()).find((l) => l.type === "IA_PD"),
      );
      const subnetB = subnetOf(b.address);
      const fresh = await hostAddressIn(host, subnetB, 20);
      await deprecated(host, subnetA, old.address, 2);
      assert.ok(fresh.preferredLifetime > 0);
      const lan = ((await statusJson(lab)).lan as {
        router_advertisements: { stale: { subnet: string }[] };
      }[])[0]!;
      assert.deepEqual(lan.router_advertisements.stale.map((s) => s.subnet), [`${subnetA}/64`]);
    } catch (error) {
      console.error(
        `--- agent log ---\n${(again ?? agent).log().split("\n").slice(-60).join("\n")}`,
      );
      throw error;
    }
  });
});
