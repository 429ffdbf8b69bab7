/**
 * The shipped systemd unit (config/edge6.service) stays hardened: systemd's
 * own offline analysis (`systemd-analyze security --offline=yes`) rates it
 * at most 3.5, every exposure it still reports is explained by a comment in
 * the unit, `systemd-analyze verify` finds nothing to complain about, and
 * the settings edge6 relies on (foreground `run -f`, Type=simple, the three
 * capabilities, the address families, a read-only file system) are there.
 *
 * Without systemd-analyze (Debian package `systemd`, which install.sh
 * installs) the analysis is skipped with a banner, unless EDGE6_REQUIRE_E2E=1.
 */
import assert from "node:assert/strict";
import { haveProgram } from "../src/agent/lab/exec.ts";

const UNIT = new URL("../config/edge6.service", import.meta.url).pathname;
/** The exposure goal of issue 12: "OK" or better in systemd's scale. */
const GOAL = 3.5;

const present = haveProgram("systemd-analyze");
const required = Deno.env.get("EDGE6_REQUIRE_E2E") === "1";
if (!present && !required) {
  console.error(
    "\n!!! SKIPPED systemd unit analysis: systemd-analyze is not installed (Debian: systemd) !!!\n",
  );
}

/** The unit's `Key=value` lines (comments and sections left out), in order. */
function settings(text: string): [string, string][] {
  return text.split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "" && !l.startsWith("#") && !l.startsWith("["))
    .map((l) => {
      const eq = l.indexOf("=");
      return [l.slice(0, eq), l.slice(eq + 1)] as [string, string];
    });
}

/** One row of `systemd-analyze security`'s table that is marked ✗. */
interface Exposure {
  readonly setting: string;
  readonly score: number;
}

async function analyze(): Promise<{ overall: number; exposures: Exposure[]; text: string }> {
  const out = await new Deno.Command("systemd-analyze", {
    args: ["security", "--offline=yes", "--no-pager", UNIT],
    stdout: "piped",
    stderr: "piped",
    env: { SYSTEMD_COLORS: "0" },
  }).output();
  const text = new TextDecoder().decode(out.stdout);
  const overall = /Overall exposure level for [^:]+: (\d+\.\d)/.exec(text);
  assert.ok(overall, `no overall exposure in:\n${text}\n${new TextDecoder().decode(out.stderr)}`);
  const exposures = text.split("\n").filter((l) => l.startsWith("✗")).map((l) => {
    const [, setting, score] = /^✗ (\S+)\s.*?\s(\d+\.\d)\s*$/.exec(l) ?? [];
    assert.ok(setting && score, `cannot read the row "${l}"`);
    return { setting, score: Number(score) };
  });
  return { overall: Number(overall[1]), exposures, text };
}

Deno.test({
  name: `systemd unit: offline exposure at most ${GOAL}, each remaining exposure explained`,
  ignore: !present && !required,
  async fn() {
    if (!present) throw new Error("EDGE6_REQUIRE_E2E=1 but systemd-analyze is not installed");
    const { overall, exposures, text } = await analyze();
    console.log(`systemd-analyze security --offline=yes config/edge6.service: ${overall}`);
    assert.ok(overall <= GOAL, `exposure ${overall} is above ${GOAL}:\n${text}`);
    const comments = (await Deno.readTextFile(UNIT)).split("\n").filter((l) => l.startsWith("#"))
      .join("\n");
    for (const { setting } of exposures) {
      // "User=/DynamicUser=" → User, "CapabilityBoundingSet=~CAP_NET_ADMIN" → that whole name.
      const names = setting.split("/").map((s) => s.replace(/=$/, ""));
      const explained = names.some((n) => comments.includes(n));
      assert.ok(explained, `the unit has no comment on the exposure ${setting}`);
    }
  },
});

Deno.test({
  name: "systemd unit: systemd-analyze verify finds nothing to report",
  ignore: !present && !required,
  async fn() {
    if (!present) throw new Error("EDGE6_REQUIRE_E2E=1 but systemd-analyze is not installed");
    const out = await new Deno.Command("systemd-analyze", {
      args: ["verify", "--man=no", UNIT],
      stdout: "piped",
      stderr: "piped",
    }).output();
    const said = new TextDecoder().decode(out.stderr) + new TextDecoder().decode(out.stdout);
    // verify tolerates unknown keys and syscall groups with a warning only.
    assert.equal(said.trim(), "", said);
    assert.equal(out.code, 0);
  },
});

Deno.test("systemd unit: foreground agent, three capabilities, IPv6/netlink/unix, read-only", async () => {
  const all = settings(await Deno.readTextFile(UNIT));
  const one = (key: string) => {
    const values = all.filter(([k]) => k === key).map(([, v]) => v);
    assert.equal(values.length, 1, `${key} should be set once, found ${values.length}`);
    return values[0]!;
  };
  assert.equal(one("Type"), "simple");
  assert.match(
    one("ExecStart"),
    /^\/\S+\/edge6 run -f -c \/etc\/edge6\/edge6\.toml -p \/run\/edge6\/edge6\.pid$/,
  );
  assert.deepEqual(
    one("CapabilityBoundingSet").split(/\s+/).sort(),
    ["CAP_NET_ADMIN", "CAP_NET_BIND_SERVICE", "CAP_NET_RAW"],
  );
  assert.deepEqual(
    one("RestrictAddressFamilies").split(/\s+/).sort(),
    ["AF_INET6", "AF_NETLINK", "AF_UNIX"],
  );
  assert.equal(one("ProtectSystem"), "strict");
  assert.equal(one("StateDirectory"), "edge6");
  assert.equal(one("RuntimeDirectory"), "edge6");
  assert.equal(one("NoNewPrivileges"), "yes");
  // Writable places are only the state and runtime directories.
  for (const key of ["ReadWritePaths", "ReadWriteDirectories", "BindPaths"]) {
    assert.ok(!all.some(([k]) => k === key), `${key} widens the file system`);
  }
});
