/** Behaviour 9 (RFC 9915 §18.2.6, §18.2.10.4, §21.23, §21.25): stateless Information-request. */
import assert from "node:assert/strict";
import { INFINITY, MessageType } from "../../src/dhcp6/constants.ts";
import type { Option } from "../../src/dhcp6/options/types.ts";
import { optionOf, Simulation, testConfig } from "./harness.ts";
import { serverA } from "./fixtures.ts";

const dns: Option = { name: "DNS_SERVERS", code: 23, servers: ["2001:db8::53"] };
const irt = (seconds: number): Option => ({ name: "INFORMATION_REFRESH_TIME", code: 32, seconds });
const stateless = () => testConfig({ informationOnly: true });

Deno.test("9: Information-request: ORO with INF_MAX_RT and INFORMATION_REFRESH_TIME, no IA; the Reply reaches the hook", () => {
  const sim = new Simulation({
    config: stateless(),
    servers: [serverA({ extra: [dns, irt(3600)] })],
  }).start();
  sim.runFor(5000);
  const m = sim.sentOfType(MessageType.INFORMATION_REQUEST)[0]!.message;
  assert.deepEqual(optionOf(m, "ORO")?.codes, [23, 24, 83, 32]);
  assert.equal(optionOf(m, "IA_NA"), undefined);
  assert.equal(optionOf(m, "IA_PD"), undefined);
  assert.equal(optionOf(m, "SERVERID"), undefined);
  const hook = sim.actionsOf("hook")[0]!.action;
  assert.equal(hook.reason, "INFOREQ");
  assert.deepEqual(hook.status.options.find((o) => o.name === "DNS_SERVERS"), dns);
  assert.equal(sim.client.status(sim.now).state, "informed");
});

Deno.test("9: refreshed after the Information Refresh Time; below IRT_MINIMUM → 600 s; absent → 86400 s; infinity → never", () => {
  const cases: [Option[], number | undefined][] = [
    [[irt(3600)], 3600],
    [[irt(100)], 600],
    [[], 86400],
    [[irt(INFINITY)], undefined],
  ];
  for (const [extra, expected] of cases) {
    const sim = new Simulation({ config: stateless(), servers: [serverA({ extra })] }).start();
    sim.runFor(5000);
    const replied = sim.actionsOf("hook")[0]!.time;
    sim.runFor(100_000_000);
    const ir = sim.sentOfType(MessageType.INFORMATION_REQUEST);
    if (expected === undefined) {
      assert.equal(ir.length, 1);
      continue;
    }
    const second = ir[1]!.time - replied;
    assert.ok(
      second >= expected * 1000 && second <= expected * 1000 + 1000,
      `refresh after ${second} ms, expected ${expected} s + INF_MAX_DELAY`,
    );
  }
});

Deno.test("9: INF_MAX_RT from a Reply with an error status caps the Information-request RT", () => {
  const a = serverA({
    script: (m, s) =>
      m.type === 11
        ? [{
          message: s.response(m, 7, [], [{
            name: "STATUS_CODE",
            code: 13,
            status: 1,
            message: "busy",
          }, { name: "INF_MAX_RT", code: 83, seconds: 120 }]),
        }]
        : [],
  });
  const sim = new Simulation({ config: stateless(), servers: [a] }).start();
  sim.runFor(3600_000);
  const t = sim.sentOfType(MessageType.INFORMATION_REQUEST).map((s) => s.time);
  const gaps = t.slice(1).map((x, i) => x - t[i]!);
  assert.ok(gaps.slice(-5).every((g) => g >= 108_000 && g <= 132_000), "RT capped at 120 s ± 10 %");
  assert.equal(sim.client.status(sim.now).state, "information-requesting");
});
