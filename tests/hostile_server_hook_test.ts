/**
 * A hostile server against a careless hook script (issue 6: values from the
 * wire are untrusted). The real engine binds on a virtual clock against a
 * scripted server whose Replies carry domain names, a captive-portal URI and
 * raw options made of shell metacharacters, newlines, NUL and invalid UTF-8.
 * The hook actions the engine emits go through `buildHookEnvironment` and the
 * real `HookRunner` into a `/bin/sh` script that evals every variable, with a
 * `PATH` whose first directory holds trap commands named after what the server
 * tries to run. No trap may fire, and the script must see only the documented
 * safe forms (src/hooks/environment.ts): LDH names, and hex for the rest.
 * @module
 */
import assert from "node:assert/strict";
import type { Option } from "../src/dhcp6/options/types.ts";
import type { ClientStatus, HookReason } from "../src/dhcp6/client/mod.ts";
import { buildHookEnvironment } from "../src/hooks/environment.ts";
import { HookRunner } from "../src/hooks/runner.ts";
import { Logger } from "../src/log/logger.ts";
import { MemorySink } from "../src/log/sink.ts";
import { Simulation, testConfig } from "./sim/harness.ts";
import { serverA } from "./sim/fixtures.ts";
import { concatBytes } from "../src/dhcp6/bytes.ts";

const utf8 = new TextEncoder();

/** Bytes of a label given as text (UTF-8, control characters included) or as bytes. */
function labelBytes(label: string | Uint8Array): Uint8Array {
  return typeof label === "string" ? utf8.encode(label) : label;
}

/** The RFC 1035 §3.1 wire form of a name, built by hand so that any byte can be in a label. */
function wireName(labels: readonly (string | Uint8Array)[]): Uint8Array {
  const out: number[] = [];
  for (const l of labels) {
    const b = labelBytes(l);
    out.push(b.length, ...b);
  }
  out.push(0);
  return Uint8Array.from(out);
}

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** An option sent exactly as `data`: the encoder writes UNKNOWN options byte for byte. */
function rawOption(code: number, data: Uint8Array): Option {
  return { name: "UNKNOWN", code, data };
}

// Hostile domain names, label by label. The DOMAIN_LIST and NISP names are
// built by hand; the others go through the codec's own encoder, which takes
// any byte in a label (a `.` inside a label is written `\.`).
const DOMAIN_NAMES: readonly (readonly (string | Uint8Array)[])[] = [
  ["ok", "example"],
  ["$(touch PWNED)", "example"],
  ["`touch PWNED`"],
  ["x;touch PWNED"],
  ["a\ntouch PWNED\n"],
  ["\0;touch PWNED"],
  ["evil.$(reboot)", "example"], // a `.` byte inside one label
  [Uint8Array.of(0xff, 0xfe, 0x24, 0x28, 0x69, 0x64, 0x29)], // invalid UTF-8, then "$(id)"
  ["reboot"], // a valid name that is also the name of a trap command
];
const NISP_NAMES: readonly (readonly string[])[] = [["|touch PWNED&"], ["nisp", "example"]];
const AFTR_LABELS = ["aftr;touch PWNED\n", "example"] as const;
const SIP_LABELS = [["sip", "example"], ["'`touch PWNED`'", "example"]] as const;
const NIS_LABELS = [["nis\0$(touch PWNED)"], ["nis", "example"]] as const;
const NTP_FQDN_LABELS = ['ntp"$(touch PWNED)"', "example"] as const;
const PORTAL_BYTES = concatBytes([
  utf8.encode("https://portal.example/$(touch PWNED)"),
  Uint8Array.of(0xc3, 0x28, 0xff), // not UTF-8
]);
const RAW_250 = concatBytes([
  utf8.encode("x\n$(touch PWNED)\n`touch PWNED`;reboot\0"),
  Uint8Array.of(0xff),
]);
const VENDOR_17 = concatBytes([
  Uint8Array.of(0, 0, 0x0b, 0xe0, 0, 1, 0, 14), // enterprise 3040, sub-option 1, 14 bytes
  utf8.encode("$(touch PWNED)"),
]);

