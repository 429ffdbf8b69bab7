/**
 * The control socket under abuse (issue 9, item 18), against a running agent:
 * an oversized request, a hundred idle connections and a half-written request
 * are each answered with an error or closed, `status` and `renew` are served
 * all along, and the agent's descriptors (counted in /proc/PID/fd) stay
 * within the connection limit.
 */
import assert from "node:assert/strict";
import { sendControlRequest } from "../../src/agent/control_client.ts";
import { DEFAULT_CONTROL_LIMITS } from "../../src/agent/control_server.ts";
import { e2eTest, eventually, waitForLabBinding, withLab } from "./harness.ts";

/** The agent's open descriptors. */
function descriptors(pid: number): number {
  return [...Deno.readDirSync(`/proc/${pid}/fd`)].length;
}

/**
 * What the agent sends until it closes the connection (a reset ends it too);
 * fails when it neither answers nor closes within `seconds`.
 */
async function answerOf(conn: Deno.Conn, seconds = 30): Promise<string> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let expired = false;
  const deadline = new Promise<void>((resolve) =>
    timer = setTimeout(() => {
      expired = true;
      resolve();
    }, seconds * 1000)
  );
  const parts: string[] = [];
  const decoder = new TextDecoder();
  const buffer = new Uint8Array(4096);
  try {
    for (;;) {
      const n = await Promise.race([conn.read(buffer).catch(() => null), deadline]);
      if (expired) throw new Error(`the agent neither answered nor closed within ${seconds} s`);
      if (n === null || n === undefined) break;
      parts.push(decoder.decode(buffer.subarray(0, n), { stream: true }));
    }
  } finally {
    clearTimeout(timer);
  }
  return parts.join("");
}

e2eTest(
  "control socket abuse: errors or closes, status and renew served, descriptors bounded",
  async () => {
    await withLab("ctlabuse", async (lab) => {
      await lab.startKea({ validLifetime: 600, renewTimer: 300, rebindTimer: 480 });
      const agent = lab.startAgent(await lab.writeConfig());
      const path = `${lab.dir}/edge6.sock`;
      const idle: Deno.Conn[] = [];
      try {
        await waitForLabBinding(lab.routerNs, agent);
        const status = await sendControlRequest(path, { command: "status" });
        assert.ok(status.ok, JSON.stringify(status));
        const baseline = descriptors(agent.pid);
        const bound = baseline + DEFAULT_CONTROL_LIMITS.maxConnections + 4;

        // A request over 64 KiB: an error, and the connection closed.
        const big = await Deno.connect({ transport: "unix", path });
        const writing = big.write(new Uint8Array(65 * 1024).fill(0x20)).catch(() => 0);
        const bigAnswer = await answerOf(big);
        await writing;
        big.close();
        if (bigAnswer !== "") assert.equal(JSON.parse(bigAnswer).ok, false, bigAnswer);

        // A hundred connections that never send anything.
        for (let i = 0; i < 100; i++) idle.push(await Deno.connect({ transport: "unix", path }));
        await eventually(
          "the agent to close the idle connections beyond its limit",
          10,
          () => Promise.resolve(descriptors(agent.pid) <= bound ? true : undefined),
        );

        // Served while the idle connections are still open on this side.
        const renews = (agent.log().match(/renewing -> bound/g) ?? []).length;
        const renew = await sendControlRequest(path, { command: "renew", interface: "wan0" });
        assert.ok(renew.ok, JSON.stringify(renew));
        await eventually("the requested Renew to be answered", 15, () =>
          Promise.resolve(
            (agent.log().match(/renewing -> bound/g) ?? []).length > renews ? true : undefined,
          ));
        const during = await sendControlRequest(path, { command: "status" });
        assert.ok(during.ok, JSON.stringify(during));
        assert.ok(descriptors(agent.pid) <= bound, `${descriptors(agent.pid)} descriptors`);

        // A half-written request: answered with an error once its time is up, or closed.
        const half = await Deno.connect({ transport: "unix", path });
        await half.write(new TextEncoder().encode('{"command":"stat'));
        const halfAnswer = await answerOf(half);
        half.close();
        if (halfAnswer !== "") {
          assert.equal(JSON.parse(halfAnswer).ok, false, halfAnswer);
        }

        // Every connection has been dealt with: the agent holds what it held before.
        for (const conn of idle.splice(0)) conn.close();
        await eventually(
          "the agent's descriptors back to where they were",
          15,
          () => Promise.resolve(descriptors(agent.pid) <= baseline + 2 ? true : undefined),
        );
        const after = await sendControlRequest(path, { command: "status" });
        assert.ok(after.ok, JSON.stringify(after));
        agent.kill("SIGTERM");
        assert.equal(await agent.exited(), 0);
      } catch (error) {
        console.error(`--- agent log ---\n${agent.log()}`);
        throw error;
      } finally {
        for (const conn of idle) conn.close();
      }
    });
  },
);
