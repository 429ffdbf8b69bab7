import assert from "node:assert/strict";
import { MAX_INCLUDE_DEPTH, parseDhcp6c } from "./dhcp6c_parser.ts";
import type { Dhcp6cStatement } from "./dhcp6c_ast.ts";

function noIncludes(path: string): string {
  throw new Deno.errors.NotFound(path);
}

function parseOk(text: string): Dhcp6cStatement[] {
  const r = parseDhcp6c(text, "/etc/t.conf", noIncludes);
  assert.deepStrictEqual(r.errors, []);
  return r.statements;
}

function errorsOf(text: string, read = noIncludes): string[] {
  return parseDhcp6c(text, "/etc/t.conf", read).errors.map((e) =>
    `${e.at.file}:${e.at.line}:${e.at.col}: ${e.message}`
  );
}

/** Drops positions (and absent keys) so that trees compare by content; bigints stay. */
function strip(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(strip);
  if (typeof v !== "object" || v === null) return v;
  return Object.fromEntries(
    Object.entries(v).filter(([k, x]) => k !== "at" && x !== undefined).map(([k, x]) => [
      k,
      strip(x),
    ]),
  );
}

Deno.test("parser: interface with every client declaration", () => {
  const [s] = parseOk(`interface wan0 {
    send rapid-commit, ia-na 1;
    send ia-pd 2;
    send authentication a1;
    send raw-option 16 00:01;
    request domain-name-servers, domain-name, ntp-servers, refreshtime;
    information-only;
    script "/x.sh";
  };`);
  assert.deepStrictEqual(strip(s), {
    kind: "interface",
    name: "wan0",
    decls: [
      { kind: "send", options: [{ kind: "rapid-commit" }, { kind: "ia-na", iaid: 1 }] },
      { kind: "send", options: [{ kind: "ia-pd", iaid: 2 }] },
      { kind: "send", options: [{ kind: "authentication", name: "a1" }] },
      { kind: "send", options: [{ kind: "raw", code: 16, hex: "0001" }] },
      {
        kind: "request",
        options: [
          { kind: "info", name: "domain-name-servers", code: 23 },
          { kind: "info", name: "domain-name", code: 24 },
          { kind: "info", name: "ntp-servers", code: 31 },
          { kind: "info", name: "refreshtime", code: 32 },
        ],
      },
      { kind: "information-only" },
      { kind: "script", path: "/x.sh" },
    ],
  });
});

Deno.test("parser: every requestable option name, both spellings", () => {
  const names: [string, number][] = [
    ["sip-server-address", 22],
    ["sip-server-domain-name", 21],
    ["sip-domain-name", 21],
    ["nis-server-address", 27],
    ["nis-domain-name", 29],
    ["nis-server-domain-name", 29],
    ["nisp-server-address", 28],
    ["nisp-domain-name", 30],
    ["nisp-server-domain-name", 30],
    ["bcmcs-server-address", 34],
    ["bcmcs-server-domain-name", 33],
    ["bcmcs-domain-name", 33],
  ];
  const [s] = parseOk(`interface e0 { request ${names.map((n) => n[0]).join(", ")}; };`);
  assert.ok(s?.kind === "interface");
  const d = s.decls[0];
  assert.ok(d?.kind === "request");
  assert.deepStrictEqual(
    d.options.map((o) => (o.kind === "info" ? [o.name, o.code] : o.kind)),
    names,
  );
});

Deno.test("parser: raw-option hex with colons, without, one byte, 0x, and bad data", () => {
  const [s] = parseOk(
    "interface e0 { send raw-option 1 AB:cd, raw-option 2 abcd, raw-option 3 00, raw-option 4 0x0102; };",
  );
  assert.ok(s?.kind === "interface" && s.decls[0]?.kind === "send");
  assert.deepStrictEqual(
    s.decls[0].options.map((o) => (o.kind === "raw" ? [o.code, o.hex] : [])),
    [[1, "abcd"], [2, "abcd"], [3, "00"], [4, "0102"]],
  );
  assert.deepStrictEqual(errorsOf("interface e0 {\n send raw-option 5 abc;\n};"), [
    '/etc/t.conf:2:20: found "abc", expected option data: expected an even number of hex digits',
  ]);
  assert.deepStrictEqual(errorsOf("interface e0 { send raw-option 0 00; };"), [
    '/etc/t.conf:1:32: found "0", expected an option code 1–65535',
  ]);
});

