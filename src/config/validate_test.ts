import assert from "node:assert/strict";
import { DEFAULT_GLOBAL } from "./defaults.ts";
import { loadConfigText } from "./load_text.ts";
import { formatMessage } from "./message.ts";
import type { Config } from "./types.ts";

function load(text: string) {
  return loadConfigText(text, "edge6.toml", () => "");
}

function errors(text: string): string[] {
  const r = load(text);
  assert.ok(!r.ok, "expected errors");
  assert.equal(r.format, "toml");
  return r.errors.map(formatMessage);
}

function config(text: string): Config {
  const r = load(text);
  assert.ok(r.ok, r.ok ? "" : r.errors.map(formatMessage).join("\n"));
  return r.config;
}

Deno.test("toml: the smallest file gets every default", () => {
  const c = config("[interface.wan0]\n");
  assert.deepStrictEqual(c.global, DEFAULT_GLOBAL);
  const i = c.interfaces[0]!;
  // RFC 9096 WPD-9: a CE router keeps its prefix over a restart (issue 9, item 12).
  assert.equal(i.releaseOnStop, false);
  assert.equal(i.initialDelay, true);
  assert.equal(i.rapidCommit, false);
  assert.equal(i.informationOnly, false);
  assert.equal(i.reconfigureAccept, false);
  assert.equal(i.script, undefined);
});

Deno.test("toml: every error at once, each as FILE:LINE:COL key.path: found X, expected Y", () => {
  const text = `[global]
log_levle = "debug"
log_target = "journal"
hook_timeout = 0

[interface.wan0]
rapid_commit = "yes"
script = "hook.sh"

[[interface.wan0.ia_pd]]
iaid = 1
prefixes = [{ prefix = "2001:db8::/129" }]

[[interface.wan0.ia_pd.delegate]]
interface = "lan0"
sla_len = 8
sla_id = 300
`;
  assert.deepStrictEqual(errors(text), [
    'edge6.toml:2:1 global.log_levle: unknown key; did you mean "log_level"?',
    'edge6.toml:3:1 global.log_target: found "journal", expected "stderr", "syslog" or the absolute path of a log file',
    "edge6.toml:4:1 global.hook_timeout: found 0, expected an integer 1–86400",
    'edge6.toml:7:1 interface.wan0.rapid_commit: found "yes", expected true or false',
    'edge6.toml:8:1 interface.wan0.script: found "hook.sh", expected an absolute path',
    'edge6.toml:12:15 interface.wan0.ia_pd[0].prefixes[0].prefix: found "2001:db8::/129", expected an IPv6 prefix ADDRESS/LENGTH such as "::/56"',
    "edge6.toml:17:1 interface.wan0.ia_pd[0].delegate[0].sla_id: 300 does not fit in sla_len 8 (0–255)",
  ]);
});

Deno.test("toml: log_target is stderr, syslog or a log file's absolute path", () => {
  const target = (value: string) =>
    config(`[global]\nlog_target = ${JSON.stringify(value)}\n[interface.wan0]\n`).global.logTarget;
  assert.equal(target("syslog"), "syslog");
  assert.equal(target("/var/log/edge6.log"), "/var/log/edge6.log");
  assert.deepStrictEqual(
    errors(`[global]\nlog_target = "var/log/edge6.log"\n[interface.wan0]\n`),
    [
      'edge6.toml:2:1 global.log_target: found "var/log/edge6.log", expected "stderr", "syslog" or the absolute path of a log file',
    ],
  );
  assert.deepStrictEqual(errors(`[global]\nlog_target = "/var/log/"\n[interface.wan0]\n`), [
    'edge6.toml:2:1 global.log_target: found "/var/log/", expected "stderr", "syslog" or the absolute path of a log file',
  ]);
  assert.deepStrictEqual(errors(`[global]\nlog_target = "sislog"\n[interface.wan0]\n`), [
    'edge6.toml:2:1 global.log_target: found "sislog", expected "stderr", "syslog" or the absolute path of a log file; did you mean "syslog"?',
  ]);
});

