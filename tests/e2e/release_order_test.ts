/**
 * Issue 9, item 12 (RFC 9915 §18.2.7, §6.3; RFC 9096 §3.3): on SIGTERM with
 * release_on_stop, everything derived from the delegated prefix leaves the
 * kernel, then the hook runs with REASON=RELEASE, and only once it has ended
 * does the Release reach the wire. The order is read from the hook's own
 * records and from a capture on the server's side of the link.
 */
import assert from "node:assert/strict";
import { decodeMessage } from "../../src/dhcp6/codec.ts";
import { MessageType } from "../../src/dhcp6/constants.ts";
import { dhcp6Packets } from "../../src/pcap/dhcp6_packets.ts";
import { haveProgram } from "../../src/agent/lab/exec.ts";
import { e2eTest, eventually, globalAddresses, waitForLabBinding, withLab } from "./harness.ts";

/**
 * Starts dumpcap on `dev` in `ns`, writing classic pcap to `file`; resolves
 * once it has opened its file (it opens the interface first). Returns what
 * stops it (SIGINT: it writes out what it holds and exits).
 */
async function capture(ns: string, dev: string, file: string): Promise<() => Promise<void>> {
  const child = new Deno.Command("ip", {
    args: ["netns", "exec", ns, "dumpcap", "-q", "-P", "-i", dev, "-f", "udp", "-w", file],
    stdin: "null",
    stdout: "null",
    stderr: "piped",
  }).spawn();
  let text = "";
  const decoder = new TextDecoder();
  const reading = (async () => {
    for await (const chunk of child.stderr) text += decoder.decode(chunk, { stream: true });
  })().catch(() => {});
  await eventually(
    `dumpcap to capture on ${dev}`,
    10,
    () => Promise.resolve(text.includes("File:") ? true : undefined),
  );
  return async () => {
    child.kill("SIGINT");
    await child.status;
    await reading;
  };
}

/** The DHCPv6 message type of a captured payload, or undefined when it does not decode. */
function messageType(payload: Uint8Array): number | undefined {
  try {
    return decodeMessage(payload).type;
  } catch {
    return undefined;
  }
}

e2eTest(
  "SIGTERM: LAN withdrawn, then the RELEASE hook runs to its end, then the Release goes out",
  async () => {
    if (!haveProgram("dumpcap")) throw new Error("dumpcap (Wireshark) is needed to see the wire");
    await withLab("relorder", async (lab) => {
      const kea = await lab.startKea({ validLifetime: 300, renewTimer: 150, rebindTimer: 200 });
      const hook = `${lab.dir}/hook.sh`;
      await Deno.writeTextFile(
        hook,
        [
          "#!/bin/sh",
          `out="${lab.dir}/hook.$REASON"`,
          `env > "$out.env"`,
          'if [ "$REASON" = RELEASE ]; then',
          '  date +%s.%N > "$out.start"',
          // What the kernel holds while the hook runs: nothing of the prefix may be left.
          '  ip -6 addr show dev lan0 scope global > "$out.lan"',
          '  ip -6 route show type unreachable > "$out.routes"',
          // An RA daemon being told takes a moment; the Release must wait for it.
          "  sleep 2",
          '  date +%s.%N > "$out.end"',
          "fi",
          "",
        ].join("\n"),
        { mode: 0o700 },
      );
      const config = await lab.writeConfig({ script: hook, releaseOnStop: true });
      // The capture runs from before the first Solicit, so that it is surely live at the end.
      const wire = `${lab.dir}/wire.pcap`;
      let stop: (() => Promise<void>) | undefined = await capture(
        lab.topology.serverNs,
        lab.topology.serverIf,
        wire,
      );
      const agent = lab.startAgent(config);
      try {
        await waitForLabBinding(lab.routerNs, agent);
        agent.kill("SIGTERM");
        assert.equal(await agent.exited(), 0);
        await eventually("Kea to record the release", 10, async () => {
          const all = await kea.leases();
          return all.every((l) => l.validLifetime === 0 || l.state !== 0) ? true : undefined;
        });
        // libpcap hands packets to dumpcap in blocks, at the latest after its read timeout
        // (250 ms); a SIGINT before that loses the last block.
        await new Promise((resolve) => setTimeout(resolve, 1500));
        await stop();
        stop = undefined;

        // The hook saw the state after the withdrawal, in its environment and in the kernel.
        assert.equal(await Deno.readTextFile(`${lab.dir}/hook.RELEASE.lan`), "");
        assert.equal(await Deno.readTextFile(`${lab.dir}/hook.RELEASE.routes`), "");
        const env = await Deno.readTextFile(`${lab.dir}/hook.RELEASE.env`);
        assert.match(env, /^REASON=RELEASE$/m);
        assert.match(env, /^STATE=releasing$/m);
        assert.doesNotMatch(env, /^PDINFO=/m);
        assert.match(env, /^OLD_PDINFO=2001:db8:1[0-9a-f]*::\/56$/m);
        assert.match(env, /^LAN_SUBNETS=$/m);

        const captured = dhcp6Packets(await Deno.readFile(wire));
        const types = captured.map((p) => messageType(p.payload));
        assert.equal(types[0], MessageType.SOLICIT, "the capture saw the whole exchange");
        const release = captured.find((p) => messageType(p.payload) === MessageType.RELEASE);
        assert.ok(release, `a Release on the wire: ${types.join(" ")}`);
        // Two clocks of the same machine: the Release left after the hook had finished.
        const started = Number(await Deno.readTextFile(`${lab.dir}/hook.RELEASE.start`));
        const ended = Number(await Deno.readTextFile(`${lab.dir}/hook.RELEASE.end`));
        assert.ok(ended - started >= 1.9, `the hook ran ${started}–${ended}`);
        // dumpcap's records carry timestamps (only a pcapng simple packet block has none).
        assert.ok(release.time !== undefined, "the capture has timestamps");
        assert.ok(release.time > ended, `hook ${started}–${ended}, Release at ${release.time}`);
        assert.deepEqual(await globalAddresses(lab.routerNs, "lan0"), []);
        // The EXIT hook comes after the Release's Reply.
        await Deno.stat(`${lab.dir}/hook.EXIT.env`);
      } catch (error) {
        console.error(`--- agent log ---\n${agent.log()}`);
        throw error;
      } finally {
        await stop?.();
      }
    });
  },
);