/** Text of a label list for the codec's encoder: `.` and `\` inside a label escaped. */
function nameText(labels: readonly string[]): string {
  return labels.map((l) => l.replaceAll("\\", "\\\\").replaceAll(".", "\\.")).join(".");
}

/** Every hostile configuration option of the server's Advertise and Reply. */
const HOSTILE_OPTIONS: readonly Option[] = [
  { name: "DNS_SERVERS", code: 23, servers: ["2001:db8::53"] },
  rawOption(24, concatBytes(DOMAIN_NAMES.map(wireName))),
  { name: "AFTR_NAME", code: 64, domain: nameText(AFTR_LABELS) },
  { name: "SIP_SERVER_D", code: 21, domains: SIP_LABELS.map(nameText) },
  { name: "NIS_DOMAIN_NAME", code: 29, domains: NIS_LABELS.map(nameText) },
  rawOption(30, concatBytes(NISP_NAMES.map(wireName))),
  {
    name: "NTP_SERVER",
    code: 56,
    suboptions: [{ type: "fqdn", domain: nameText(NTP_FQDN_LABELS) }],
  },
  rawOption(103, PORTAL_BYTES),
  rawOption(250, RAW_250),
  rawOption(17, VENDOR_17),
];

/** Commands the server tries to run; each is a trap on the hook's PATH. */
const TRAPS = ["touch", "PWNED", "reboot", "id", "sh", "x"];

/** The characters of the documented safe form, plus the list separator (space). */
const SAFE_BYTE = /^[A-Za-z0-9._:/@%+=, -]$/;

/** A temp dir with trap commands and the careless hook; removed by `close`. */
interface Trap {
  readonly dir: string;
  readonly marker: string;
  readonly hook: string;
  readonly seen: string;
  readonly path: string;
  close(): Promise<void>;
}

async function makeTrap(): Promise<Trap> {
  const dir = await Deno.makeTempDir({ prefix: "edge6-hostile-" });
  const marker = `${dir}/PWNED-marker`;
  const seen = `${dir}/seen-env`;
  const bin = `${dir}/bin`;
  await Deno.mkdir(bin);
  for (const name of TRAPS) {
    // No command by name inside the trap: `touch` itself is one of them.
    await Deno.writeTextFile(`${bin}/${name}`, `#!/bin/sh\necho "$0 $*" >> '${marker}'\n`);
    await Deno.chmod(`${bin}/${name}`, 0o755);
  }
  const hook = `${dir}/hook`;
  // The careless script: the environment is first saved as received (NUL-
  // separated), then every variable goes through eval every careless way,
  // each in a subshell so that one syntax error cannot end the loop early.
  await Deno.writeTextFile(
    hook,
    `#!/bin/sh
/usr/bin/env -0 > '${seen}'
for name in $(/usr/bin/env | /usr/bin/cut -d= -f1); do
  eval "$name=\\$$name"
  eval "value=\\$$name"
  (eval "$name=$value") > /dev/null 2>&1
  (eval "echo $value") > /dev/null 2>&1
  (eval echo \\$$name) > /dev/null 2>&1
done
(eval echo $new_domain_name $new_sip_name $new_nis_name $new_nisp_name) > /dev/null 2>&1
(eval echo $AFTR_NAME $CAPTIVE_PORTAL $NTP_SERVERS $REJECTED) > /dev/null 2>&1
(eval echo $raw_dhcp_option_250 $raw_dhcp_option_17) > /dev/null 2>&1
echo "domains: $new_domain_name"
echo done
`,
  );
  await Deno.chmod(hook, 0o700);
  return {
    dir,
    marker,
    hook,
    seen,
    path: `${bin}:/usr/bin:/bin`,
    close: () => Deno.remove(dir, { recursive: true }),
  };
}