Deno.test("toml: unknown keys everywhere, with or without a suggestion", () => {
  assert.deepStrictEqual(
    errors(`colour = 1
[interface.wan0]
release-on-stop = false
[[interface.wan0.ia_na]]
iaid = 0
adresses = []
`),
    [
      "edge6.toml:1:1 colour: unknown key, expected one of global, interface, profile, authentication, keyinfo, lan",
      'edge6.toml:3:1 interface.wan0.release-on-stop: unknown key; did you mean "release_on_stop"?',
      'edge6.toml:6:1 interface.wan0.ia_na[0].adresses: unknown key; did you mean "addresses"?',
    ],
  );
});

Deno.test("toml: a prefix hint makes warnings for sla_id and sla_len, not errors", () => {
  const r = load(`[[interface.w.ia_pd]]
iaid = 0
prefixes = [{ prefix = "::/60" }]
delegate = [{ interface = "l0", sla_id = 16 }, { interface = "l1", sla_len = 8 }]
`);
  assert.ok(r.ok);
  assert.deepStrictEqual(r.warnings.map(formatMessage), [
    "edge6.toml:4:33 interface.w.ia_pd[0].delegate[0].sla_id: sla_id 16 does not fit in the 4 bits a /60 prefix leaves (0–15); this interface gets no subnet if a /60 is delegated",
    "edge6.toml:4:68 interface.w.ia_pd[0].delegate[1].sla_len: sla_len 8 is more than the 4 bits a /60 prefix leaves before a /64; it is shrunk to 4 if a /60 is delegated (dhcp6c does the same)",
  ]);
  assert.deepStrictEqual(
    errors(
      '[interface.w]\nia_pd = [{ iaid = 0, delegate = [{ interface = "l", sla_len = 65 }] }]\n',
    ),
    [
      "edge6.toml:2:53 interface.w.ia_pd[0].delegate[0].sla_len: found 65, expected an integer 0–64",
    ],
  );
});

Deno.test("toml: IAIDs are unique per type on the client; a delegate interface once per IA_PD", () => {
  assert.deepStrictEqual(
    errors(`[interface.a]
ia_na = [{ iaid = 1 }]
ia_pd = [{ iaid = 1, delegate = [{ interface = "x" }, { interface = "x" }] }]
[interface.b]
ia_na = [{ iaid = 1 }]
`),
    [
      'edge6.toml:3:57 interface.a.ia_pd[0].delegate[1].interface: found "x", already delegated to by delegate[0]; expected each interface once per IA_PD',
      "edge6.toml:5:12 interface.b.ia_na[0].iaid: found 1, already used by interface.a.ia_na[0]; expected an IAID unique among the client's IA_NAs (RFC 9915 §12)",
    ],
  );
});

Deno.test("toml: addresses, lifetimes, information_only with IAs, raw options, request", () => {
  assert.deepStrictEqual(
    errors(`[interface.w]
information_only = true
request = ["dns-servers", "dns-server", 70000, "dns-servers"]
raw_options = [{ code = 3, data = "00" }, { code = 16, data = "0:1" }, { data = "00" }]
ia_na = [{ iaid = 0, addresses = [
  { address = "ff02::1" },
  { address = "2001:db8::1", preferred_lifetime = "infinity", valid_lifetime = 10 },
  { address = "nope" },
] }]
`),
    [
      "edge6.toml:2:1 interface.w.information_only: found true with ia_na or ia_pd entries, expected false: Information-request carries no IAs (RFC 9915 §18.2.6)",
      'edge6.toml:3:27 interface.w.request[1]: found unknown option name "dns-server", expected an option name or code; did you mean "dns-servers"?',
      "edge6.toml:3:41 interface.w.request[2]: found 70000, expected an option code 1–65535",
      "edge6.toml:3:48 interface.w.request[3]: found option 23 again, expected each option once",
      "edge6.toml:4:18 interface.w.raw_options[0].code: found 3 (ia-na), an option edge6 builds itself: write an [[interface.NAME.ia_na]] table (dhcp6c.conf: send ia-na N; with id-assoc na N)",
      'edge6.toml:4:56 interface.w.raw_options[1].data: found "0:1", expected hex bytes as xx:xx:… (two digits per byte)',
      "edge6.toml:4:72 interface.w.raw_options[2]: missing code, expected an option code 1–65535",
      "edge6.toml:6:5 interface.w.ia_na[0].addresses[0].address: found ff02::1, expected a global or unique-local address, not multicast",
      "edge6.toml:7:63 interface.w.ia_na[0].addresses[1].valid_lifetime: found preferred infinity and valid 10, expected preferred_lifetime ≤ valid_lifetime",
      'edge6.toml:8:5 interface.w.ia_na[0].addresses[2].address: found "nope", expected an IPv6 address',
    ],
  );
});

