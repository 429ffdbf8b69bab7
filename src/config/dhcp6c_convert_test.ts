import assert from "node:assert/strict";
import { DEFAULT_GLOBAL, DEFAULT_INTERFACE_FLAGS } from "./defaults.ts";
import { loadConfigText } from "./load_text.ts";
import type { LoadResult } from "./load.ts";
import { formatMessage } from "./message.ts";
import type { Config } from "./types.ts";
import { emitToml } from "./toml_emit.ts";

function load(text: string, files: Record<string, string> = {}): LoadResult {
  return loadConfigText(text, "/etc/dhcp6c.conf", (p) => {
    const t = files[p];
    if (t === undefined) throw new Deno.errors.NotFound(p);
    return t;
  });
}

function ok(text: string): { config: Config; notes: string[] } {
  const r = load(text);
  assert.ok(r.ok, r.ok ? "" : r.errors.map(formatMessage).join("\n"));
  assert.equal(r.format, "dhcp6c");
  return { config: r.config, notes: r.warnings.map(formatMessage) };
}

function errors(text: string): string[] {
  const r = load(text);
  assert.ok(!r.ok, "expected errors");
  return r.errors.map(formatMessage);
}

Deno.test("dhcp6c: defaults of an interface and of the globals", () => {
  const { config, notes } = ok("interface wan0 { };");
  assert.deepStrictEqual(notes, []);
  assert.deepStrictEqual(config, {
    global: DEFAULT_GLOBAL,
    interfaces: [{
      name: "wan0",
      iaNa: [],
      iaPd: [],
      request: [],
      rawOptions: [],
      ...DEFAULT_INTERFACE_FLAGS,
      // dhcp6c releases its bindings when it exits, unless -n (a TOML file keeps them).
      releaseOnStop: true,
    }],
    authentication: {},
    keyinfo: {},
  });
});

Deno.test("dhcp6c: IAs in send order; sla-id defaults to the position; vltime to pltime", () => {
  const { config } = ok(`
interface wan0 { send ia-pd 4; send ia-na 1, ia-pd 3; };
id-assoc pd 3 { prefix-interface a { }; prefix-interface b { sla-id 9; }; prefix-interface c { }; };
id-assoc pd 4 { };
id-assoc na 1 { address 2001:db8::1 300; };`);
  const wan0 = config.interfaces[0]!;
  assert.deepStrictEqual(wan0.iaPd.map((ia) => ia.iaid), [4, 3]);
  assert.deepStrictEqual(
    wan0.iaPd[1]!.delegate.map((d) => [d.interface, d.slaId, d.slaLen, d.ifid]),
    [["a", 0, undefined, undefined], ["b", 9, undefined, undefined], [
      "c",
      2,
      undefined,
      undefined,
    ]],
  );
  assert.deepStrictEqual(wan0.iaNa, [{
    iaid: 1,
    addresses: [{ address: "2001:db8::1", preferredLifetime: 300, validLifetime: 300 }],
  }]);
});

Deno.test("dhcp6c: an IA that is sent but not defined, or sent twice, is an error", () => {
  assert.deepStrictEqual(errors("interface wan0 {\n  send ia-pd 1;\n};"), [
    "/etc/dhcp6c.conf:2:8: send ia-pd 1: no id-assoc pd 1 statement defines it",
  ]);
  assert.deepStrictEqual(
    errors("interface a { send ia-na 0; };\ninterface b { send ia-na 0; };\nid-assoc na { };"),
    [
      "/etc/dhcp6c.conf:2:20: send ia-na 0: id-assoc na 0 is already sent by interface a; an IA belongs to one interface",
    ],
  );
});

Deno.test("dhcp6c: what dhcp6c refuses in a client is an error, with its line", () => {
  const text = `interface wan0 {
  request rapid-commit;
  request authentication a;
  send authentication missing;
  address 2001:db8::1 10;
  script "relative.sh";
  script "/second.sh";
};
authentication r { protocol reconfig; };
authentication none { rdm monocounter; };
keyinfo k { keyid 1; };
id-assoc pd 0 { prefix-interface lan0 { sla-len 200; }; };
interface wan1 { send ia-pd 0; };`;
  assert.deepStrictEqual(errors(text), [
    "/etc/dhcp6c.conf:2:11: rapid-commit cannot be requested, only sent (dhcp6c refuses it)",
    "/etc/dhcp6c.conf:3:11: authentication cannot be requested, only sent (dhcp6c refuses it)",
    "/etc/dhcp6c.conf:4:8: send authentication missing: no authentication missing statement defines it",
    "/etc/dhcp6c.conf:5:3: address is not valid in an interface statement (dhcp6c refuses it)",
    '/etc/dhcp6c.conf:6:3 interface.wan0.script: found "relative.sh", expected an absolute path',
    "/etc/dhcp6c.conf:7:3 interface.wan0.script: script is given twice (dhcp6c refuses this)",
    "/etc/dhcp6c.conf:9:20: protocol reconfig is a server setting; dhcp6c refuses it in a client",
    '/etc/dhcp6c.conf:10:1 authentication.none: missing protocol, expected "delayed"',
    "/etc/dhcp6c.conf:11:1 keyinfo.k: missing realm, expected a realm string",
    "/etc/dhcp6c.conf:11:1 keyinfo.k: missing secret, expected a base64 secret",
    "/etc/dhcp6c.conf:12:41: sla-len 200 is out of range; expected 0–128",
  ]);
});

