import assert from "node:assert/strict";
import type { AddressLease, PrefixLease } from "../dhcp6/client/types.ts";
import {
  LeaseInstaller,
  MIN_DELEGATED_PREFIX_LENGTH,
  remainingLifetime,
} from "./lease_installer.ts";
import type { AddressSpec, InterfaceAddress, LinkInfo, NetConfig } from "./ports.ts";
import { loadConfigText } from "../config/load_text.ts";
import { formatMessage } from "../config/message.ts";

class FakeNet implements NetConfig {
  calls: string[] = [];
  failOn: RegExp | undefined;
  #record(text: string): Promise<void> {
    if (this.failOn?.test(text)) return Promise.reject(new Error(`EPERM: ${text}`));
    this.calls.push(text);
    return Promise.resolve();
  }
  links(): Promise<LinkInfo[]> {
    return Promise.resolve([]);
  }
  addresses(): Promise<InterfaceAddress[]> {
    return Promise.resolve([]);
  }
  setAddress(s: AddressSpec): Promise<void> {
    return this.#record(
      `set ${s.interfaceIndex} ${s.address}/${s.prefixLength} ${s.preferredLifetime}/${s.validLifetime}${
        s.noPrefixRoute ? " noprefixroute" : ""
      }`,
    );
  }
  removeAddress(index: number, address: string, length: number): Promise<void> {
    return this.#record(`del ${index} ${address}/${length}`);
  }
  setUnreachableRoute(prefix: string, length: number, valid: number): Promise<void> {
    return this.#record(`unreachable ${prefix}/${length} ${valid}`);
  }
  removeUnreachableRoute(prefix: string, length: number): Promise<void> {
    return this.#record(`del-unreachable ${prefix}/${length}`);
  }
  unreachableRoutes(): Promise<{ prefix: string; prefixLength: number }[]> {
    return Promise.resolve([]);
  }
}

const links = new Map<string, LinkInfo>([
  ["wan0", {
    index: 2,
    name: "wan0",
    hardwareType: 1,
    mac: new Uint8Array(6).fill(1),
    up: true,
    carrier: true,
  }],
  ["lan0", {
    index: 3,
    name: "lan0",
    hardwareType: 1,
    mac: new Uint8Array([0x00, 0x0c, 0x29, 0xaa, 0xbb, 0xcc]),
    up: true,
    carrier: true,
  }],
  ["lan1", {
    index: 4,
    name: "lan1",
    hardwareType: 1,
    mac: new Uint8Array(6).fill(7),
    up: true,
    carrier: true,
  }],
]);

function setup(log: string[] = []) {
  const net = new FakeNet();
  const installer = new LeaseInstaller(
    net,
    {
      upstream: "wan0",
      delegations: new Map([[2, [
        { interface: "lan0", slaId: 1 },
        { interface: "lan1", slaId: 2, ifid: 1n },
      ]]]),
    },
    (name) => links.get(name),
    () => 0.5,
    { log: (level, message) => log.push(`${level}: ${message}`) },
  );
  return { net, installer, log };
}

const address: AddressLease = {
  iaid: 1,
  address: "2001:db8:1::100",
  preferredLifetime: 90,
  validLifetime: 120,
  receivedAt: 1000,
};
const prefix: PrefixLease = {
  iaid: 2,
  prefix: "2001:db8:100::",
  prefixLength: 56,
  preferredLifetime: 90,
  validLifetime: 120,
  receivedAt: 1000,
};

Deno.test("remainingLifetime subtracts whole elapsed seconds; infinity stays", () => {
  assert.equal(remainingLifetime(120, 1000, 31_999), 90);
  assert.equal(remainingLifetime(10, 0, 60_000), 0);
  assert.equal(remainingLifetime(0xffffffff, 0, 1e9), 0xffffffff);
});

Deno.test("an IA_NA address goes on the upstream as a /128 without prefix route", async () => {
  const { net, installer } = setup();
  assert.equal(await installer.apply({ type: "address-add", lease: address }, 11_000), true);
  await installer.apply({ type: "address-remove", lease: address }, 12_000);
  assert.deepEqual(net.calls, [
    "set 2 2001:db8:1::100/128 80/110 noprefixroute",
    "del 2 2001:db8:1::100/128",
  ]);
});

