import assert from "node:assert/strict";
import { CONFIG_SEARCH, findConfig, pathExists } from "./config_search.ts";

const only = (...present: string[]) => (path: string) => Promise.resolve(present.includes(path));

Deno.test("config search: edge6's TOML, then dhcp6c's FreeBSD and Debian files", async () => {
  assert.deepEqual(CONFIG_SEARCH, [
    "/etc/edge6/edge6.toml",
    "/usr/local/etc/dhcp6c.conf",
    "/etc/wide-dhcpv6/dhcp6c.conf",
  ]);
  assert.deepEqual(await findConfig(only(...CONFIG_SEARCH)), {
    found: true,
    path: "/etc/edge6/edge6.toml",
    note: "configuration /etc/edge6/edge6.toml (no -c)",
  });
  assert.deepEqual(
    await findConfig(only("/usr/local/etc/dhcp6c.conf", "/etc/wide-dhcpv6/dhcp6c.conf")),
    {
      found: true,
      path: "/usr/local/etc/dhcp6c.conf",
      note: "configuration /usr/local/etc/dhcp6c.conf (no -c; /etc/edge6/edge6.toml not found)",
    },
  );
  assert.deepEqual(await findConfig(only("/etc/wide-dhcpv6/dhcp6c.conf")), {
    found: true,
    path: "/etc/wide-dhcpv6/dhcp6c.conf",
    note:
      "configuration /etc/wide-dhcpv6/dhcp6c.conf (no -c; /etc/edge6/edge6.toml, /usr/local/etc/dhcp6c.conf not found)",
  });
});

Deno.test("config search: none there is one line naming every place tried", async () => {
  assert.deepEqual(await findConfig(only()), {
    found: false,
    message:
      "no configuration: none of /etc/edge6/edge6.toml, /usr/local/etc/dhcp6c.conf, /etc/wide-dhcpv6/dhcp6c.conf exists; give one, TOML or dhcp6c.conf, with -c FILE",
  });
});

Deno.test("config search: on the real file system", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(`${dir}/b.conf`, "");
    const found = await findConfig(pathExists, [
      `${dir}/a.toml`,
      `${dir}/x/y.conf`,
      `${dir}/b.conf`,
    ]);
    assert.equal(found.found && found.path, `${dir}/b.conf`);
    assert.equal(await pathExists(`${dir}/b.conf/under-a-file`), false);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