Deno.test("dhcp6c: adjusted values are notes, and the Config holds the adjusted value", () => {
  const { config, notes } = ok(`interface wan0 { send ia-pd 0; };
id-assoc pd 0 {
  prefix 2001:db8:ff:ff01::/56 infinity;
  prefix-interface lan0 { sla-len 12; };
};`);
  assert.deepStrictEqual(notes, [
    "/etc/dhcp6c.conf:3:3 interface.wan0.ia_pd[0].prefixes[0].prefix: prefix 2001:db8:ff:ff01::/56 has bits set past /56; adjusted to 2001:db8:ff:ff00::/56 as dhcp6c does",
    "/etc/dhcp6c.conf:4:27 interface.wan0.ia_pd[0].delegate[0].sla_len: sla_len 12 is more than the 8 bits a /56 prefix leaves before a /64; it is shrunk to 8 if a /56 is delegated (dhcp6c does the same)",
  ]);
  const pd = config.interfaces[0]!.iaPd[0]!;
  assert.equal(pd.prefixes[0]!.prefix, "2001:db8:ff:ff00::");
  // A hint is only a hint: the value is kept, and shrunk only if a /56 arrives.
  assert.equal(pd.delegate[0]!.slaLen, 12);
});

Deno.test("dhcp6c: sla-len without a hint is capped at 64; a short hint without sla-len is noted", () => {
  const capped = ok(
    "interface w { send ia-pd 0; };\nid-assoc pd 0 { prefix-interface l { sla-len 80; }; };",
  );
  assert.equal(capped.config.interfaces[0]!.iaPd[0]!.delegate[0]!.slaLen, 64);
  assert.equal(capped.notes.length, 1);
  assert.match(capped.notes[0]!, /sla-len 80 adjusted to 64: a subnet cannot be longer than \/64/);
  const short = ok(
    "interface w { send ia-pd 0; };\nid-assoc pd 0 { prefix ::/40 infinity; prefix-interface l { }; };",
  );
  assert.deepStrictEqual(short.notes, [
    "/etc/dhcp6c.conf:2:40 interface.w.ia_pd[0].delegate[0]: no sla-len: dhcp6c would use 16 and make a /56 subnet from the /40 hint; edge6 makes a /64",
  ]);
});

Deno.test("dhcp6c: sla-id that does not fit in sla-len is an error at the sla-id", () => {
  assert.deepStrictEqual(
    errors(
      "interface w { send ia-pd 0; };\nid-assoc pd 0 {\n  prefix-interface l {\n    sla-id 300; sla-len 8;\n  };\n};",
    ),
    [
      "/etc/dhcp6c.conf:4:5 interface.w.ia_pd[0].delegate[0].sla_id: 300 does not fit in sla_len 8 (0–255)",
    ],
  );
});

Deno.test("dhcp6c: information-only drops the IAs it sends, with a note", () => {
  const { config, notes } = ok(
    "interface w {\n  information-only;\n  send ia-na 0;\n};\nid-assoc na 0 { };",
  );
  assert.equal(config.interfaces[0]!.informationOnly, true);
  assert.deepStrictEqual(config.interfaces[0]!.iaNa, []);
  assert.deepStrictEqual(notes, [
    "/etc/dhcp6c.conf:3:8 interface.w: send ia-na 0 has no effect with information-only",
  ]);
});

Deno.test("dhcp6c: request names map to codes; duplicates are noted and dropped", () => {
  const { config, notes } = ok(
    "interface w { request domain-name-servers, sip-domain-name, bcmcs-domain-name, nis-server-domain-name, domain-name-servers; };",
  );
  assert.deepStrictEqual(config.interfaces[0]!.request, [23, 21, 33, 29]);
  assert.equal(notes.length, 1);
  assert.match(notes[0]!, /repeats an option already requested/);
});

