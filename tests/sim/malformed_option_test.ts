/**
 * Issue 9, item 2 (RFC 9915 §16): one malformed option does not discard a
 * message. An option the client's decisions do not rest on is dropped alone,
 * counted and logged, and reaches the hook's REJECTED as hex; a malformed
 * option the exchange depends on still discards the whole message.
 */
import assert from "node:assert/strict";
import { encodeMessage } from "../../src/dhcp6/codec.ts";
import { MessageType } from "../../src/dhcp6/constants.ts";
import { toHex } from "../../src/dhcp6/hex.ts";
import type { ClientServerMessage } from "../../src/dhcp6/message.ts";
import { buildHookEnvironment } from "../../src/hooks/environment.ts";
import { Simulation, testConfig } from "./harness.ts";
import { serverA } from "./fixtures.ts";
import type { Answer, ScriptedServer } from "./server.ts";

/** `bytes` with one more option appended, its body given raw (RFC 9915 §21.1). */
function withRawOption(bytes: Uint8Array, code: number, body: readonly number[]): Uint8Array {
  return Uint8Array.from([
    ...bytes,
    code >> 8,
    code & 0xff,
    body.length >> 8,
    body.length,
    ...body,
  ]);
}

/** Server A answering by default, with one raw option added to its answers to `type`. */
function appending(type: number, code: number, body: readonly number[]): ScriptedServer {
  return serverA({
    extra: [{ name: "DNS_SERVERS", code: 23, servers: ["2001:db8::53"] }],
    script: (m: ClientServerMessage, s: ScriptedServer): Answer[] | undefined => {
      if (m.type !== type) return undefined;
      const [answer] = s.defaultAnswer(m);
      return [{ ...answer!, bytes: withRawOption(encodeMessage(answer!.message), code, body) }];
    },
  });
}

/** "example" as a DNS name without its root label (RFC 1035 §3.1): the reported field case. */
const NO_ROOT = [7, ...new TextEncoder().encode("example")];

Deno.test("2: a domain list without its root label is dropped alone; the Reply binds", () => {
  const sim = new Simulation({
    config: testConfig(),
    servers: [appending(MessageType.REQUEST, 24, NO_ROOT)],
  }).start();
  sim.runFor(5000);
  const st = sim.client.status(sim.now);
  assert.equal(st.state, "bound", "not soliciting forever");
  assert.equal(st.counters.dropped["malformed-DOMAIN_LIST"], 1);
  assert.equal(st.counters.dropped["undecodable"], undefined);
  assert.ok(
    sim.logs().some((l) =>
      l.includes("dropping the DOMAIN_LIST option of REPLY from fe80::a") &&
      l.includes("no terminating root label") && l.includes("using the rest of the message")
    ),
  );
  // The rest of the message is used: the DNS servers reach the hook, the bad list as hex.
  const hook = sim.actionsOf("hook")[0]!.action;
  const env = buildHookEnvironment(hook.reason, hook.status, undefined, [], { now: sim.now });
  assert.equal(env.new_domain_name_servers, "2001:db8::53 ");
  assert.equal(env.new_domain_name, undefined);
  assert.equal(env.REJECTED, `24:${toHex(Uint8Array.from(NO_ROOT))}`);
  // It is kept with the lease, so a restart still shows it to the hook.
  const saved = sim.actionsOf("lease-changed").at(-1)!.action.lease!;
  assert.ok(saved.options.includes(`0018000807${toHex(Uint8Array.from(NO_ROOT.slice(1)))}`));
  const again = new Simulation({ config: testConfig() });
  again.start({ ...saved, savedAt: 1_700_000_000_000 }, 1_700_000_000_000);
  assert.deepEqual(
    again.client.status(again.now).options.map((o) => o.name),
    ["DNS_SERVERS", "MALFORMED"],
  );
});

