import assert from "node:assert/strict";
import { applyProfile } from "./profile.ts";
import { loadConfigText } from "./load_text.ts";
import { formatMessage } from "./message.ts";
import { emitToml } from "./toml_emit.ts";
import { summarizeProfile } from "./summary.ts";
import type { Config } from "./types.ts";

/** Debian's and Ubuntu's stock /etc/wide-dhcpv6/dhcp6c.conf, as the package ships it. */
const DEBIAN_STOCK = `# Default dhpc6c configuration: it assumes the address is autoconfigured using
# router advertisements.

profile default
{
  information-only;

  request domain-name-servers;
  request domain-name;

  script "/etc/wide-dhcpv6/dhcp6c-script";
};
`;

function load(text: string, name = "/etc/wide-dhcpv6/dhcp6c.conf"): Config {
  const r = loadConfigText(text, name, () => {
    throw new Deno.errors.NotFound("no includes here");
  });
  assert.ok(r.ok, r.ok ? "" : r.errors.map(formatMessage).join("\n"));
  return r.config;
}

function errorsOf(text: string, name = "edge6.toml"): string[] {
  const r = loadConfigText(text, name, () => "");
  assert.ok(!r.ok, "expected errors");
  return r.errors.map(formatMessage);
}

Deno.test("profile: Debian's stock dhcp6c.conf reads as a profile and no interface", () => {
  const c = load(DEBIAN_STOCK);
  assert.deepStrictEqual(c.interfaces, []);
  assert.equal(c.profiles?.length, 1);
  const p = c.profiles![0]!;
  assert.equal(p.name, "default");
  assert.equal(p.informationOnly, true);
  assert.deepStrictEqual(p.request, [23, 24]);
  assert.equal(p.script, "/etc/wide-dhcpv6/dhcp6c-script");
  assert.equal(
    summarizeProfile(p),
    "profile default (run with -P default IFACE…): information-only; request dns-servers, domain-list; script /etc/wide-dhcpv6/dhcp6c-script",
  );
});

Deno.test("profile: convert writes [profile.NAME], which loads back to the same Config", () => {
  const r = loadConfigText(DEBIAN_STOCK, "/etc/dhcp6c.conf", () => "");
  assert.ok(r.ok);
  const toml = emitToml(r.config, r.warnings, "/etc/dhcp6c.conf");
  assert.match(toml, /^\[profile\.default\]$/m);
  assert.match(toml, /^information_only = true$/m);
  assert.deepStrictEqual(load(toml, "edge6.toml"), r.config);
});

Deno.test("profile: a profile's IAs are claimed before the interfaces' (Debian's order)", () => {
  const text = `interface eth1 { send ia-pd 0; };
profile uplink { send ia-pd 0; };
id-assoc pd 0 { prefix-interface lan0 { sla-len 8; }; };
`;
  const r = loadConfigText(text, "c.conf", () => "");
  assert.ok(!r.ok);
  assert.deepStrictEqual(r.errors.map(formatMessage), [
    "c.conf:1:23: send ia-pd 0: id-assoc pd 0 is already sent by interface uplink; an IA belongs to one interface",
  ]);
});

Deno.test("profile: [profile.NAME] in TOML takes the interface keys and is checked the same way", () => {
  const c = load(
    `[profile.uplink]\nrapid_commit = true\n[[profile.uplink.ia_pd]]\niaid = 1\n`,
    "edge6.toml",
  );
  assert.equal(c.profiles![0]!.rapidCommit, true);
  assert.equal(c.profiles![0]!.iaPd[0]!.iaid, 1);
  assert.deepStrictEqual(
    errorsOf(`[profile.uplink]\nrapid_comit = true\n[profile."a b"]\n`),
    [
      'edge6.toml:2:1 profile.uplink.rapid_comit: unknown key; did you mean "rapid_commit"?',
      'edge6.toml:3:1 profile."a b": found profile name "a b", expected 1 to 64 characters of letters, digits, ".", "_", "-", ":"',
    ],
  );
  // An IAID names one IA of the client, wherever it is configured (RFC 9915 §12).
  assert.match(
    errorsOf(`[[interface.wan0.ia_pd]]\niaid = 1\n[[profile.p.ia_pd]]\niaid = 1\n`)[0]!,
    /interface\.wan0\.ia_pd\[0\]\.iaid: found 1, already used by profile\.p\.ia_pd\[0\]/,
  );
});

Deno.test("applyProfile: each named interface without its own settings gets the profile's", () => {
  const c = load(`${DEBIAN_STOCK}interface eth9 { send rapid-commit; };\n`);
  const r = applyProfile(c, "d.conf", { profile: "default", interfaces: ["eth0", "eth9", "eth1"] });
  assert.ok(r.ok);
  assert.deepStrictEqual(r.config.interfaces.map((i) => i.name), ["eth9", "eth0", "eth1"]);
  assert.equal(r.config.interfaces[0]!.rapidCommit, true);
  assert.equal(r.config.interfaces[0]!.informationOnly, false);
  for (const i of r.config.interfaces.slice(1)) {
    assert.deepStrictEqual({ ...i, name: "default" }, c.profiles![0]);
  }
});

Deno.test("applyProfile: an unknown profile, no interfaces, no -P for a profile-only file", () => {
  const c = load(DEBIAN_STOCK);
  const message = (r: ReturnType<typeof applyProfile>) => {
    assert.ok(!r.ok);
    return r.errors.map(formatMessage);
  };
  assert.deepStrictEqual(
    message(applyProfile(c, "d.conf", { profile: "defualt", interfaces: ["eth0"] })),
    [
      'd.conf:1:1: -P defualt: no profile "defualt" is defined (defined: default); did you mean "default"?',
    ],
  );
  assert.deepStrictEqual(
    message(applyProfile(c, "d.conf", { profile: "default", interfaces: [] })),
    [
      "d.conf:1:1: -P default: name the interfaces to run the profile on: edge6 run -P default IFACE…",
    ],
  );
  assert.deepStrictEqual(message(applyProfile(c, "d.conf", { interfaces: ["eth0"] })), [
    "d.conf:1:1: no interface statement, only profile default: name the profile and the interfaces to run it on, as with Debian's dhcp6c: edge6 run -P default IFACE…",
  ]);
  // A file with interfaces runs as before without -P.
  const plain = load("interface eth0 { information-only; };");
  const same = applyProfile(plain, "p.conf", { interfaces: [] });
  assert.ok(same.ok);
  assert.equal(same.config, plain);
});

Deno.test("applyProfile: a profile with IAs runs on one interface only (an IA belongs to one)", () => {
  const c = load("profile pd { send ia-pd 0; };\nid-assoc pd 0 { };\n");
  const one = applyProfile(c, "d.conf", { profile: "pd", interfaces: ["eth0"] });
  assert.ok(one.ok);
  assert.equal(one.config.interfaces[0]!.iaPd[0]!.iaid, 0);
  const two = applyProfile(c, "d.conf", { profile: "pd", interfaces: ["eth0", "eth1"] });
  assert.ok(!two.ok);
  assert.equal(
    two.errors[0]!.message,
    "-P pd: profile pd has IA_PD 0, and an IA belongs to one interface, but eth0, eth1 would all take it; give all but one of them an interface statement of its own",
  );
});
