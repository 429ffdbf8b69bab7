/**
 * A server that delegates ::/0 must not take the router's default route: the
 * unreachable route of a delegated prefix (RFC 7084 WPD-5) is made with
 * NLM_F_REPLACE, and for ::/0 it would replace the default route. With Kea
 * stopped mid-Renew, a scapy script answers the Renew as the server would
 * (its transaction id, Client ID and Server ID) renewing the address and
 * prefix A and adding ::/0 to the IA_PD. The agent keeps the address, A's LAN
 * subnet and route, discards ::/0 with a warning in its log, and the default
 * route stays.
 */
import assert from "node:assert/strict";
import {
  assertGlobalAddresses,
  globalAddresses,
  kernelRoutes,
  logMatch,
  waitForLabBinding,
  withLab,
} from "./harness.ts";
import { answerRenewWith, hostileTest } from "./hostile_server.ts";
import { execOk } from "../../src/agent/lab/exec.ts";

hostileTest("a delegated ::/0 is refused; the default route stays", async () => {
  await withLab("zeropd", async (lab) => {
    const kea = await lab.startKea({
      renewTimer: 4,
      rebindTimer: 45,
      preferredLifetime: 50,
      validLifetime: 60,
    });
    const agent = lab.startAgent(await lab.writeConfig());
    try {
      const { wan, lan } = await waitForLabBinding(lab.routerNs, agent);
      // The default route a router learns from the ISP's Router Advertisements.
      await execOk(
        "ip",
        ["-6", "route", "add", "default", "via", "fe80::1", "dev", "wan0", "proto", "ra"],
        lab.routerNs,
      );
      const before = (await kernelRoutes(lab.routerNs)).filter((r) => r.type === "unreachable");
      assert.equal(before.length, 1);

      const run = await answerRenewWith(lab, kea, "zero-prefix");
      assert.deepEqual(run.sent, { "reply-zero-prefix": 1 });
      await logMatch(agent, /renewing -> bound/, 10);

      const routes = await kernelRoutes(lab.routerNs);
      const defaults = routes.filter((r) => r.dst === "default");
      assert.deepEqual(
        defaults.map((r) => [r.type, r.protocol]),
        [["unicast", "ra"]],
        `the default route is intact: ${JSON.stringify(routes)}`,
      );
      await logMatch(agent, /discarding prefix ::\/0: shorter than \/16/, 5);
      assert.deepEqual(
        routes.filter((r) => r.type === "unreachable").map((r) => r.dst),
        before.map((r) => r.dst),
      );
      await assertGlobalAddresses(lab.routerNs, { wan0: [wan.address], lan0: [lan.address] });
      // The script renewed with 50/60 s: the kernel holds those lifetimes now.
      const renewed = (await globalAddresses(lab.routerNs, "wan0"))[0]!;
      assert.ok(
        renewed.validLifetime <= 60 && renewed.validLifetime > 50,
        `${renewed.validLifetime}`,
      );
    } catch (error) {
      console.error(`--- agent log ---\n${agent.log().split("\n").slice(-60).join("\n")}`);
      throw error;
    }
  });
});
