import assert from "node:assert/strict";
import { checkCommand } from "./check.ts";
import { captureIo, dhcp6cFixture } from "./test_io.ts";

Deno.test("edge6 check: a valid file prints one line per interface and exits 0", async () => {
  const io = captureIo();
  assert.equal(await checkCommand.run([dhcp6cFixture("two_wans.conf")], io), 0);
  assert.deepStrictEqual(io.stdout.trimEnd().split("\n"), [
    "wan0: IA_PD 1 (::/48) → lan0 sla-id 0/16; request dns-servers",
    "wan1: IA_NA 2; IA_PD 3 → lan1 sla-id 1",
    "wan2: information-only; request dns-servers, domain-list",
  ]);
  assert.match(
    io.stderr,
    /^note: .*two_wans\.conf:6:1 interface\.wan0: interface wan0 is defined again/,
  );
});

Deno.test("edge6 check: an invalid file prints every error and exits 1", async () => {
  const dir = Deno.makeTempDirSync();
  try {
    const path = `${dir}/edge6.toml`;
    Deno.writeTextFileSync(path, "[interface.wan0]\nrapid_comit = true\nscript = 1\n");
    const io = captureIo();
    assert.equal(await checkCommand.run([path], io), 1);
    assert.equal(io.stdout, "");
    assert.deepStrictEqual(io.stderr.trimEnd().split("\n"), [
      `${path}:2:1 interface.wan0.rapid_comit: unknown key; did you mean "rapid_commit"?`,
      `${path}:3:1 interface.wan0.script: found 1, expected a string`,
      `edge6 check: 2 errors in ${path}`,
    ]);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("edge6 check: a missing file is an error; no file is a usage error", async () => {
  const io = captureIo();
  assert.equal(await checkCommand.run(["/nonexistent/edge6.toml"], io), 1);
  assert.match(io.stderr, /^\/nonexistent\/edge6\.toml:1:1: cannot read the file: no such file$/m);
  assert.equal(await checkCommand.run([], captureIo()), 2);
});

Deno.test("edge6 check: an unknown option is named in one line, exit 2", async () => {
  const io = captureIo();
  assert.equal(await checkCommand.run(["--bogus", dhcp6cFixture("two_wans.conf")], io), 2);
  assert.equal(io.stderr, "edge6 check: unknown option '--bogus'\n");
  assert.equal(io.stdout, "");
});

Deno.test("edge6 check: profiles are summarized after the interfaces, with how to run them", async () => {
  const dir = Deno.makeTempDirSync();
  try {
    const path = `${dir}/dhcp6c.conf`;
    Deno.writeTextFileSync(
      path,
      "interface eth1 { send rapid-commit; send ia-na 0; };\nid-assoc na 0 { };\n" +
        'profile default\n{\n  information-only;\n  request domain-name-servers;\n  script "/etc/wide-dhcpv6/dhcp6c-script";\n};\n',
    );
    const io = captureIo();
    assert.equal(await checkCommand.run([path], io), 0);
    assert.deepStrictEqual(io.stdout.trimEnd().split("\n"), [
      "eth1: IA_NA 0; rapid commit",
      "profile default (run with -P default IFACE…): information-only; request dns-servers; script /etc/wide-dhcpv6/dhcp6c-script",
    ]);
    assert.equal(io.stderr, "");
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