Deno.test("dhcp6c: authentication and keyinfo are kept, with defaults, and noted as without effect", () => {
  const { config, notes } = ok(`interface w { send authentication a; };
authentication a { protocol delayed; };
keyinfo k { realm "r"; keyid 7; secret "AAAA"; };`);
  assert.deepStrictEqual(config.authentication, {
    a: { protocol: "delayed", algorithm: "hmac-md5", rdm: "monocounter" },
  });
  assert.deepStrictEqual(config.keyinfo, {
    k: { realm: "r", keyId: 7, secret: "AAAA", expire: "forever" },
  });
  assert.equal(config.interfaces[0]!.authentication, "a");
  assert.deepStrictEqual(notes, [
    '/etc/dhcp6c.conf:1:20 interface.w.authentication: authentication "a" has no effect: delayed authentication (RFC 3315 §21.4) is not part of RFC 9915',
  ]);
});

Deno.test("dhcp6c: errors in an included file name that file", () => {
  const r = load('include "pd.conf";\ninterface w { send ia-pd 0; };', {
    "/etc/pd.conf": "id-assoc pd 0 {\n  prefix fe80::/64 infinity;\n};",
  });
  assert.ok(!r.ok);
  assert.deepStrictEqual(r.errors.map(formatMessage), [
    "/etc/pd.conf:2:3 interface.w.ia_pd[0].prefixes[0].prefix: found fe80::/64, expected a global or unique-local prefix, not link-local",
  ]);
});

Deno.test("dhcp6c: syntax errors and meaning errors are reported together", () => {
  assert.deepStrictEqual(errors("interface w {\n  send ia-pd 1;\n  bad;\n};"), [
    "/etc/dhcp6c.conf:2:8: send ia-pd 1: no id-assoc pd 1 statement defines it",
    '/etc/dhcp6c.conf:3:3: found "bad", expected send, request, information-only, script, allow, duid, preference, address, prefix, delayedkey, range or address-pool',
  ]);
});

Deno.test("dhcp6c: a file without an interface statement is an error", () => {
  assert.deepStrictEqual(errors("id-assoc pd 0 { };"), [
    "/etc/dhcp6c.conf:1:1: no interface is configured; expected at least one interface statement",
  ]);
});

Deno.test("dhcp6c: sla-len 0 with an sla-id is accepted, with a note that the sla-id has no effect", () => {
  const { config, notes } = ok(
    "interface w { send ia-pd 0; };\nid-assoc pd 0 {\n  prefix ::/64 infinity;\n  prefix-interface lan0 {\n    sla-id 1;\n    sla-len 0;\n  };\n};",
  );
  const d = config.interfaces[0]!.iaPd[0]!.delegate[0]!;
  assert.equal(d.slaId, 1);
  assert.equal(d.slaLen, 0);
  assert.deepStrictEqual(notes, [
    "/etc/dhcp6c.conf:5:5 interface.w.ia_pd[0].delegate[0].sla_id: sla_id 1 has no effect with sla_len 0: no bits are left for a subnet number, and the interface gets the delegated prefix as it is (dhcp6c ignores the sla-id the same way)",
  ]);
  // sla-id 0 (or none) with sla-len 0 says nothing.
  assert.deepStrictEqual(
    ok("interface w { send ia-pd 0; };\nid-assoc pd 0 { prefix-interface l { sla-len 0; }; };")
      .notes,
    [],
  );
});

Deno.test("dhcp6c: an sla-id past a non-zero sla-len stays an error (dhcp6c builds a wrong subnet)", () => {
  assert.deepStrictEqual(
    errors(
      "interface w { send ia-pd 0; };\nid-assoc pd 0 { prefix-interface l { sla-id 2; sla-len 1; }; };",
    ),
    ["/etc/dhcp6c.conf:2:38 interface.w.ia_pd[0].delegate[0].sla_id: 2 does not fit in sla_len 1 (0–1)"],
  );
});