Deno.test("parser: id-assoc na and pd, with and without IAID", () => {
  const statements = parseOk(`
id-assoc na { address 2001:db8::1 3600; address 2001:db8::2 100 infinity; };
id-assoc na 5 { };
id-assoc pd {
  prefix 2001:db8::/48 infinity;
  prefix ::/56 10 20;
  prefix-interface lan0 { sla-id 1; sla-len 8; ifid 1; };
  prefix-interface lan1 { ifid random; };
  prefix-interface lan2 { ifid eui-64; };
};
id-assoc pd 7 { };`);
  assert.deepStrictEqual(strip(statements), [
    {
      kind: "id-assoc-na",
      iaid: 0,
      addresses: [
        { kind: "address", address: "2001:db8::1", pltime: 3600 },
        { kind: "address", address: "2001:db8::2", pltime: 100, vltime: 0xffffffff },
      ],
    },
    { kind: "id-assoc-na", iaid: 5, addresses: [] },
    {
      kind: "id-assoc-pd",
      iaid: 0,
      items: [
        { kind: "prefix", address: "2001:db8::", length: 48, pltime: 0xffffffff },
        { kind: "prefix", address: "::", length: 56, pltime: 10, vltime: 20 },
        {
          kind: "prefix-interface",
          name: "lan0",
          params: [
            { kind: "sla-id", value: 1 },
            { kind: "sla-len", value: 8 },
            { kind: "ifid", value: 1n },
          ],
        },
        { kind: "prefix-interface", name: "lan1", params: [{ kind: "ifid", value: "random" }] },
        { kind: "prefix-interface", name: "lan2", params: [{ kind: "ifid", value: "eui-64" }] },
      ],
    },
    { kind: "id-assoc-pd", iaid: 7, items: [] },
  ]);
});

Deno.test("parser: ifid numbers are read exactly over the whole 64-bit range", () => {
  const values = ["0", "9007199254740993", "144115612209124097", "18446744073709551615"];
  const statements = parseOk(
    `id-assoc pd 1 {\n${
      values.map((v, i) => `  prefix-interface lan${i} { ifid ${v}; };\n`).join("")
    }};`,
  );
  assert.deepStrictEqual(
    strip(statements),
    [{
      kind: "id-assoc-pd",
      iaid: 1,
      items: values.map((v, i) => ({
        kind: "prefix-interface",
        name: `lan${i}`,
        params: [{ kind: "ifid", value: BigInt(v) }],
      })),
    }],
  );
});

Deno.test("parser: an ifid past 2^64-1 or negative is an error with its place and the range", () => {
  assert.deepStrictEqual(
    errorsOf("id-assoc pd 1 {\n  prefix-interface lan0 { ifid 18446744073709551616; };\n};"),
    [
      '/etc/t.conf:2:32: found "18446744073709551616", expected an interface ID, "random" or "eui-64" (0–18446744073709551615)',
    ],
  );
  assert.deepStrictEqual(
    errorsOf("id-assoc pd 1 { prefix-interface lan0 { ifid -1; }; };"),
    ['/etc/t.conf:1:46: found "-1", expected an interface ID, "random" or "eui-64"'],
  );
});

Deno.test("parser: authentication (all algorithm spellings) and keyinfo", () => {
  for (const alg of ["hmac-md5", "HMAC-MD5", "hmacmd5", "HMACMD5"]) {
    const [s] = parseOk(
      `authentication a { protocol delayed; algorithm ${alg}; rdm monocounter; key k; };`,
    );
    assert.deepStrictEqual(strip(s), {
      kind: "authentication",
      name: "a",
      params: [
        { kind: "protocol", value: "delayed" },
        { kind: "algorithm", value: "hmac-md5" },
        { kind: "rdm", value: "monocounter" },
        { kind: "key", value: "k" },
      ],
    });
  }
  const [k] = parseOk(
    'keyinfo k1 { realm "kame.net"; keyid 1; secret "c2VjcmV0"; expire "forever"; };',
  );
  assert.deepStrictEqual(strip(k), {
    kind: "keyinfo",
    name: "k1",
    params: [
      { kind: "realm", value: "kame.net" },
      { kind: "keyid", value: 1 },
      { kind: "secret", value: "c2VjcmV0" },
      { kind: "expire", value: "forever" },
    ],
  });
  assert.deepStrictEqual(errorsOf("authentication a { protocol sometimes; };"), [
    '/etc/t.conf:1:29: found "sometimes", expected "delayed" or "reconfig"',
  ]);
});

