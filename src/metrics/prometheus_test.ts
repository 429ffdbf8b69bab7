import assert from "node:assert/strict";
import parsePrometheus from "prometheus-text-parser";
import { metricsDoc } from "./test_doc.ts";
import { haveProgram } from "../agent/lab/exec.ts";
import { escapeLabelValue, formatExposition, formatValue } from "./exposition.ts";
import { CLIENT_STATES, formatPrometheus } from "./prometheus.ts";

interface ParsedFamily {
  name: string;
  help: string;
  type: string;
  metrics: { value: string; labels?: Record<string, string> }[];
}

/** The output read back by parse-prometheus-text-format, a parser of the exposition format. */
function parsed(text: string): Map<string, ParsedFamily> {
  const families = parsePrometheus(text) as ParsedFamily[];
  return new Map(families.map((f) => [f.name, f]));
}

/** The value of the one sample of `name` whose labels include `labels`. */
function value(
  families: Map<string, ParsedFamily>,
  name: string,
  labels: Record<string, string>,
): string | undefined {
  const matches =
    families.get(name)?.metrics.filter((m) =>
      Object.entries(labels).every(([k, v]) => m.labels?.[k] === v)
    ) ?? [];
  assert.ok(matches.length <= 1, `${name} ${JSON.stringify(labels)} matches ${matches.length}`);
  return matches[0]?.value;
}

Deno.test("prometheus: the status document as metrics, read back by an exposition-format parser", () => {
  const text = formatPrometheus(metricsDoc);
  const f = parsed(text);
  // Conventions: edge6_ prefix, counters in _total, durations in _seconds, HELP on every family.
  for (const [name, family] of f) {
    assert.match(name, /^edge6_[a-z0-9_]+$/);
    assert.ok(family.help.length > 10, `${name} has help`);
    if (family.type === "COUNTER") assert.match(name, /_total$/);
    if (name.includes("remaining")) assert.match(name, /_remaining_seconds$/);
  }
  // One state of each interface is 1, every other known state 0.
  assert.equal(value(f, "edge6_interface_state", { interface: "wan0", state: "bound" }), "1");
  assert.equal(value(f, "edge6_interface_state", { interface: "wan0", state: "renewing" }), "0");
  assert.equal(value(f, "edge6_interface_state", { interface: "wan1", state: "soliciting" }), "1");
  assert.equal(
    f.get("edge6_interface_state")!.metrics.length,
    2 * CLIENT_STATES.length,
  );
  // Remaining T1/T2 and lifetimes; infinite ones are +Inf, absent timers absent.
  const na = { interface: "wan0", ia: "IA_NA", iaid: "1" };
  assert.equal(value(f, "edge6_ia_t1_remaining_seconds", na), "1790");
  assert.equal(value(f, "edge6_ia_t2_remaining_seconds", na), "2870");
  assert.equal(
    value(f, "edge6_ia_t1_remaining_seconds", { interface: "wan0", ia: "IA_PD" }),
    undefined,
  );
  const addr = { interface: "wan0", iaid: "1", address: "2001:db8::100" };
  assert.equal(value(f, "edge6_address_preferred_remaining_seconds", addr), "3590");
  assert.equal(value(f, "edge6_address_valid_remaining_seconds", addr), "7190");
  const pfx = { interface: "wan0", iaid: "7", prefix: "2001:db8:1::/56" };
  assert.equal(value(f, "edge6_prefix_preferred_remaining_seconds", pfx), "+Inf");
  assert.equal(value(f, "edge6_prefix_valid_remaining_seconds", pfx), "+Inf");
  assert.equal(
    value(f, "edge6_lan_subnet_info", { lan_interface: "lan0", subnet: "2001:db8:1:1::/64" }),
    "1",
  );
  assert.equal(value(f, "edge6_next_timer_remaining_seconds", { interface: "wan0" }), "1790");
  // Counters by type and reason, hooks.
  assert.equal(value(f, "edge6_messages_sent_total", { interface: "wan0", type: "SOLICIT" }), "2");
  assert.equal(value(f, "edge6_messages_sent_total", { interface: "wan1", type: "SOLICIT" }), "5");
  assert.equal(
    value(f, "edge6_messages_received_total", { interface: "wan0", type: "REPLY" }),
    "1",
  );
  assert.equal(
    value(f, "edge6_messages_dropped_total", { interface: "wan0", reason: "wrong-transaction" }),
    "3",
  );
  assert.equal(value(f, "edge6_hook_runs_total", { interface: "wan0" }), "4");
  assert.equal(value(f, "edge6_hook_failures_total", { interface: "wan0" }), "1");
  assert.equal(value(f, "edge6_hook_timeouts_total", { interface: "wan0" }), "1");
  assert.equal(value(f, "edge6_hook_runs_total", { interface: "wan1" }), "0");
  assert.equal(f.get("edge6_build_info")?.metrics[0]?.value, "1");
  // The LAN side.
  const lan = { lan_interface: "lan0" };
  assert.equal(value(f, "edge6_ra_advertising", lan), "1");
  assert.equal(value(f, "edge6_ra_router_lifetime_seconds", lan), "1800");
  assert.equal(value(f, "edge6_ra_subnets", lan), "1");
  assert.equal(value(f, "edge6_ra_stale_subnets", lan), "1");
  assert.equal(value(f, "edge6_ra_sent_total", lan), "12");
  assert.equal(value(f, "edge6_ra_solicited_total", lan), "3");
  assert.equal(value(f, "edge6_rs_received_total", lan), "3");
  assert.equal(value(f, "edge6_ra_dropped_total", { ...lan, reason: "bad-hop-limit" }), "2");
  assert.equal(value(f, "edge6_lan_dhcpv6_server_running", lan), "1");
  assert.equal(
    value(f, "edge6_lan_dhcpv6_received_total", { ...lan, type: "INFORMATION-REQUEST" }),
    "5",
  );
  assert.equal(value(f, "edge6_lan_dhcpv6_sent_total", { ...lan, type: "REPLY" }), "5");
  assert.equal(value(f, "edge6_lan_dhcpv6_dropped_total", { ...lan, reason: "rate-limited" }), "1");
});

