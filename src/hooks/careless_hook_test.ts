import assert from "node:assert/strict";
import { Logger } from "../log/logger.ts";
import { MemorySink } from "../log/sink.ts";
import { buildHookEnvironment } from "./environment.ts";
import { HookRunner } from "./runner.ts";
import { testStatus } from "./test_status.ts";

Deno.test("a hook that evals every variable runs nothing a server sent", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const canary = `${dir}/pwned`;
    const attack = `$(touch ${canary})`;
    const status = testStatus({
      options: [
        { name: "DOMAIN_LIST", code: 24, domains: [attack, `\`touch ${canary}\``, "ok.example"] },
        { name: "SIP_SERVER_D", code: 21, domains: [`x;touch ${canary}`] },
        { name: "AFTR_NAME", code: 64, domain: `a\ntouch ${canary}` },
        { name: "CAPTIVE_PORTAL", code: 103, uri: `https://p.example/${attack}` },
        { name: "DNS_SERVERS", code: 23, servers: [`::1|touch ${canary}`] },
        { name: "UNKNOWN", code: 200, data: new TextEncoder().encode(attack) },
        // Valid names and hex that spell commands on the hook's PATH.
        { name: "NTP_SERVER", code: 56, suboptions: [{ type: "fqdn", domain: "pwnme" }] },
        { name: "NTP_SERVER", code: 56, suboptions: [{ type: "fqdn", domain: "pwnme" }] },
        { name: "NIS_DOMAIN_NAME", code: 29, domains: ["pwnme", "pwnme"] },
        { name: "UNKNOWN", code: 201, data: Uint8Array.of(0xab) },
        { name: "UNKNOWN", code: 201, data: Uint8Array.of(0xab) },
      ],
    });
    const env = buildHookEnvironment("REQUEST", status, undefined, [], { now: 0 });
    const bin = `${dir}/bin`;
    await Deno.mkdir(bin);
    for (const command of ["pwnme", "ab", "addresses", "prefixes"]) {
      await Deno.writeTextFile(`${bin}/${command}`, `#!/bin/sh\ntouch ${canary}\n`);
      await Deno.chmod(`${bin}/${command}`, 0o755);
    }
    const hook = `${dir}/hook`;
    // The careless script: every variable through eval, unquoted.
    await Deno.writeTextFile(
      hook,
      `#!/bin/sh
for name in $(env | cut -d= -f1); do
  eval "value=\\$$name"
  eval "echo $value" > /dev/null 2>&1
  eval "$name=$value" 2>/dev/null
done
echo "domains: $new_domain_name"
`,
    );
    await Deno.chmod(hook, 0o700);
    const sink = new MemorySink();
    const runner = new HookRunner({
      logger: new Logger(sink, "debug"),
      path: `${bin}:/usr/bin:/bin`,
    });
    const result = await runner.run({ interfaceName: "eth0", script: hook, env });
    assert.equal(result.exitCode, 0);
    assert.equal(env.NTP_SERVERS, "pwnme. pwnme.");
    assert.equal(env.raw_dhcp_option_201, "ab,ab");
    assert.ok(sink.lines.some((l) => l.message === "hook eth0 stdout: domains: ok.example."));
    await assert.rejects(Deno.stat(canary), Deno.errors.NotFound);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