Deno.test("parser: server-only statements parse (host, pool, option, declarations)", () => {
  const statements = parseOk(`
option domain-name-servers 2001:db8::1 2001:db8::2;
option domain-name "example.net";
option refreshtime 86400;
host h1 {
  duid 00:01:02;
  address 2001:db8::5 infinity;
  prefix 2001:db8:1::/48 infinity;
  delayedkey k1;
};
pool p1 { range 2001:db8::100 to 2001:db8::200; };
interface e0 { allow rapid-commit; preference 10; address-pool p1 10 20; duid 0a:0b; };`);
  assert.deepStrictEqual(
    statements.map((s) => s.kind),
    ["option", "option", "option", "host", "pool", "interface"],
  );
  const e0 = statements[5];
  assert.ok(e0?.kind === "interface");
  assert.deepStrictEqual(e0.decls.map((d) => d.kind), [
    "allow",
    "preference",
    "address-pool",
    "duid",
  ]);
  assert.deepStrictEqual(errorsOf("option refreshtime 10;"), [
    '/etc/t.conf:1:20: found "10", expected a refresh time of at least 600 seconds',
  ]);
  assert.deepStrictEqual(errorsOf("option domain-name-servers 2001:db8::1 nope;"), [
    '/etc/t.conf:1:40: found "nope", expected an IPv6 address',
  ]);
});

Deno.test("parser: reports every syntax error of a file with its line and column", () => {
  const text = `interface wan0 {
  send ia-pd zero;
  request domain-name-servers
  script "/x";
  bogus;
};
id-assoc pd 0 { prefix 2001:db8::/200 infinity; };
id-assoc xx 1 { };
interface lan0 { information-only; }
`;
  assert.deepStrictEqual(errorsOf(text), [
    '/etc/t.conf:2:14: found "zero", expected an IAID',
    '/etc/t.conf:4:3: found "script", expected ";"',
    '/etc/t.conf:5:3: found "bogus", expected send, request, information-only, script, allow, duid, preference, address, prefix, delayedkey, range or address-pool',
    '/etc/t.conf:7:35: found "200", expected a prefix length 0–128',
    '/etc/t.conf:8:10: found "xx", expected "na" or "pd"',
    '/etc/t.conf:10:1: found end of file, expected ";"',
  ]);
});

Deno.test("parser: a missing closing brace and a stray token", () => {
  assert.deepStrictEqual(errorsOf("interface e0 {\n send rapid-commit;\n"), [
    '/etc/t.conf:3:1: found end of file, expected "}"',
  ]);
  assert.deepStrictEqual(errorsOf("interfaces e0 { };"), [
    '/etc/t.conf:1:1: found "interfaces", expected interface, profile, id-assoc, authentication, keyinfo, include, host, pool or option; did you mean "interface"?',
  ]);
});

Deno.test("include: statements of the included file, relative to the including file", () => {
  const files = new Map([
    ["/etc/dhcp6c/sub/pd.conf", 'id-assoc pd 3 { };\ninclude "../more.conf";'],
    ["/etc/dhcp6c/more.conf", "id-assoc na 4 { };"],
  ]);
  const read = (p: string) => {
    const t = files.get(p);
    if (t === undefined) throw new Deno.errors.NotFound(p);
    return t;
  };
  const r = parseDhcp6c(
    'include "sub/pd.conf";\ninterface e0 { send ia-pd 3; };',
    "/etc/dhcp6c/main.conf",
    read,
  );
  assert.deepStrictEqual(r.errors, []);
  assert.deepStrictEqual(
    r.statements.map((s) => [s.kind, s.at.file]),
    [
      ["id-assoc-pd", "/etc/dhcp6c/sub/pd.conf"],
      ["id-assoc-na", "/etc/dhcp6c/more.conf"],
      ["interface", "/etc/dhcp6c/main.conf"],
    ],
  );
});

Deno.test("include: a missing file is an error at the include statement", () => {
  assert.deepStrictEqual(errorsOf('# x\n  include "nope.conf";'), [
    '/etc/t.conf:2:11: include "nope.conf": cannot read /etc/nope.conf: no such file',
  ]);
});

Deno.test("include: nesting deeper than dhcp6c's limit is an error; the limit itself is fine", () => {
  const chain = (n: number) => (p: string) => {
    const i = Number(/f(\d+)\.conf$/.exec(p)?.[1]);
    return i < n ? `include "f${i + 1}.conf";` : "id-assoc na 0 { };";
  };
  const ok = parseDhcp6c('include "f1.conf";', "/c/f0.conf", chain(MAX_INCLUDE_DEPTH));
  assert.deepStrictEqual(ok.errors, []);
  assert.equal(ok.statements.length, 1);
  const deep = parseDhcp6c('include "f1.conf";', "/c/f0.conf", chain(MAX_INCLUDE_DEPTH + 1));
  assert.deepStrictEqual(deep.errors.map((e) => [e.at.file, e.message]), [
    ["/c/f10.conf", `include "f11.conf": includes nest deeper than ${MAX_INCLUDE_DEPTH}`],
  ]);
});