/** The environment the hook saved, parsed from `env -0` output, as raw bytes per variable. */
async function readSeen(path: string): Promise<Map<string, Uint8Array>> {
  const bytes = await Deno.readFile(path);
  const out = new Map<string, Uint8Array>();
  let start = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] !== 0) continue;
    const entry = bytes.subarray(start, i);
    start = i + 1;
    const eq = entry.indexOf(0x3d);
    assert.ok(eq > 0, `env entry without "=": ${hex(entry)}`);
    out.set(new TextDecoder().decode(entry.subarray(0, eq)), entry.subarray(eq + 1));
  }
  assert.equal(start, bytes.length, "env -0 output ends with a NUL");
  return out;
}

async function runHook(
  trap: Trap,
  env: Record<string, string>,
): Promise<{ exitCode: number; lines: string[] }> {
  const sink = new MemorySink();
  const runner = new HookRunner({ logger: new Logger(sink, "debug"), path: trap.path });
  const result = await runner.run({ interfaceName: "wan0", script: trap.hook, env });
  return { exitCode: result.exitCode, lines: sink.lines.map((l) => l.message) };
}

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.stat(path);
    return true;
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return false;
    throw e;
  }
}

Deno.test("control: the careless hook does run commands hidden in an unchecked value", async () => {
  // Shows that the trap works: without the safe form, the same script and
  // PATH fire a trap, so the scenario below cannot pass for lack of a shell.
  const trap = await makeTrap();
  try {
    const { exitCode } = await runHook(trap, { REASON: "REQUEST", X: "a;touch PWNED" });
    assert.equal(exitCode, 0);
    assert.match(await Deno.readTextFile(trap.marker), /\/touch PWNED/);
  } finally {
    await trap.close();
  }
});

Deno.test("a hostile server's values reach a careless hook only in the safe form", async () => {
  const sim = new Simulation({
    config: testConfig({ requestOptions: [23, 24, 21, 29, 30, 56, 64, 103, 250] }),
    servers: [serverA({ extra: HOSTILE_OPTIONS })],
  });
  sim.start();
  sim.runFor(10_000); // Solicit, Advertise, Request, Reply
  sim.runFor(1_800_000); // T1: Renew, Reply with the same values
  const hooks = sim.actionsOf("hook");
  assert.deepEqual(hooks.map((h) => h.action.reason), ["REQUEST", "RENEW"]);

  const status = sim.client.status(sim.now);
  assert.equal(status.counters.dropped["internal-error"], undefined);
  assert.deepEqual(status.counters.dropped, {}, "the hostile Replies were accepted, not dropped");
  assert.deepEqual(
    sim.actions.filter((a) => a.action.type === "log" && a.action.level === "error"),
    [],
  );

  const trap = await makeTrap();
  try {
    let previous: ClientStatus | undefined;
    const envs: Record<string, string>[] = [];
    for (const h of hooks) {
      const reason: HookReason = h.action.reason;
      const env = buildHookEnvironment(reason, h.action.status, previous, [], { now: h.time });
      previous = h.action.status;
      envs.push(env);
      const { exitCode, lines } = await runHook(trap, env);
      assert.equal(exitCode, 0, lines.join("\n"));
      assert.ok(lines.includes("hook wan0 stdout: done"), "the hook ran to its end");
      assert.ok(lines.includes("hook wan0 stdout: domains: ok.example. reboot. "));
      assert.equal(
        await exists(trap.marker),
        false,
        `a trap fired: ${await exists(trap.marker) ? await Deno.readTextFile(trap.marker) : ""}`,
      );

      // What the script received, byte for byte: the environment built, plus PATH.
      const seen = await readSeen(trap.seen);
      for (const [name, value] of Object.entries(env)) {
        assert.equal(hex(seen.get(name) ?? Uint8Array.of()), hex(utf8.encode(value)), name);
      }
      for (const [name, value] of seen) {
        assert.match(name, /^[A-Za-z_][A-Za-z0-9_]*$/);
        for (const b of value) {
          assert.ok(
            SAFE_BYTE.test(String.fromCharCode(b)),
            `${name} holds byte 0x${b.toString(16)}: ${hex(value)}`,
          );
        }
      }
    }

    const [first, second] = envs as [Record<string, string>, Record<string, string>];
    // Valid names pass through in dhcp6c's form; every hostile one is left out.
    assert.equal(first.new_domain_name, "ok.example. reboot. ");
    assert.equal(first.new_domain_name_servers, "2001:db8::53 ");
    assert.equal(first.new_sip_name, "sip.example. ");
    assert.equal(first.new_nis_name, "nis.example. ");
    assert.equal(first.new_nisp_name, "nisp.example. ");
    assert.equal(first.AFTR_NAME, "");
    assert.equal(first.CAPTIVE_PORTAL, "");
    assert.equal(first.NTP_SERVERS, "");
    // ...and shows up in REJECTED as `code:hex` of its bytes as sent.
    const rejected = [
      ...DOMAIN_NAMES.filter((_, i) => i !== 0 && i !== DOMAIN_NAMES.length - 1)
        .map((n) => `24:${hex(wireName(n))}`),
      `64:${hex(wireName(AFTR_LABELS))}`,
      `21:${hex(wireName(SIP_LABELS[1]))}`,
      `29:${hex(wireName(NIS_LABELS[0]))}`,
      `30:${hex(wireName(NISP_NAMES[0]!))}`,
      `56:${hex(wireName(NTP_FQDN_LABELS))}`,
      `103:${hex(PORTAL_BYTES)}`,
    ];
    assert.deepEqual(first.REJECTED!.split(" ").sort(), rejected.sort());
    // Raw options, unknown or without a variable of their own, are hex of their data.
    assert.equal(first.raw_dhcp_option_250, hex(RAW_250));
    assert.equal(first.raw_dhcp_option_17, hex(VENDOR_17));
    assert.equal(first.TRUNCATED, "");
    // The Renew brought the same hostile values: nothing counts as changed.
    assert.equal(second.CHANGED, "");
    assert.equal(second.REJECTED, first.REJECTED);
  } finally {
    await trap.close();
  }
});

