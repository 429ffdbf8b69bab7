/**
 * A full disk under the state directory (issue 9, item 17): the state
 * directory is a tiny tmpfs that the test fills. Renewals go on (RFC 9915
 * §18.2.4) on the lease in memory; the lease file and status.json keep their
 * last good content whole (no truncated or temporary file is left); each kind
 * of failure is logged once, not at every save; and once space is freed, the
 * next change saves again.
 */
import assert from "node:assert/strict";
import type { SavedLease } from "../../src/dhcp6/client/types.ts";
import { sendControlRequest } from "../../src/agent/control_client.ts";
import { execOk } from "../../src/agent/lab/exec.ts";
import { addressIn, e2eTest, eventually, logMatch, waitForLabBinding, withLab } from "./harness.ts";
import type { AgentProcess } from "./harness.ts";

/** Asks for a Renew and waits until it has been answered (one more "renewing -> bound"). */
async function renewOnce(agent: AgentProcess, socket: string): Promise<void> {
  const count = () => (agent.log().match(/renewing -> bound/g) ?? []).length;
  const before = count();
  const answer = await sendControlRequest(socket, { command: "renew", interface: "wan0" });
  assert.ok(answer.ok, JSON.stringify(answer));
  await eventually(
    "the Renew to be answered",
    20,
    () => Promise.resolve(count() > before ? true : undefined),
  );
}

/** The lines of the agent's log that contain `text`. */
function linesWith(agent: AgentProcess, text: string): string[] {
  return agent.log().split("\n").filter((l) => l.includes(text));
}

e2eTest(
  "a full state directory: the agent runs on, files stay whole, one error per kind",
  async () => {
    await withLab("fulldisk", async (lab) => {
      const state = `${lab.dir}/state`;
      await Deno.mkdir(state);
      // 256 KiB: room for the lease and status files, and little else. Mounted
      // before the agent starts, so that its mount namespace (`ip netns exec`)
      // holds the same file system the test fills.
      await execOk("mount", ["-t", "tmpfs", "-o", "size=256k,mode=0755", "edge6-e2e-full", state]);
      try {
        await lab.startKea({ validLifetime: 600, renewTimer: 300, rebindTimer: 480 });
        const agent = lab.startAgent(await lab.writeConfig());
        const socket = `${lab.dir}/edge6.sock`;
        const leaseFile = `${state}/wan0.lease.json`;
        try {
          const { wan } = await waitForLabBinding(lab.routerNs, agent);
          const saved = await eventually("the lease file", 10, async () => {
            const text = await Deno.readTextFile(leaseFile);
            return text.includes(wan.address) ? text : undefined;
          });
          await eventually(
            "status.json",
            10,
            async () =>
              (await Deno.readTextFile(`${state}/status.json`)).includes('"bound"')
                ? true
                : undefined,
          );

          // Fill the file system: the first write that fails ends the filler.
          const filler = await Deno.open(`${state}/filler`, { write: true, create: true });
          const block = new Uint8Array(4096);
          try {
            for (;;) {
              await filler.write(block);
            }
          } catch (error) {
            assert.equal((error as { code?: string }).code, "ENOSPC");
          } finally {
            filler.close();
          }

          // Three renewals: three lease changes that cannot be saved.
          for (let i = 0; i < 3; i++) {
            await renewOnce(agent, socket);
          }
          const status = await sendControlRequest(socket, { command: "status" });
          assert.ok(status.ok, JSON.stringify(status));
          assert.equal(
            (await addressIn(lab.routerNs, "wan0", "2001:db8:1::", 64, 5)).address,
            wan.address,
          );

          // The last good lease, whole; nothing else left behind.
          assert.equal(await Deno.readTextFile(leaseFile), saved);
          JSON.parse(await Deno.readTextFile(`${state}/status.json`));
          const names = [...Deno.readDirSync(state)].map((e) => e.name).sort();
          assert.deepEqual(names, ["filler", "status.json", "wan0.lease.json"]);

          // One error line per kind of failure and per file; the repeats are debug lines.
          const leaseErrors = linesWith(agent, "wan0: saving the lease in");
          assert.equal(
            leaseErrors.filter((l) => / error: .*No space left on device/.test(l)).length,
            1,
            leaseErrors.join("\n"),
          );
          assert.ok(
            leaseErrors.filter((l) => / debug: .*failed again \(ENOSPC/.test(l)).length >= 2,
          );
          const statusErrors = linesWith(agent, `writing ${state}/status.json failed`);
          assert.equal(
            statusErrors.filter((l) => / error: /.test(l)).length,
            1,
            statusErrors.join("\n"),
          );

          // Space again: the next change is saved.
          await Deno.remove(`${state}/filler`);
          await renewOnce(agent, socket);
          await logMatch(
            agent,
            /wan0: saving the lease in .* works again, after \d+ failed attempts/,
            5,
          );
          const after = JSON.parse(await Deno.readTextFile(leaseFile)) as SavedLease;
          assert.ok(after.savedAt > (JSON.parse(saved) as SavedLease).savedAt);
          assert.equal(after.addresses[0]?.address, wan.address);
          agent.kill("SIGTERM");
          assert.equal(await agent.exited(), 0);
        } catch (error) {
          console.error(`--- agent log ---\n${agent.log()}`);
          throw error;
        }
      } finally {
        await execOk("umount", ["-l", state]).catch(() => {});
      }
    });
  },
);
