import assert from "node:assert/strict";
import { loadConfigText } from "./load_text.ts";
import { formatMessage } from "./message.ts";
import { emitToml } from "./toml_emit.ts";
import { defaultMinInterval, summarizeLan } from "./lan.ts";

const BASE = `
[interface.wan0]
[[interface.wan0.ia_pd]]
iaid = 1
[[interface.wan0.ia_pd.delegate]]
interface = "lan0"
`;
const load = (extra: string) => loadConfigText(BASE + extra, "edge6.toml", () => "");

Deno.test("lan: a bare [lan.NAME] gets every default", () => {
  const r = load("[lan.lan0]\n");
  assert.ok(r.ok, r.ok ? "" : r.errors.map(formatMessage).join("\n"));
  assert.deepEqual(r.config.lan, [{
    name: "lan0",
    routerAdvertisements: true,
    dhcpv6Server: "stateless",
    maxInterval: 600,
    minInterval: 198,
    routerLifetime: 1800,
    managed: false,
    other: true,
    dns: "upstream",
    domains: "upstream",
  }]);
  assert.deepEqual(r.warnings, []);
  assert.equal(
    summarizeLan(r.config.lan![0]!),
    "lan lan0: router advertisements every 198–600 s, router lifetime 1800 s, flags O; stateless DHCPv6 server; dns upstream; domains upstream",
  );
});

Deno.test("lan: without a [lan.*] table nothing is advertised (no lan in the Config)", () => {
  const r = load("");
  assert.ok(r.ok);
  assert.equal(r.config.lan, undefined);
});

Deno.test("lan: every key set, lists of servers and domains, and the TOML round trip", () => {
  const r = load(`
[lan.lan0]
router_advertisements = true
dhcpv6_server = "off"
max_interval = 30
min_interval = 10
router_lifetime = 0
managed = false
mtu = 1492
dns = ["2001:DB8::53", "fe80::1"]
domains = ["Lab.Example."]
`);
  assert.ok(r.ok, r.ok ? "" : r.errors.map(formatMessage).join("\n"));
  const lan = r.config.lan![0]!;
  assert.deepEqual(
    [lan.dhcpv6Server, lan.other, lan.maxInterval, lan.minInterval, lan.routerLifetime, lan.mtu],
    ["off", false, 30, 10, 0, 1492],
  );
  assert.deepEqual(lan.dns, ["2001:db8::53", "fe80::1"]);
  assert.deepEqual(lan.domains, ["lab.example"]);
  const again = loadConfigText(emitToml(r.config), "again.toml", () => "");
  assert.ok(again.ok);
  assert.deepEqual(again.config.lan, r.config.lan);
});

Deno.test("lan: out-of-range values and a LAN no delegate feeds are errors saying what is expected", () => {
  const r = load(`
[lan.lan0]
max_interval = 2000
min_interval = 2
router_lifetime = 100
mtu = 1000
dns = ["ff02::1", "::", "2001:db8::53", "2001:db8::53"]
domains = "upsteam"
dhcpv6_server = "stateful"
colour = 1

[lan.lan9]

[lan.wan0]
`);
  assert.ok(!r.ok);
  const text = r.errors.map(formatMessage);
  const has = (part: string) =>
    assert.ok(text.some((t) => t.includes(part)), `an error with ${part} in\n${text.join("\n")}`);
  has("lan.lan0.max_interval: found 2000, expected an integer 4–1800");
  has("lan.lan0.min_interval: found 2, expected an integer 3–450");
  has("lan.lan0.router_lifetime: found 100, expected 0 or an integer 600–9000");
  has("lan.lan0.mtu: found 1000, expected an integer 1280–65535");
  has('lan.lan0.dns[0]: found "ff02::1", which is multicast');
  has('lan.lan0.dns[1]: found "::", which is the unspecified address');
  has('lan.lan0.dns[3]: found "2001:db8::53" again');
  has(
    'lan.lan0.domains: found "upsteam", expected "upstream", "none" or a list of domain names; did you mean "upstream"?',
  );
  has('lan.lan0.dhcpv6_server: found "stateful", expected "stateless" or "off"');
  has("lan.lan0.colour: unknown key");
  has("lan.lan9: no delegate entry gives lan9 a subnet");
  has("lan.wan0: wan0 is an upstream interface");
});

Deno.test("lan: min_interval follows max_interval; managed and a table serving nothing are noted", () => {
  assert.equal(defaultMinInterval(600), 198);
  assert.equal(defaultMinInterval(4), 3);
  assert.equal(defaultMinInterval(1800), 594);
  const r = load(`
[lan.lan0]
managed = true
router_advertisements = false
dhcpv6_server = "off"
`);
  assert.ok(r.ok);
  const notes = r.warnings.map(formatMessage).join("\n");
  assert.match(notes, /managed = true tells hosts/);
  assert.match(notes, /nothing is served on lan0/);
});