Deno.test("a delegated prefix gets its unreachable route and a subnet per downstream", async () => {
  const { net, installer } = setup();
  await installer.apply({ type: "prefix-add", lease: prefix }, 1000);
  assert.deepEqual(net.calls, [
    "unreachable 2001:db8:100::/56 120",
    "set 3 2001:db8:100:1:20c:29ff:feaa:bbcc/64 90/120",
    "set 4 2001:db8:100:2::1/64 90/120",
  ]);
  assert.deepEqual(
    installer.downstream().map((d) =>
      `${d.interface} ${d.prefix}/${d.prefixLength} ${d.delegatedPrefix}`
    ),
    [
      "lan0 2001:db8:100:1::/64 2001:db8:100::/56",
      "lan1 2001:db8:100:2::/64 2001:db8:100::/56",
    ],
  );
});

Deno.test("withdrawing a prefix at once removes downstream addresses before the route", async () => {
  const { net, installer } = setup();
  await installer.apply({ type: "prefix-add", lease: prefix }, 1000);
  net.calls = [];
  await installer.apply({ type: "prefix-remove", lease: prefix, deprecate: false }, 61_000);
  assert.deepEqual(net.calls, [
    "del 3 2001:db8:100:1:20c:29ff:feaa:bbcc/64",
    "del 4 2001:db8:100:2::1/64",
    "del-unreachable 2001:db8:100::/56",
  ]);
  assert.deepEqual(installer.downstream(), []);
});

Deno.test("a delegated ::/0 or other too-short prefix is refused: no route, no LAN address", async () => {
  const { net, installer, log } = setup();
  const everything: PrefixLease = { ...prefix, prefix: "::", prefixLength: 0 };
  const huge: PrefixLease = { ...prefix, prefix: "2000::", prefixLength: 3 };
  for (const lease of [everything, huge]) {
    assert.equal(await installer.apply({ type: "prefix-add", lease }, 1000), true);
    assert.equal(await installer.apply({ type: "prefix-update", lease }, 2000), true);
    assert.equal(
      await installer.apply({ type: "prefix-remove", lease, deprecate: false }, 3000),
      true,
    );
  }
  // Nothing reached the kernel: an unreachable ::/0 would replace the default route.
  assert.deepEqual(net.calls, []);
  assert.deepEqual(installer.downstream(), []);
  assert.equal(
    log.filter((l) => l.startsWith("error: wan0: refusing delegated prefix ::/0")).length,
    2,
  );
  assert.ok(log.some((l) => l.includes("refusing delegated prefix 2000::/3: shorter than /16")));

  // The shortest accepted length is installed as usual.
  const shortest: PrefixLease = {
    ...prefix,
    prefix: "2001::",
    prefixLength: MIN_DELEGATED_PREFIX_LENGTH,
  };
  await installer.apply({ type: "prefix-add", lease: shortest }, 1000);
  assert.deepEqual(net.calls.slice(0, 1), ["unreachable 2001::/16 120"]);
});

Deno.test("a stale prefix's LAN addresses stay deprecated for what is left of it (RFC 9096)", async () => {
  const { net, installer, log } = setup();
  await installer.apply({ type: "prefix-add", lease: prefix }, 1000);
  net.calls = [];
  await installer.apply({ type: "prefix-remove", lease: prefix, deprecate: true }, 61_000);
  // 60 s of the 120 s valid lifetime are left: preferred 0, valid 60, no removal.
  assert.deepEqual(net.calls, [
    "set 3 2001:db8:100:1:20c:29ff:feaa:bbcc/64 0/60",
    "set 4 2001:db8:100:2::1/64 0/60",
    "del-unreachable 2001:db8:100::/56",
  ]);
  assert.deepEqual(installer.downstream(), [], "no longer a LAN subnet in force");
  assert.ok(log.some((l) => /2001:db8:100::\/56 is stale.*expire in 60 s/.test(l)), log.join("\n"));
});

