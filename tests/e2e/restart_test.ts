/**
 * Restart resumes without Solicit (RFC 9915 §18.2.12): after SIGKILL the lease
 * file brings the same address and prefix back by Confirm/Rebind; `-n` keeps
 * the bindings in the kernel and at the server on SIGTERM. An unreachable route
 * that no saved lease holds (debris of a dead run; the kernel never expires
 * these) is removed when the agent starts.
 */
import assert from "node:assert/strict";
import {
  assertLabAddressesKept,
  e2eTest,
  globalAddresses,
  kernelRoutes,
  logMatch,
  waitForLabBinding,
  withLab,
} from "./harness.ts";
import { execOk } from "../../src/agent/lab/exec.ts";

e2eTest("SIGKILL then restart: same address and prefix, no Solicit; -n keeps them", async () => {
  await withLab("restart", async (lab) => {
    const kea = await lab.startKea({ validLifetime: 300, renewTimer: 150, rebindTimer: 200 });
    const config = await lab.writeConfig();
    const first = lab.startAgent(config);
    let current = first;
    try {
      const { wan: address, lan } = await waitForLabBinding(lab.routerNs, first);
      first.kill("SIGKILL");
      await first.exited();
      // The kernel keeps what it was given, with its lifetimes.
      assert.ok(
        (await globalAddresses(lab.routerNs, "wan0")).some((a) => a.address === address.address),
      );
      // A route for a prefix whose lease is long gone, as a killed run leaves it.
      await execOk(
        "ip",
        ["-6", "route", "add", "unreachable", "2001:db8:dead::/56", "proto", "dhcp"],
        lab.routerNs,
      );

      const second = lab.startAgent(config);
      current = second;
      await logMatch(second, /resuming a saved lease/, 20);
      await logMatch(second, /-> bound/, 20);
      assert.doesNotMatch(second.log(), /sent SOLICIT/);
      const routes = await kernelRoutes(lab.routerNs);
      assert.ok(!routes.some((r) => r.dst === "2001:db8:dead::/56"), "stale route removed");
      assert.ok(
        routes.some((r) => r.type === "unreachable" && r.dst.startsWith("2001:db8:1")),
        `the resumed prefix keeps its route: ${JSON.stringify(routes)}`,
      );
      await assertLabAddressesKept(lab.routerNs, address.address, lan.address);
      const leases = await kea.leases();
      assert.equal(leases.filter((l) => l.type === "IA_NA").length, 1);
      assert.equal(leases.filter((l) => l.type === "IA_PD").length, 1);

      // SIGUSR1: exit at once, without Release (as dhcp6c).
      second.kill("SIGUSR1");
      assert.equal(await second.exited(), 0);
      assert.doesNotMatch(second.log(), /sent RELEASE/);
      assert.ok(
        (await globalAddresses(lab.routerNs, "wan0")).some((a) => a.address === address.address),
      );
      const third = lab.startAgent(config, ["-n"]);
      current = third;
      await logMatch(third, /-> bound/, 20);
      third.kill("SIGTERM");
      assert.equal(await third.exited(), 0);
      assert.doesNotMatch(third.log(), /sent RELEASE/);
      assert.ok(
        (await globalAddresses(lab.routerNs, "wan0")).some((a) => a.address === address.address),
      );
      assert.ok(
        (await globalAddresses(lab.routerNs, "lan0")).some((a) => a.address === lan.address),
      );
      assert.ok((await kernelRoutes(lab.routerNs)).some((r) => r.type === "unreachable"));
      assert.ok((await kea.leases()).every((l) => l.validLifetime === 300));
    } catch (error) {
      console.error(`--- agent log ---\n${current.log()}`);
      throw error;
    }
  });
});
