/**
 * Hooks that misbehave (issue 9, item 19), against a running agent and Kea:
 * one writes gigabytes of short lines (`yes`), one an endless line (`cat
 * /dev/zero`), one never exits (`sleep`). Each is killed at the hook timeout
 * with its process group; meanwhile the agent renews at every T1 (RFC 9915
 * §18.2.4) without ever falling back to Rebind, and its resident memory
 * (VmRSS in /proc/PID/status) stays within a generous bound.
 */
import assert from "node:assert/strict";
import { e2eTest, eventually, waitForLabBinding, withLab } from "./harness.ts";
import type { AgentProcess } from "./harness.ts";

/** The hook timeout of the scenario, seconds. */
const HOOK_TIMEOUT = 8;

/**
 * Growth of the agent's resident memory allowed over one misbehaving hook,
 * KiB. Reading a flood through a fresh buffer per chunk grew it by 80 to 160
 * MiB within seconds; read into one reused buffer it grows by a few MiB.
 */
const RSS_GROWTH_KIB = 40 * 1024;

/** The agent's resident memory, KiB. */
async function rss(pid: number): Promise<number> {
  const status = await Deno.readTextFile(`/proc/${pid}/status`);
  return Number(/^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1]);
}

function count(agent: AgentProcess, pattern: RegExp): number {
  return (agent.log().match(pattern) ?? []).length;
}

const RENEWED = /renewing -> bound/g;
const KILLED = new RegExp(
  `hook \\S+ for wan0 \\(RENEW\\) killed after ${HOOK_TIMEOUT * 1000} ms`,
  "g",
);

e2eTest(
  "hooks that flood or hang: killed at the timeout; renewals on time; memory bounded",
  async () => {
    await withLab("hookflood", async (lab) => {
      const dir = lab.dir;
      const hook = `${dir}/hook`;
      // Each trigger file makes the next run misbehave once.
      await Deno.writeTextFile(
        hook,
        `#!/bin/sh
if rm "${dir}/yes" 2>/dev/null; then exec yes; fi
if rm "${dir}/zero" 2>/dev/null; then exec cat /dev/zero; fi
if rm "${dir}/sleep" 2>/dev/null; then echo $$ > "${dir}/sleep.pid"; exec sleep 100000; fi
echo "hook ran: $REASON"
`,
      );
      await Deno.chmod(hook, 0o700);
      await lab.startKea({
        renewTimer: 2,
        rebindTimer: 40,
        preferredLifetime: 50,
        validLifetime: 60,
      });
      const config = (await Deno.readTextFile(await lab.writeConfig({ script: hook })))
        .replace("[global]\n", `[global]\nhook_timeout = ${HOOK_TIMEOUT}\n`);
      await Deno.writeTextFile(`${dir}/edge6.toml`, config);
      const agent = lab.startAgent(`${dir}/edge6.toml`);
      try {
        await waitForLabBinding(lab.routerNs, agent);
        // Two renewals with their hooks: the agent has done all it does before the baseline.
        await eventually(
          "two renewals",
          20,
          () => Promise.resolve(count(agent, RENEWED) >= 2 ? true : undefined),
        );
        await eventually(
          "a RENEW hook",
          10,
          () => Promise.resolve(agent.log().includes("hook ran: RENEW") ? true : undefined),
        );

        for (const trigger of ["yes", "zero", "sleep"]) {
          const before = await rss(agent.pid);
          const killed = count(agent, KILLED);
          await Deno.writeTextFile(`${dir}/${trigger}`, "");
          await eventually(
            `the ${trigger} hook to start`,
            10,
            async () =>
              (await Deno.stat(`${dir}/${trigger}`).then(() => false, () => true))
                ? true
                : undefined,
          );
          const renewed = count(agent, RENEWED);
          await eventually(
            `the ${trigger} hook to be killed`,
            HOOK_TIMEOUT + 20,
            () => Promise.resolve(count(agent, KILLED) > killed ? true : undefined),
          );
          // T1 is 2 s and the hook ran for 8 s: renewals went on meanwhile.
          assert.ok(
            count(agent, RENEWED) - renewed >= 2,
            `${count(agent, RENEWED) - renewed} renewals while the ${trigger} hook ran`,
          );
          const after = await rss(agent.pid);
          assert.ok(
            after - before < RSS_GROWTH_KIB,
            `VmRSS grew from ${before} to ${after} kB over the ${trigger} hook`,
          );
        }
        assert.doesNotMatch(agent.log(), /-> rebinding/);
        assert.match(agent.log(), /output beyond 200 lines not logged: \d+ bytes/);
        assert.match(agent.log(), /\[line cut at 4096 bytes: \d+ more not logged\]/);
        // The sleeping hook died with its group.
        const pid = (await Deno.readTextFile(`${dir}/sleep.pid`)).trim();
        const state = await Deno.readTextFile(`/proc/${pid}/stat`).then(
          (s) => s.split(") ")[1]!.charAt(0),
          () => "gone",
        );
        assert.ok(state === "gone" || state === "Z", `the hung hook is ${state}`);
        agent.kill("SIGTERM");
        assert.equal(await agent.exited(), 0);
      } catch (error) {
        console.error(`--- agent log (tail) ---\n${agent.log().split("\n").slice(-60).join("\n")}`);
        throw error;
      }
    });
  },
);
