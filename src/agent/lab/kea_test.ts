import assert from "node:assert/strict";
import { keaConfig, parseKeaLeases } from "./kea.ts";

Deno.test("parseKeaLeases reads memfile rows by header, the last row per lease winning", () => {
  const csv = [
    "address,duid,valid_lifetime,expire,subnet_id,pref_lifetime,lease_type,iaid,prefix_len," +
    "fqdn_fwd,fqdn_rev,hostname,hwaddr,state,user_context,hwtype,hwaddr_source",
    "2001:db8:1::100,00:01:00:01:2a:3b:4c:5d:02:00:00:00:00:01,120,1790000120,1,100,0,1,128,0,0,,,0,,,",
    "2001:db8:100::,00:01:00:01:2a:3b:4c:5d:02:00:00:00:00:01,120,1790000120,1,100,2,2,56,0,0,,,0,,,",
    "2001:db8:1::100,00:01:00:01:2a:3b:4c:5d:02:00:00:00:00:01,0,1790000060,1,0,0,1,128,0,0,,,0,,,",
    "",
  ].join("\n");
  const leases = parseKeaLeases(csv);
  assert.equal(leases.length, 2);
  const na = leases.find((l) => l.type === "IA_NA");
  assert.equal(na?.validLifetime, 0);
  assert.equal(na?.duid, "000100012a3b4c5d020000000001");
  const pd = leases.find((l) => l.type === "IA_PD");
  assert.deepEqual([pd?.address, pd?.prefixLength, pd?.iaid, pd?.state], [
    "2001:db8:100::",
    56,
    2,
    0,
  ]);
});

Deno.test("parseKeaLeases names a missing column", () => {
  assert.throws(() => parseKeaLeases("address,duid\n"), /no "valid_lifetime" column/);
});

Deno.test("keaConfig carries the timers and rapid commit asked for", () => {
  const config = keaConfig({
    interfaceName: "srv0",
    validLifetime: 40,
    renewTimer: 10,
    rapidCommit: true,
  }, "/d") as {
    Dhcp6: Record<string, unknown> & { subnet6: Record<string, unknown>[] };
  };
  assert.equal(config.Dhcp6["valid-lifetime"], 40);
  assert.equal(config.Dhcp6["renew-timer"], 10);
  assert.equal(config.Dhcp6["rebind-timer"], 32);
  assert.equal(config.Dhcp6.subnet6[0]?.["rapid-commit"], true);
});

Deno.test("keaConfig gives each further link a subnet and prefix pool of its own", () => {
  const config = keaConfig({
    interfaceName: "srv0",
    moreInterfaces: ["srv1", "srv16"],
    rapidCommit: true,
  }, "/d") as {
    Dhcp6: {
      "interfaces-config": { interfaces: string[] };
      subnet6: { id: number; subnet: string; interface: string; "rapid-commit": boolean }[];
    };
  };
  assert.deepEqual(config.Dhcp6["interfaces-config"].interfaces, ["srv0", "srv1", "srv16"]);
  assert.deepEqual(
    config.Dhcp6.subnet6.map((s) => [s.id, s.subnet, s.interface, s["rapid-commit"]]),
    [
      [1, "2001:db8:1::/64", "srv0", true],
      [2, "2001:db8:1:1::/64", "srv1", true],
      [3, "2001:db8:1:2::/64", "srv16", true],
    ],
  );
});
