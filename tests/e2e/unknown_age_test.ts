/**
 * Issue 9, item 15 (RFC 9915 §18.2.5, §18.2.12): a router without a real-time
 * clock restarts with its wall clock behind the time its lease was saved, so
 * the lease's age cannot be known. The lease file here is saved "tomorrow",
 * with lifetimes far longer than the server's, and the kernel is empty as
 * after a reboot. Nothing may be installed while the server is away; once it
 * answers the Rebind, the LAN address appears, with the server's lifetimes.
 */
import assert from "node:assert/strict";
import { execOk } from "../../src/agent/lab/exec.ts";
import {
  addressIn,
  e2eTest,
  globalAddresses,
  kernelRoutes,
  logMatch,
  waitForLabBinding,
  withLab,
} from "./harness.ts";

/** Removes what the agent put in the kernel, as a reboot would. */
async function forgetKernelState(ns: string): Promise<void> {
  for (const dev of ["wan0", "lan0"]) {
    await execOk("ip", ["-6", "addr", "flush", "dev", dev, "scope", "global"], ns);
  }
  for (const r of await kernelRoutes(ns)) {
    if (r.type === "unreachable") {
      await execOk("ip", ["-6", "route", "del", "unreachable", r.dst], ns);
    }
  }
}

e2eTest(
  "a lease saved ahead of the clock: nothing installed until the Rebind's Reply",
  async () => {
    await withLab("unknownage", async (lab) => {
      const kea = await lab.startKea({ validLifetime: 300, renewTimer: 150, rebindTimer: 200 });
      const config = await lab.writeConfig({ releaseOnStop: false });
      const first = lab.startAgent(config);
      let current = first;
      try {
        const { lan } = await waitForLabBinding(lab.routerNs, first);
        first.kill("SIGUSR1");
        assert.equal(await first.exited(), 0);
        await forgetKernelState(lab.routerNs);

        // The lease as a router whose clock went back a day would find it, and with lifetimes
        // far beyond the server's: installing it blindly would keep the prefix for 25 hours.
        const file = `${lab.dir}/state/wan0.lease.json`;
        const saved = JSON.parse(await Deno.readTextFile(file));
        saved.savedAt = Date.now() + 86_400_000;
        for (const l of [...saved.addresses, ...saved.prefixes]) {
          l.preferredLifetime = 80_000;
          l.validLifetime = 90_000;
        }
        await Deno.writeTextFile(file, JSON.stringify(saved));
        await kea.stop();

        const second = lab.startAgent(config);
        current = second;
        await logMatch(second, /sent REBIND #1/, 20);
        // While no server answers, nothing of the lease reaches the kernel.
        for (let i = 0; i < 10; i++) {
          assert.deepEqual(await globalAddresses(lab.routerNs, "lan0"), [], "no LAN address yet");
          assert.deepEqual(await globalAddresses(lab.routerNs, "wan0"), [], "no WAN address yet");
          assert.ok(!(await kernelRoutes(lab.routerNs)).some((r) => r.type === "unreachable"));
          await new Promise((resolve) => setTimeout(resolve, 300));
        }
        assert.match(
          second.log(),
          /the saved lease's age is unknown \(the wall clock is \d+ s behind/,
        );
        assert.doesNotMatch(second.log(), /sent CONFIRM/);
        await kea.start();
        await logMatch(second, /rebinding -> bound/, 40);
        const back = await addressIn(lab.routerNs, "lan0", "2001:db8:100::", 40, 10);
        assert.equal(back.address, lan.address, "the same prefix, confirmed by the server");
        assert.ok(
          back.validLifetime <= 300,
          `the server's lifetime, not the file's: ${back.validLifetime}`,
        );
        const wan = (await globalAddresses(lab.routerNs, "wan0"))[0];
        assert.ok(wan !== undefined && wan.validLifetime <= 300, JSON.stringify(wan));
        // The lease is saved again, from the server's answer.
        const again = JSON.parse(await Deno.readTextFile(file));
        assert.ok(again.savedAt <= Date.now(), "stamped with this clock");
        assert.ok(again.prefixes.every((p: { validLifetime: number }) => p.validLifetime <= 300));
      } catch (error) {
        console.error(`--- agent log ---\n${current.log()}`);
        throw error;
      }
    });
  },
);
