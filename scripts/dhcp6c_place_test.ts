/**
 * install.sh --as-dhcp6c / --restore-dhcp6c: edge6 takes dhcp6c's place with
 * dpkg-divert and gives it back. Run for real against a private dpkg
 * database (DPKG_ADMINDIR) and a dhcp6c in a temporary directory, so the
 * machine's own /usr/sbin/dhcp6c and diversions are not touched.
 */
import assert from "node:assert/strict";
import { haveProgram } from "../src/agent/lab/exec.ts";

const SCRIPT = new URL("./dhcp6c_place.sh", import.meta.url).pathname;

async function place(admin: string, ...args: string[]) {
  const out = await new Deno.Command("sh", {
    args: [SCRIPT, ...args],
    env: { DPKG_ADMINDIR: admin },
  }).output();
  const text = new TextDecoder();
  return { code: out.code, stdout: text.decode(out.stdout), stderr: text.decode(out.stderr) };
}

Deno.test({
  name: "dhcp6c's place: taken with dpkg-divert, and given back, each idempotent",
  ignore: !haveProgram("dpkg-divert"),
  async fn() {
    const dir = await Deno.makeTempDir();
    try {
      const admin = `${dir}/dpkg`;
      await Deno.mkdir(admin);
      await Deno.writeTextFile(`${admin}/diversions`, "");
      const dhcp6c = `${dir}/sbin/dhcp6c`;
      await Deno.mkdir(`${dir}/sbin`);
      await Deno.writeTextFile(dhcp6c, "the package's dhcp6c\n");
      const edge6 = `${dir}/bin/edge6`;

      const take = await place(admin, "take", edge6, dhcp6c);
      assert.equal(take.code, 0, take.stderr);
      assert.equal(
        take.stdout,
        `install.sh: moved the package's dhcp6c aside: ${dhcp6c}.distrib\n` +
          `install.sh: ${dhcp6c} is now edge6 (install.sh --restore-dhcp6c goes back); restart what runs dhcp6c\n`,
      );
      assert.equal(await Deno.readLink(dhcp6c), edge6);
      assert.equal(await Deno.readTextFile(`${dhcp6c}.distrib`), "the package's dhcp6c\n");
      assert.equal(
        await Deno.readTextFile(`${admin}/diversions`),
        `${dhcp6c}\n${dhcp6c}.distrib\n:\n`,
        "a local diversion, so that package upgrades put dhcp6c beside edge6",
      );
      const again = await place(admin, "take", edge6, dhcp6c);
      assert.equal(again.code, 0);
      assert.doesNotMatch(again.stdout, /moved/);
      assert.equal(await Deno.readLink(dhcp6c), edge6);

      const back = await place(admin, "give-back", edge6, dhcp6c);
      assert.equal(back.code, 0, back.stderr);
      assert.equal(
        back.stdout,
        `install.sh: removed the symlink ${dhcp6c} -> ${edge6}\n` +
          `install.sh: gave ${dhcp6c} back to its package; restart what runs dhcp6c\n`,
      );
      assert.equal(await Deno.readTextFile(dhcp6c), "the package's dhcp6c\n");
      await assert.rejects(Deno.stat(`${dhcp6c}.distrib`), Deno.errors.NotFound);
      assert.equal(await Deno.readTextFile(`${admin}/diversions`), "");
      const twice = await place(admin, "give-back", edge6, dhcp6c);
      assert.equal(twice.code, 0);
      assert.equal(twice.stdout, `install.sh: ${dhcp6c} is not diverted: nothing to give back\n`);
      assert.equal(await Deno.readTextFile(dhcp6c), "the package's dhcp6c\n");
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test("dhcp6c's place: a wrong action is a usage error", async () => {
  const r = await place("/nonexistent", "swap", "/x/edge6");
  assert.equal(r.code, 2);
  assert.match(r.stderr, /usage: .* take\|give-back EDGE6 \[DHCP6C\]/);
});