Deno.test("prometheus: a document without a LAN side (an older agent's) gives the LAN families empty", () => {
  const { lan: _, ...older } = metricsDoc;
  const f = parsed(formatPrometheus(older));
  assert.equal(value(f, "edge6_ra_sent_total", { lan_interface: "lan0" }), undefined);
  assert.equal(value(f, "edge6_hook_runs_total", { interface: "wan0" }), "4");
});

Deno.test("prometheus: label values are escaped and survive the parser", () => {
  const nasty = 'a "quoted" \\ back\nslash';
  const text = formatExposition([{
    name: "edge6_test_total",
    type: "counter",
    help: "test",
    samples: [{ labels: { reason: nasty }, value: 3 }],
  }]);
  assert.equal(escapeLabelValue(nasty), 'a \\"quoted\\" \\\\ back\\nslash');
  assert.ok(!text.slice(0, -1).includes("\n" + "slash"), "no raw newline inside a sample");
  const f = parsed(text);
  assert.equal(f.get("edge6_test_total")?.metrics[0]?.value, "3");
  assert.equal(formatValue(Infinity), "+Inf");
  assert.equal(formatValue(-Infinity), "-Inf");
  assert.equal(formatValue(NaN), "NaN");
  assert.throws(
    () => formatExposition([{ name: "edge6_x", type: "counter", help: "x", samples: [] }]),
    /must end in _total/,
  );
  assert.throws(
    () =>
      formatExposition([{
        name: "edge6_x",
        type: "gauge",
        help: "x",
        samples: [{ labels: { "bad-label": "1" }, value: 1 }],
      }]),
    /label name "bad-label"/,
  );
});

Deno.test({
  name: "prometheus: promtool check metrics finds no problem (when promtool is installed)",
  ignore: !haveProgram("promtool"),
  async fn() {
    const child = new Deno.Command("promtool", {
      args: ["check", "metrics"],
      stdin: "piped",
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    const writer = child.stdin.getWriter();
    await writer.write(new TextEncoder().encode(formatPrometheus(metricsDoc)));
    await writer.close();
    const out = await child.output();
    const said = new TextDecoder().decode(out.stdout) + new TextDecoder().decode(out.stderr);
    assert.equal(out.code, 0, said);
    assert.equal(said.trim(), "", said);
  },
});