Deno.test("2: every option only the hook uses may be malformed without losing the Advertise", () => {
  const cases: [string, number, number[]][] = [
    ["DNS_SERVERS", 23, [0x20, 0x01, 0x0d]],
    ["DOMAIN_LIST", 24, NO_ROOT],
    ["SNTP_SERVERS", 31, [1, 2, 3, 4, 5]],
    ["NTP_SERVER", 56, [0, 1, 0, 16, 0xfe]],
    ["CLIENT_FQDN", 39, [0, 5, 0x61]],
    ["AFTR_NAME", 64, NO_ROOT],
    ["SIP_SERVER_D", 21, NO_ROOT],
    ["VENDOR_OPTS", 17, [0, 0]],
    ["INFORMATION_REFRESH_TIME", 32, [1]],
    ["SOL_MAX_RT", 82, [0, 0, 1]],
    ["RECONF_ACCEPT", 20, [1]],
  ];
  for (const [name, code, body] of cases) {
    const sim = new Simulation({
      config: testConfig(),
      servers: [appending(MessageType.SOLICIT, code, body)],
    }).start();
    sim.runFor(5000);
    const st = sim.client.status(sim.now);
    assert.equal(sim.sentOfType(MessageType.REQUEST).length, 1, `${name}: the Advertise is used`);
    assert.equal(st.state, "bound", name);
    assert.equal(st.counters.dropped[`malformed-${name}`], 1, name);
  }
});

Deno.test("2: a malformed option the exchange depends on still discards the message", () => {
  const cases: [string, number, number[]][] = [
    ["CLIENTID", 1, [0]],
    ["SERVERID", 2, [0]],
    ["IA_NA", 3, [0, 0, 0, 1]],
    ["IA_PD", 25, [0, 0, 0, 0, 0, 0, 0, 1]],
    ["STATUS_CODE", 13, [0]],
    ["PREFERENCE", 7, [0, 1]],
    ["RAPID_COMMIT", 14, [1]],
    ["RECONF_MSG", 19, [5, 5]],
    ["AUTH", 11, [3, 1, 0]],
  ];
  for (const [name, code, body] of cases) {
    const sim = new Simulation({
      config: testConfig(),
      servers: [appending(MessageType.SOLICIT, code, body)],
    }).start();
    sim.runFor(5000);
    const st = sim.client.status(sim.now);
    assert.equal(sim.sentOfType(MessageType.REQUEST).length, 0, `${name}: Advertise discarded`);
    assert.ok((st.counters.dropped["undecodable"] ?? 0) >= 1, name);
    assert.equal(st.counters.dropped[`malformed-${name}`], undefined, name);
  }
  // Inside an IA, even an option that is harmless at the top level fails the IA, and so
  // the message: the IA's contents are what the exchange is about.
  const inIa = serverA({
    script: (m, s) => {
      if (m.type !== 1) return undefined;
      const [answer] = s.defaultAnswer(m);
      const bytes = encodeMessage({
        ...answer!.message,
        options: answer!.message.options.map((o) => o.name === "IA_NA" ? { ...o, options: [] } : o),
      });
      // Find the empty IA_NA (code 3, length 12) and give it a 1-byte STATUS_CODE.
      const at = bytes.findIndex((b, i) => b === 0 && bytes[i + 1] === 3 && bytes[i + 3] === 12);
      const out = Uint8Array.from([
        ...bytes.slice(0, at + 2),
        0,
        17,
        ...bytes.slice(at + 4, at + 16),
        0,
        13,
        0,
        1,
        0,
        ...bytes.slice(at + 16),
      ]);
      return [{ ...answer!, bytes: out }];
    },
  });
  const sim = new Simulation({ config: testConfig(), servers: [inIa] }).start();
  sim.runFor(3000);
  assert.equal(sim.sentOfType(MessageType.REQUEST).length, 0);
  assert.ok(sim.logs().some((l) => l.includes("STATUS_CODE option at offset")));
});