Deno.test("toml: values are normalised: hex, option names and codes, lifetimes, prefixes", () => {
  const c = config(`[interface.wan0]
request = ["domain-name-servers", 64, "ntp-server"]
raw_options = [{ code = 16, data = "0A:0b" }, { code = 17, data = "" }]
ia_pd = [{ iaid = 9, prefixes = [{ prefix = "2001:DB8:0:0::/48", preferred_lifetime = 60 }] }]
`);
  const i = c.interfaces[0]!;
  assert.deepStrictEqual(i.request, [23, 64, 56]);
  assert.deepStrictEqual(i.rawOptions, [{ code: 16, data: "0a0b" }, { code: 17, data: "" }]);
  assert.deepStrictEqual(i.iaPd[0]!.prefixes, [
    { prefix: "2001:db8::", length: 48, preferredLifetime: 60, validLifetime: 60 },
  ]);
});

Deno.test("toml: a syntax error carries smol-toml's line and column", () => {
  const [e] = errors("[interface.wan0]\nrapid_commit = tru\n");
  assert.match(e!, /^edge6\.toml:2:\d+: TOML syntax: /);
});

Deno.test("toml: no interface, wrong types of tables", () => {
  assert.deepStrictEqual(errors("[global]\n"), [
    "edge6.toml:1:1: no interface is configured; expected at least one [interface.NAME] table",
  ]);
  assert.deepStrictEqual(errors('interface = "wan0"\n'), [
    'edge6.toml:1:1 interface: found "wan0", expected a table',
  ]);
  assert.deepStrictEqual(errors("[interface.wan0]\nia_pd = 1\n"), [
    "edge6.toml:2:1 interface.wan0.ia_pd: found 1, expected an array",
  ]);
});

Deno.test("toml: authentication references and keyinfo fields", () => {
  assert.deepStrictEqual(
    errors(`[interface.w]
authentication = "isq"
[authentication.isp]
protocol = "delayed"
algorithm = "sha1"
[keyinfo.k]
realm = "r"
key_id = -1
secret = "not base64!"
expire = "tomorrow"
`),
    [
      'edge6.toml:2:1 interface.w.authentication: found "isq", expected the name of an [authentication.NAME] table; did you mean "isp"?',
      'edge6.toml:5:1 authentication.isp.algorithm: found "sha1", expected "hmac-md5"',
      "edge6.toml:8:1 keyinfo.k.key_id: found -1, expected an integer 0–4294967295",
      "edge6.toml:9:1 keyinfo.k.secret: found text that is not base64, expected a base64 secret",
      'edge6.toml:10:1 keyinfo.k.expire: found "tomorrow", expected "forever", "yyyy-mm-dd HH:MM", "mm-dd HH:MM" or "HH:MM"',
    ],
  );
});

Deno.test("toml: ifid keeps all 64 bits, as an integer, a hex string or IPv6 low groups", () => {
  const c = config(`[[interface.wan0.ia_pd]]
iaid = 1
delegate = [
  { interface = "lan0", ifid = 144115612209124097 },
  { interface = "lan1", ifid = 18446744073709551615 },
  { interface = "lan2", ifid = 0xffff_ffff_ffff_fffe },
  { interface = "lan3", ifid = "0x0200_0000_0000_0001" },
  { interface = "lan4", ifid = "::2:0:0:1" },
  { interface = "lan5", ifid = "18446744073709551615" },
  { interface = "lan6", ifid = 7 },
  { interface = "lan7", ifid = "random" },
]
`);
  assert.deepStrictEqual(c.interfaces[0]!.iaPd[0]!.delegate.map((d) => d.ifid), [
    144115612209124097n,
    18446744073709551615n,
    18446744073709551614n,
    0x0200_0000_0000_0001n,
    0x0002_0000_0000_0001n,
    18446744073709551615n,
    7n,
    "random",
  ]);
});