Deno.test("a stale prefix is kept deprecated two hours at most, and not at all when expired", async () => {
  const { net, installer } = setup();
  const long = { ...prefix, preferredLifetime: 86400, validLifetime: 172800 };
  await installer.apply({ type: "prefix-add", lease: long }, 1000);
  net.calls = [];
  await installer.apply({ type: "prefix-remove", lease: long, deprecate: true }, 2000);
  assert.deepEqual(net.calls.slice(0, 2), [
    "set 3 2001:db8:100:1:20c:29ff:feaa:bbcc/64 0/7200",
    "set 4 2001:db8:100:2::1/64 0/7200",
  ]);
  await installer.apply({ type: "prefix-add", lease: prefix }, 1000);
  net.calls = [];
  await installer.apply({ type: "prefix-remove", lease: prefix, deprecate: true }, 121_000);
  assert.deepEqual(net.calls, [
    "del 3 2001:db8:100:1:20c:29ff:feaa:bbcc/64",
    "del 4 2001:db8:100:2::1/64",
    "del-unreachable 2001:db8:100::/56",
  ]);
});

Deno.test("a failed kernel operation is logged with its cause and the rest still runs", async () => {
  const { net, installer, log } = setup();
  net.failOn = /^unreachable/;
  await installer.apply({ type: "prefix-add", lease: prefix }, 1000);
  assert.equal(net.calls.length, 2);
  assert.match(log[0]!, /^error: wan0: adding unreachable route 2001:db8:100::\/56 failed: EPERM/);
});

Deno.test("an sla-id that does not fit is logged, other downstreams still get theirs", async () => {
  const { net, installer, log } = setup();
  await installer.apply({ type: "prefix-add", lease: { ...prefix, prefixLength: 63 } }, 1000);
  assert.deepEqual(net.calls, [
    "unreachable 2001:db8:100::/63 120",
    "set 3 2001:db8:100:1:20c:29ff:feaa:bbcc/64 90/120",
  ]);
  assert.match(
    log.join("\n"),
    /lan1: prefix 2001:db8:100::\/63: sla-id 2 does not fit in sla-len 1 bits/,
  );
});

Deno.test("a downstream whose MAC changed gets its identifier re-read and its address re-made", async () => {
  const { net, installer } = setup();
  await installer.apply({ type: "prefix-add", lease: prefix }, 1000);
  const lan0 = links.get("lan0")!;
  links.set("lan0", { ...lan0, mac: new Uint8Array([0x02, 0, 0, 0, 0, 9]) });
  try {
    net.calls = [];
    await installer.refreshDownstream("lan0", 1000);
    assert.deepEqual(net.calls, [
      "unreachable 2001:db8:100::/56 120",
      "del 3 2001:db8:100:1:20c:29ff:feaa:bbcc/64",
      "set 3 2001:db8:100:1:0:ff:fe00:9/64 90/120",
      "set 4 2001:db8:100:2::1/64 90/120",
    ]);
  } finally {
    links.set("lan0", lan0);
  }
});

Deno.test("unrelated actions are left to the caller", async () => {
  const { installer } = setup();
  assert.equal(await installer.apply({ type: "stopped" }, 0), false);
  assert.equal(installer.isDownstream("lan1"), true);
  assert.equal(installer.isDownstream("wan0"), false);
});

Deno.test("ifids from a dhcp6c.conf past 2^53 and up to 2^64-1 land exactly in the LAN addresses", async () => {
  const loaded = loadConfigText(
    `interface wan0 { send ia-pd 2; };
id-assoc pd 2 {
  prefix-interface lan0 { sla-id 1; ifid 144115612209124097; };
  prefix-interface lan1 { sla-id 2; ifid 18446744073709551615; };
};`,
    "/etc/dhcp6c.conf",
    (p) => {
      throw new Deno.errors.NotFound(p);
    },
  );
  assert.ok(loaded.ok, loaded.ok ? "" : loaded.errors.map(formatMessage).join("\n"));
  const pd = loaded.config.interfaces[0]!.iaPd[0]!;
  const net = new FakeNet();
  const installer = new LeaseInstaller(
    net,
    { upstream: "wan0", delegations: new Map([[pd.iaid, pd.delegate]]) },
    (name) => links.get(name),
    () => 0.5,
    { log: () => {} },
  );
  await installer.apply({ type: "prefix-add", lease: prefix }, 1000);
  // 144115612209124097 = 0x0200_0062_c050_1301; as a double it would be ...096 (…:1300).
  assert.deepEqual(net.calls, [
    "unreachable 2001:db8:100::/56 120",
    "set 3 2001:db8:100:1:200:62:c050:1301/64 90/120",
    "set 4 2001:db8:100:2:ffff:ffff:ffff:ffff/64 90/120",
  ]);
});

