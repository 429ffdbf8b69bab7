/**
 * Runs fixtures/hostile_server.py, a scapy script that takes Kea's place in
 * the server namespace and answers the agent's next Renew with crafted
 * datagrams (RFC 9915 §16 says what a client must discard), and registers the
 * scenarios that need it: skipped loudly without python3-scapy, failed instead
 * when EDGE6_REQUIRE_E2E=1.
 */
import assert from "node:assert/strict";
import { type E2eLab, e2eTest, kernelAddresses } from "./harness.ts";
import type { KeaServer } from "../../src/agent/lab/kea.ts";

const SCRIPT = new URL("./fixtures/hostile_server.py", import.meta.url).pathname;

/** What the script reports: the Renew's transaction id and datagrams sent per kind. */
export interface HostileRun {
  /** The transaction id of the Renew it answered. */
  readonly xid: number;
  /** How many datagrams of each kind it sent. */
  readonly sent: Readonly<Record<string, number>>;
}

/** What the script sends: the whole hostile set, or one Reply delegating ::/0 too. */
export type HostileMode = "hostile" | "zero-prefix";

/** Why the scapy script cannot run here, or undefined when it can. */
function scapyUnavailable(): string | undefined {
  if (Deno.build.os !== "linux") return undefined;
  try {
    const probe = new Deno.Command("/usr/bin/python3", {
      args: ["-c", "import scapy"],
      stdout: "null",
      stderr: "null",
    }).outputSync();
    return probe.success ? undefined : "python3-scapy is not installed";
  } catch {
    return "/usr/bin/python3 is not installed";
  }
}

let noScapy: string | undefined | null = null;

/** `e2eTest` for a scenario that needs scapy besides Kea. */
export function hostileTest(name: string, fn: () => Promise<void>): void {
  if (noScapy === null) noScapy = scapyUnavailable();
  const why = noScapy;
  if (why !== undefined && Deno.env.get("EDGE6_REQUIRE_E2E") !== "1") {
    console.error(`\n!!! SKIPPED end-to-end test "${name}": ${why} !!!\n`);
    Deno.test({ name: `e2e: ${name} (SKIPPED: ${why})`, ignore: true, fn() {} });
    return;
  }
  e2eTest(name, async () => {
    if (why !== undefined) throw new Error(`EDGE6_REQUIRE_E2E=1 but ${why}`);
    await fn();
  });
}

/**
 * Starts the script, stops `kea` once it captures (so the agent's next Renew
 * goes unanswered but for the script), and waits for its report. The script
 * gives up after `timeoutSeconds` without an unanswered Renew.
 */
export async function answerRenewWith(
  lab: E2eLab,
  kea: KeaServer,
  mode: HostileMode,
  flood = 0,
  timeoutSeconds = 25,
): Promise<HostileRun> {
  const serverNs = lab.topology.serverNs;
  const serverLinkLocal =
    (await kernelAddresses(serverNs, lab.topology.serverIf)).find((a) => a.scope === "link")!
      .address;
  const script = new Deno.Command("ip", {
    args: [
      "netns",
      "exec",
      serverNs,
      "/usr/bin/python3",
      SCRIPT,
      lab.topology.serverIf,
      serverLinkLocal,
      String(timeoutSeconds),
      String(flood),
      mode,
    ],
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const stderr = new Response(script.stderr).text();
  const lines = script.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let out = "";
  while (!out.includes("ready\n")) {
    const { value, done } = await lines.read();
    if (done) break;
    out += value;
  }
  if (out.includes("ready\n")) await kea.stop();
  for (;;) {
    const { value, done } = await lines.read();
    if (done) break;
    out += value;
  }
  const code = (await script.status).code;
  assert.equal(code, 0, `hostile_server.py failed (${code}): ${out}${await stderr}`);
  return JSON.parse(out.split("\n").filter((l) => l.startsWith("{")).at(-1)!) as HostileRun;
}