Deno.test("toml: an ifid past 2^64-1, negative or malformed is an error with its place and range", () => {
  const range =
    'expected an integer 0–18446744073709551615, a hex string such as "0x0200_0000_0000_0001" or "::200:0:0:1", "random" or "eui-64"';
  const d = "interface.wan0.ia_pd[0].delegate";
  assert.deepStrictEqual(
    errors(`[[interface.wan0.ia_pd]]
iaid = 1
[[interface.wan0.ia_pd.delegate]]
interface = "lan0"
ifid = 18446744073709551616
[[interface.wan0.ia_pd.delegate]]
interface = "lan1"
ifid = -1
[[interface.wan0.ia_pd.delegate]]
interface = "lan2"
ifid = "0x1_0000_0000_0000_0000"
[[interface.wan0.ia_pd.delegate]]
interface = "lan3"
ifid = "1::1"
[[interface.wan0.ia_pd.delegate]]
interface = "lan4"
ifid = "randon"
[[interface.wan0.ia_pd.delegate]]
interface = "lan5"
ifid = 1.5
`),
    [
      `edge6.toml:5:1 ${d}[0].ifid: found 18446744073709551616, ${range}`,
      `edge6.toml:8:1 ${d}[1].ifid: found -1, ${range}`,
      `edge6.toml:11:1 ${d}[2].ifid: found "0x1_0000_0000_0000_0000": more than 64 bits; ${range}`,
      `edge6.toml:14:1 ${d}[3].ifid: found "1::1": bits set above the low 64 (an interface ID is the last four groups, as "::200:0:0:1"); ${range}`,
      `edge6.toml:17:1 ${d}[4].ifid: found "randon", ${range}; did you mean "random"?`,
      `edge6.toml:20:1 ${d}[5].ifid: found 1.5, ${range}`,
    ],
  );
});

Deno.test("toml: any other integer past 2^53-1 is a range error at its key, not a syntax error", () => {
  assert.deepStrictEqual(errors("[[interface.wan0.ia_na]]\niaid = 9007199254740993\n"), [
    "edge6.toml:2:1 interface.wan0.ia_na[0].iaid: found 9007199254740993, expected an integer 0–4294967295",
  ]);
});

Deno.test("toml: without request, an interface asks for DNS servers and the domain list", () => {
  assert.deepStrictEqual(config("[interface.wan0]\n").interfaces[0]!.request, [23, 24]);
  assert.deepStrictEqual(config("[interface.wan0]\nrequest = []\n").interfaces[0]!.request, []);
  assert.deepStrictEqual(
    config('[interface.wan0]\nrequest = ["ntp-server"]\n').interfaces[0]!.request,
    [56],
  );
});

Deno.test("toml: codes a client may not request (RFC 9915 §21.7) are refused, by name", () => {
  assert.deepStrictEqual(
    errors('[interface.wan0]\nrequest = ["dns-servers", 1, "ia-pd", 6, "auth", 20, 14]\n'),
    [1, "25 (ia-pd)", "6 (oro)", "11 (auth)", "20 (reconf-accept)", "14 (rapid-commit)"].map(
      (found, i) => {
        const col = [27, 30, 39, 42, 50, 54][i];
        const text = typeof found === "number" ? `${found} (clientid)` : found;
        return `edge6.toml:2:${col} interface.wan0.request[${
          i + 1
        }]: found ${text}, an option a client may not request (RFC 9915 §21.7); expected an option the server sends on request, such as dns-servers`;
      },
    ),
  );
});

Deno.test("toml: sla_len 0 with a non-zero sla_id gets the same note as in dhcp6c.conf", () => {
  const r = load(
    '[interface.wan0]\n[[interface.wan0.ia_pd]]\niaid = 0\n[[interface.wan0.ia_pd.delegate]]\ninterface = "lan0"\nsla_id = 10\nsla_len = 0\n',
  );
  assert.ok(r.ok);
  assert.deepStrictEqual(r.warnings.map(formatMessage), [
    "edge6.toml:6:1 interface.wan0.ia_pd[0].delegate[0].sla_id: sla_id 10 has no effect with sla_len 0: no bits are left for a subnet number, and the interface gets the delegated prefix as it is (dhcp6c ignores the sla-id the same way)",
  ]);
});

Deno.test("toml: a raw option 6 says to write request instead", () => {
  assert.deepStrictEqual(
    errors('[interface.wan0]\nraw_options = [{ code = 6, data = "00:17" }]\n'),
    [
      "edge6.toml:2:18 interface.wan0.raw_options[0].code: found 6 (oro), an option edge6 builds itself: write the codes as request = [...] (dhcp6c.conf: request NAME; a raw-option 6 there is read as request entries)",
    ],
  );
});
