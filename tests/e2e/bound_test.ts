/**
 * IA_NA and IA_PD bound against Kea: the address on the upstream with Kea's
 * lifetimes, the LAN subnet at the sla-id on a downstream veth, the
 * unreachable route for the whole delegated prefix (RFC 7084 WPD-5); then
 * SIGTERM releases everything (RFC 9915 §18.2.7) and Kea shows it. The hook
 * runs after the kernel changes with dhcp6c's environment and no descriptor
 * of the agent's; `edge6 status --json` shows the lease, the LAN subnet and
 * the counters.
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
    await Deno.writeTextFile(
      hook,
      [
        "#!/bin/sh",
        // What the kernel holds while the hook runs, and the hook's own descriptors.
        `ip -6 addr show > "${lab.dir}/hook.$REASON.addr"`,
        `ls -l /proc/self/fd > "${lab.dir}/hook.$REASON.fds"`,
        `env > "${lab.dir}/hook.$REASON.env"`,
        "",
      ].join("\n"),
      { mode: 0o700 },
    );
    const config = await lab.writeConfig({ script: hook });
    const agent = lab.startAgent(config);
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
      // The kernel already held the address and the LAN subnet when the hook ran.
      const seen = await Deno.readTextFile(`${lab.dir}/hook.REQUEST.addr`);
      assert.ok(seen.includes(`${wan.address}/128`), seen);
      assert.ok(seen.includes(`${lan.address}/64`), seen);
      // Only 0–2 reach the hook, plus the one ls reads /proc/self/fd through:
      // none of the agent's sockets, netlink or poll descriptors.
      const fds = [
        ...(await Deno.readTextFile(`${lab.dir}/hook.REQUEST.fds`)).matchAll(/ (\d+) -> (.*)$/gm),
      ].filter((m) => Number(m[1]) > 2);
      assert.equal(fds.length, 1, `descriptors leaked into the hook: ${fds.map((m) => m[0])}`);
      assert.match(fds[0]![2]!, /^\/proc\/\d+\/fd$/);

      // edge6 status --json over the control socket: the issue-6 fields.
      const status = JSON.parse(
        await eventually("status over the control socket", 10, async () => {
          const r = await lab.edge6("status", "--json", "-c", config);
          return r.code === 0 ? r.stdout : undefined;
        }),
      );
      const wan0 = status.interfaces[0];
      assert.equal(wan0.name, "wan0");
      assert.equal(wan0.state, "bound");
      assert.match(wan0.server.duid, /^[0-9a-f]+$/);
      assert.match(wan0.server.address, /^fe80::/);
      assert.equal(wan0.addresses[0].address, wan.address);
      assert.ok(wan0.addresses[0].valid_left > 0 && wan0.addresses[0].valid_left <= 300);
      assert.ok(wan0.addresses[0].preferred_left <= 240);
      assert.equal(wan0.prefixes[0].prefix, `${pd.address}/56`);
      assert.equal(wan0.lan_subnets[0].interface, "lan0");
      assert.equal(wan0.lan_subnets[0].subnet, `${subnet}/64`);
      assert.equal(wan0.lan_subnets[0].delegated_prefix, `${pd.address}/56`);
      assert.deepEqual(wan0.ias.map((ia: { t1: number; t2: number }) => [ia.t1, ia.t2]), [
        [150, 200],
        [150, 200],
      ]);
      assert.ok(wan0.next_timer_in > 0 && wan0.next_timer_in <= 150);
      assert.deepEqual(wan0.dns_servers, ["2001:db8:1::53"]);
      assert.equal(wan0.counters.sent.SOLICIT >= 1 && wan0.counters.sent.REQUEST >= 1, true);
      assert.equal(wan0.counters.received.REPLY >= 1, true);
      assert.equal(wan0.counters.hooks.run >= 1, true);
      assert.equal(wan0.counters.hooks.failed, 0);
      const text = await lab.edge6("status", "-c", config);
      assert.match(text.stdout, new RegExp(`lan +lan0 ${subnet}/64`));
      // Only root may steer the agent; the state file holds the same document.
      assert.equal((await Deno.stat(`${lab.dir}/edge6.sock`)).mode! & 0o777, 0o600);
      const state = JSON.parse(await Deno.readTextFile(`${lab.dir}/state/status.json`));
      assert.deepEqual(state.interfaces[0].lan_subnets, wan0.lan_subnets);
      assert.deepEqual(state.interfaces[0].prefixes.map((p: { prefix: string }) => p.prefix), [
        `${pd.address}/56`,
      ]);

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