Deno.test("a Reply full of hostile names is cut to fit, and the hook still runs", async () => {
  // 16 383 names of one label "`;" fill a DOMAIN_LIST of 65 532 bytes; as
  // REJECTED entries they would pass Linux's 128 KiB limit on one string.
  const one = wireName(["`;"]);
  const list = concatBytes(Array.from({ length: Math.floor(65_532 / one.length) }, () => one));
  const sim = new Simulation({
    config: testConfig(),
    servers: [serverA({ extra: [rawOption(24, list), rawOption(250, RAW_250)] })],
  });
  sim.start();
  sim.runFor(10_000);
  const [hook] = sim.actionsOf("hook");
  assert.ok(hook, "the engine bound and asked for a hook");
  assert.equal(sim.client.status(sim.now).counters.dropped["internal-error"], undefined);

  const env = buildHookEnvironment(hook.action.reason, hook.action.status, undefined, [], {
    now: hook.time,
  });
  assert.equal(env.TRUNCATED, "REJECTED");
  assert.equal(env.new_domain_name, undefined);
  const entries = env.REJECTED!.split(" ");
  assert.ok(entries.length > 1000);
  assert.ok(entries.every((e) => e === `24:${hex(one)}`), "only whole entries are kept");
  assert.equal(env.raw_dhcp_option_250, hex(RAW_250));

  const trap = await makeTrap();
  try {
    const { exitCode, lines } = await runHook(trap, env);
    assert.equal(exitCode, 0, lines.join("\n"));
    assert.ok(lines.includes("hook wan0 stdout: done"));
    assert.equal(await exists(trap.marker), false);
    const seen = await readSeen(trap.seen);
    assert.equal(seen.get("REJECTED")?.length, env.REJECTED!.length);
  } finally {
    await trap.close();
  }
});