Deno.test("dhcp6c: an sla-len longer than any delegated prefix leaves is noted, not refused", () => {
  assert.deepStrictEqual(
    ok(
      "interface w { send ia-pd 0; };\nid-assoc pd 0 { prefix-interface l { sla-id 1; sla-len 64; }; };",
    )
      .notes,
    [
      "/etc/dhcp6c.conf:2:48 interface.w.ia_pd[0].delegate[0].sla_len: sla_len 64 is more than any delegated prefix leaves before a /64 (at most 48 bits, from a /16); it is shrunk at run time to what the delegated prefix leaves (dhcp6c does the same)",
    ],
  );
  // Against the hint when there is one.
  assert.deepStrictEqual(
    ok(
      "interface w { send ia-pd 0; };\nid-assoc pd 0 { prefix ::/56 infinity; prefix-interface l { sla-len 16; }; };",
    )
      .notes,
    [
      "/etc/dhcp6c.conf:2:61 interface.w.ia_pd[0].delegate[0].sla_len: sla_len 16 is more than the 8 bits a /56 prefix leaves before a /64; it is shrunk to 8 if a /56 is delegated (dhcp6c does the same)",
    ],
  );
});

Deno.test("dhcp6c: send raw-option 6 (OPNsense's Orange how-to) is read as request entries", () => {
  const { config, notes } = ok(
    "interface igb0 {\n  send ia-pd 0;\n  send raw-option 6 00:0b:00:11:00:17:00:18;\n};\nid-assoc pd 0 { };",
  );
  const i = config.interfaces[0]!;
  assert.deepStrictEqual(i.request, [17, 23, 24]);
  assert.deepStrictEqual(i.rawOptions, []);
  assert.deepStrictEqual(notes, [
    "/etc/dhcp6c.conf:3:8 interface.igb0.request: send raw-option 6 is an Option Request, which edge6 builds itself: 17 (vendor-opts), 23 (dns-servers), 24 (domain-list) added to request; 11 (auth) left out: a client may not request it (RFC 9915 §21.7)",
  ]);
  // Merged with request statements, each code once; convert writes the merged list.
  const both = ok(
    "interface w {\n  request domain-name-servers;\n  send raw-option 6 00:17:00:52;\n};",
  );
  assert.deepStrictEqual(both.config.interfaces[0]!.request, [23, 82]);
  assert.match(emitToml(both.config), /^request = \["dns-servers", "sol-max-rt"\]$/m);
  assert.deepStrictEqual(errors("interface w { send raw-option 6 00:17:00; };"), [
    "/etc/dhcp6c.conf:1:20: raw-option 6 (Option Request) has 3 bytes of data, expected 2 bytes per option code",
  ]);
});

Deno.test("dhcp6c: other raw options edge6 builds itself say what to write instead", () => {
  assert.deepStrictEqual(errors('interface w { send raw-option 14 ""; };').length, 1);
  assert.deepStrictEqual(errors("interface w { send raw-option 14 00; };"), [
    "/etc/dhcp6c.conf:1:20 interface.w.raw_options[0].code: found 14 (rapid-commit), an option edge6 builds itself: write rapid_commit = true (dhcp6c.conf: send rapid-commit;)",
  ]);
  assert.match(
    errors("interface w { send raw-option 8 00:00; };")[0]!,
    /found 8 \(elapsed-time\), an option edge6 builds itself: edge6 measures it for every message it sends \(RFC 9915 §21\.9\); there is no equivalent$/,
  );
  assert.match(
    errors("interface w { send raw-option 1 00:01; };")[0]!,
    /found 1 \(clientid\), an option edge6 builds itself: edge6 sends its own DUID/,
  );
  assert.match(
    errors("interface w { send raw-option 3 00:01; };")[0]!,
    /found 3 \(ia-na\), an option edge6 builds itself: write an \[\[interface\.NAME\.ia_na\]\] table/,
  );
});

Deno.test("dhcp6c: release on stop stays dhcp6c's, and convert writes it; TOML defaults to keeping the lease", () => {
  // Issue 9, item 12: RFC 9096 WPD-9 (no Release on restart) for TOML, dhcp6c's own behaviour
  // (release unless -n) for a dhcp6c.conf, and the value written out so a conversion keeps it.
  const { config } = ok("interface wan0 { send ia-pd 1; };\nid-assoc pd 1 { };");
  assert.equal(config.interfaces[0]!.releaseOnStop, true);
  const toml = emitToml(config);
  assert.match(toml, /^release_on_stop = true$/m);
  const back = loadConfigText(toml, "/etc/edge6/edge6.toml", () => "");
  assert.ok(back.ok);
  assert.equal(back.config.interfaces[0]!.releaseOnStop, true);
  const bare = loadConfigText("[interface.wan0]\n", "/etc/edge6/edge6.toml", () => "");
  assert.ok(bare.ok);
  assert.equal(bare.config.interfaces[0]!.releaseOnStop, false);
  assert.match(emitToml(bare.config), /^release_on_stop = false$/m);
});
