import assert from "node:assert/strict";
import { Logger } from "../log/logger.ts";
import { MemorySink } from "../log/sink.ts";
import { HookRunner } from "../hooks/runner.ts";
import { testStatus } from "../hooks/test_status.ts";
import { runnerHookPort } from "./hook_port.ts";

const NOW = 5_000_000;
const prefix = {
  iaid: 0,
  prefix: "2001:db8:1000::",
  prefixLength: 56,
  preferredLifetime: 3600,
  validLifetime: 7200,
  receivedAt: NOW,
};
const address = { ...prefix, iaid: 1, address: "2001:db8::100" };
const lan = [{
  interface: "lan0",
  prefix: "2001:db8:1000:1::",
  prefixLength: 64,
  address: "2001:db8:1000:1::1",
  delegatedPrefix: "2001:db8:1000::/56",
}];

/** The environment each run of the script saw, from the files it wrote, by REASON. */
async function seen(dir: string, reason: string): Promise<Map<string, string>> {
  const text = await Deno.readTextFile(`${dir}/env.${reason}`);
  return new Map(
    text.split("\n").filter((l) => l.includes("=")).map((l) => {
      const i = l.indexOf("=");
      return [l.slice(0, i), l.slice(i + 1)];
    }),
  );
}

Deno.test("hook port: a loss (EXPIRE) after a binding reaches a real script with OLD_* and CHANGED", async () => {
  // Issue 9, item 11: a script feeding an RA daemon or a resolver learns that the prefix is gone.
  const dir = await Deno.makeTempDir();
  try {
    const script = `${dir}/hook`;
    await Deno.writeTextFile(script, `#!/bin/sh\nenv > "${dir}/env.$REASON"\n`);
    await Deno.chmod(script, 0o700);
    const runner = new HookRunner({
      logger: new Logger(new MemorySink(), "debug"),
      skipSafetyCheck: true,
    });
    const port = runnerHookPort(runner);
    const dns = { name: "DNS_SERVERS", code: 23, servers: ["2001:db8::53"] } as const;
    const bound = testStatus({
      interfaceName: "wan0",
      addresses: [address],
      prefixes: [prefix],
      options: [dns],
    });
    await port.run({
      interfaceName: "wan0",
      script,
      reason: "REQUEST",
      status: bound,
      lan,
      now: NOW,
    });
    // After the loss: nothing held, no server, discovery started again.
    const { serverDuid: _duid, serverAddress: _from, ...lost } = testStatus({
      interfaceName: "wan0",
      state: "soliciting",
    });
    await port.run({
      interfaceName: "wan0",
      script,
      reason: "EXPIRE",
      status: lost,
      lan: [],
      now: NOW + 7_200_000,
    });
    const env = await seen(dir, "EXPIRE");
    assert.equal(env.get("REASON"), "EXPIRE");
    assert.equal(env.get("STATE"), "soliciting");
    assert.equal(env.get("PDINFO"), undefined, "no prefix is left");
    assert.equal(env.get("new_domain_name_servers"), undefined, "nor the server's DNS");
    assert.equal(env.get("PREFIXES"), "");
    assert.equal(env.get("LAN_SUBNETS"), "");
    assert.equal(env.get("OLD_PDINFO"), "2001:db8:1000::/56");
    assert.equal(env.get("OLD_ADDRESSES"), "2001:db8::100");
    assert.equal(env.get("CHANGED"), "addresses,prefixes,lan,server,dns");
    assert.equal((await seen(dir, "REQUEST")).get("PDINFO"), "2001:db8:1000::/56 ");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