Deno.test("setDelegations: an equal 64-bit ifid leaves the LAN alone; a changed one re-makes it", async () => {
  const layout = (ifid: bigint) => new Map([[2, [{ interface: "lan1", slaId: 2, ifid }]]]);
  const { net, installer } = setup();
  await installer.setDelegations(layout(18446744073709551615n), 1000);
  await installer.apply({ type: "prefix-add", lease: prefix }, 1000);
  assert.deepEqual(net.calls.slice(1), ["set 4 2001:db8:100:2:ffff:ffff:ffff:ffff/64 90/120"]);

  net.calls = [];
  await installer.setDelegations(layout(BigInt("18446744073709551615")), 1000);
  assert.deepEqual(net.calls, [], "the same value in a new object is no change");

  await installer.setDelegations(layout(18446744073709551614n), 1000);
  assert.deepEqual(net.calls, [
    "del 4 2001:db8:100:2:ffff:ffff:ffff:ffff/64",
    "del-unreachable 2001:db8:100::/56",
    "unreachable 2001:db8:100::/56 120",
    "set 4 2001:db8:100:2:ffff:ffff:ffff:fffe/64 90/120",
  ]);
});

Deno.test("RFC 6603: the excluded prefix is routed nowhere by none of the routes, and given to no LAN", async () => {
  const { net, installer, log } = setup();
  // The server keeps 2001:db8:100:2::/64 (lan1's subnet) for the WAN link.
  const excluded = { ...prefix, excluded: { prefix: "2001:db8:100:2::", prefixLength: 64 } };
  await installer.apply({ type: "prefix-add", lease: excluded }, 1000);
  const routes = net.calls.filter((c) => c.startsWith("unreachable"));
  assert.deepEqual(routes, [
    "unreachable 2001:db8:100:80::/57 120",
    "unreachable 2001:db8:100:40::/58 120",
    "unreachable 2001:db8:100:20::/59 120",
    "unreachable 2001:db8:100:10::/60 120",
    "unreachable 2001:db8:100:8::/61 120",
    "unreachable 2001:db8:100:4::/62 120",
    "unreachable 2001:db8:100::/63 120",
    "unreachable 2001:db8:100:3::/64 120",
  ]);
  assert.ok(
    net.calls.includes("set 3 2001:db8:100:1:20c:29ff:feaa:bbcc/64 90/120"),
    "lan0 as before",
  );
  assert.ok(!net.calls.some((c) => c.startsWith("set 4 ")), "lan1's subnet is the excluded one");
  assert.ok(
    log.some((l) =>
      l.startsWith("error: wan0: delegate lan1 (sla_id 2): subnet 2001:db8:100:2::/64 overlaps")
    ),
    log.join("\n"),
  );
  assert.deepEqual(installer.downstream().map((d) => d.interface), ["lan0"]);

  // The server drops the exclusion at a Renew: one route again, the pieces go.
  net.calls = [];
  await installer.apply({ type: "prefix-update", lease: { ...prefix, receivedAt: 2000 } }, 2000);
  assert.equal(net.calls.filter((c) => c.startsWith("del-unreachable")).length, 8);
  assert.ok(net.calls.includes("unreachable 2001:db8:100::/56 120"));
  assert.ok(net.calls.includes("set 4 2001:db8:100:2::1/64 90/120"), "lan1 gets its subnet now");

  // With the exclusion back, removing the prefix removes exactly the routes in force.
  await installer.apply({ type: "prefix-update", lease: { ...excluded, receivedAt: 3000 } }, 3000);
  net.calls = [];
  await installer.apply({ type: "prefix-remove", lease: prefix, deprecate: false }, 4000);
  assert.deepEqual(
    net.calls.filter((c) => c.includes("unreachable")).sort(),
    routes.map((r) => `del-${r.replace(/ 120$/, "")}`).sort(),
  );
});