Deno.test("include: a file that includes itself is reported, not followed forever", () => {
  const r = parseDhcp6c('include "a.conf";', "/c/a.conf", () => 'include "a.conf";');
  assert.deepStrictEqual(r.errors.map((e) => e.message), [
    'include "a.conf": the file includes itself (/c/a.conf → /c/a.conf)',
  ]);
});

Deno.test("parser: every global option of dhcp6c's grammar, empty address lists included", () => {
  // cfparse.y's option_statement: an address list (possibly empty) for the
  // server options, a quoted name for the name options, seconds for refreshtime;
  // nis-server-domain-name and nisp-server-domain-name are its older spellings.
  const text = `
option domain-name-servers 2001:db8::53;
option domain-name-servers;
option domain-name "example.net";
option ntp-servers 2001:db8::123 2001:db8::124;
option sip-server-address 2001:db8::5060;
option sip-server-domain-name "sip.example.net";
option nis-server-address 2001:db8::11;
option nis-domain-name "nis.example.net";
option nis-server-domain-name "nis.example.net";
option nisp-server-address;
option nisp-domain-name "nisp.example.net";
option nisp-server-domain-name "nisp.example.net";
option bcmcs-server-address 2001:db8::1:1;
option bcmcs-server-domain-name "bcmcs.example.net";
option refreshtime 600;
`;
  const statements = parseOk(text);
  const names = [...text.matchAll(/^option ([a-z-]+)/gm)].map((m) => m[1]);
  assert.equal(names.length, 15);
  assert.deepStrictEqual(strip(statements), names.map((name) => ({ kind: "option", name })));
  assert.deepStrictEqual(
    errorsOf(
      'option sip-server-domain-name 2001:db8::1;\noption nis-server-address "x";\noption bcmcs-domain-name "b";',
    ).map((e) => e.replace(/ \(.*\)$/, "")),
    [
      '/etc/t.conf:1:31: found "2001:db8::1", expected a quoted name',
      '/etc/t.conf:2:27: found "x", expected ";"',
      '/etc/t.conf:3:8: found "bcmcs-domain-name", expected an option name',
    ],
  );
});

Deno.test("dhcp6c parser: a misspelt keyword gets the closest client keyword", () => {
  const messages = (text: string) =>
    parseDhcp6c(text, "/etc/t.conf", () => "").errors.map((e) =>
      `${e.at.line}:${e.at.col} ${e.message}`
    );
  assert.match(
    messages("interface em0 {\n  reqest domain-name-servers;\n};\n")[0]!,
    /^2:3 found "reqest", expected send, .*; did you mean "request"\?$/,
  );
  assert.match(
    messages("interface em0 {\n  request domain-name-server;\n};\n")[0]!,
    /^2:11 found "domain-name-server", expected an option .*; did you mean "domain-name-servers"\?$/,
  );
  assert.deepEqual(
    messages("id-assoc pd 0 {\n  prefix-interface em1 { sla_id 1; };\n};\n"),
    ['2:26 found "sla_id", expected sla-id, sla-len or ifid; did you mean "sla-id"?'],
  );
  assert.deepEqual(messages("interfce em0 { };\n"), [
    '1:1 found "interfce", expected interface, profile, id-assoc, authentication, keyinfo, include, host, pool or option; did you mean "interface"?',
  ]);
  // Nothing close: no guess.
  assert.doesNotMatch(messages("interface em0 {\n  frobnicate;\n};\n")[0]!, /did you mean/);
});

Deno.test("dhcp6c parser: a range is stated once; a quoted name is called out", () => {
  const messages = (text: string) =>
    parseDhcp6c(text, "/etc/t.conf", () => "").errors.map((e) => e.message);
  assert.deepEqual(
    messages("id-assoc pd 0 {\n  prefix 2001:db8::/129 infinity;\n};\n"),
    ['found "129", expected a prefix length 0–128'],
  );
  assert.deepEqual(messages('interface "em0" {\n  send ia-na 0;\n};\n'), [
    'found "em0", expected an interface name, written without quotes',
  ]);
});
