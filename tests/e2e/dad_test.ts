/**
 * DAD failure (RFC 9915 §18.2.8): the first address Kea offers is already in
 * use on the link, the kernel's DAD fails, the agent Declines it and gets
 * another address, whose DAD completion reaches the engine; Kea records the
 * declined one.
 */
import assert from "node:assert/strict";
import { addressIn, e2eTest, eventually, logMatch, withLab } from "./harness.ts";
import { execOk } from "../../src/agent/lab/exec.ts";

e2eTest("DAD failure: Decline, then another address", async () => {
  await withLab("dad", async (lab) => {
    // The server side already holds the first pool address.
    await execOk("ip", [
      "-n",
      lab.topology.serverNs,
      "addr",
      "add",
      "2001:db8:1::100/64",
      "dev",
      "srv0",
      "nodad",
    ]);
    const kea = await lab.startKea({ validLifetime: 300 });
    const agent = lab.startAgent(await lab.writeConfig());
    try {
      await logMatch(agent, /duplicate address detected on 2001:db8:1::100/, 30);
      await logMatch(agent, /-> declining/, 10);
      const other = await addressIn(lab.routerNs, "wan0", "2001:db8:1::", 64, 30);
      assert.notEqual(other.address, "2001:db8:1::100");
      // The new address's DAD completion reaches the engine too.
      await logMatch(
        agent,
        new RegExp(`${other.address.replaceAll(".", "\\.")} passed duplicate address detection`),
        10,
      );
      const declined = await eventually(
        "Kea to record the Decline",
        10,
        async () =>
          (await kea.leases()).find((l) => l.address === "2001:db8:1::100" && l.state === 1),
      );
      assert.equal(declined.type, "IA_NA");
    } catch (error) {
      console.error(`--- agent log ---\n${agent.log()}`);
      throw error;
    }
  });
});
