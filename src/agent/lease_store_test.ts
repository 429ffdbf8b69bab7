import assert from "node:assert/strict";
import type { SavedLease } from "../dhcp6/client/types.ts";
import {
  ageSavedLease,
  deleteLease,
  LeaseFile,
  leasePath,
  loadLease,
  parseSavedLease,
  saveLease,
} from "./lease_store.ts";

/** A wall-clock time from a set clock (November 2023). */
const T = 1_700_000_000_000;

const lease: Omit<SavedLease, "savedAt"> = {
  version: 1,
  interfaceName: "wan0",
  serverDuid: "000100012a3b4c5d000c29aabbcc",
  serverAddress: "fe80::1",
  addresses: [{ iaid: 1, address: "2001:db8::10", preferredLifetime: 300, validLifetime: 600 }],
  prefixes: [
    {
      iaid: 2,
      prefix: "2001:db8:100::",
      prefixLength: 56,
      preferredLifetime: 100,
      validLifetime: 3600,
    },
    {
      iaid: 3,
      prefix: "2001:db8:200::",
      prefixLength: 60,
      preferredLifetime: 0xffffffff,
      validLifetime: 0xffffffff,
    },
  ],
  options: ["0017001020010db8000000000000000000000001"],
};

Deno.test("save then load round-trips, aged by the wall-clock time elapsed", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await saveLease(dir, lease, T + 1_000_000);
    const loaded = await loadLease(dir, "wan0", T + 1_000_000 + 200_500);
    assert.ok(loaded !== null);
    assert.equal(loaded.savedAt, T + 1_200_500);
    assert.deepEqual(loaded.addresses, [
      { iaid: 1, address: "2001:db8::10", preferredLifetime: 100, validLifetime: 400 },
    ]);
    assert.equal(loaded.prefixes[0]!.preferredLifetime, 0);
    assert.equal(loaded.prefixes[0]!.validLifetime, 3400);
    assert.equal(loaded.prefixes[1]!.validLifetime, 0xffffffff);
    assert.deepEqual(loaded.options, lease.options);
    assert.equal(loaded.serverAddress, "fe80::1");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("loadLease: missing file is null; delete removes it", async () => {
  const dir = await Deno.makeTempDir();
  try {
    assert.equal(await loadLease(dir, "wan0", 0), null);
    await saveLease(dir, lease, 0);
    await deleteLease(dir, "wan0");
    await deleteLease(dir, "wan0");
    assert.equal(await loadLease(dir, "wan0", 0), null);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("ageSavedLease drops expired bindings and returns null when none remain", () => {
  const saved: SavedLease = { ...lease, savedAt: T };
  const aged = ageSavedLease(saved, T + 700_000);
  assert.deepEqual(aged?.addresses, []);
  assert.equal(aged?.prefixes.length, 2);
  const none = ageSavedLease({ ...saved, prefixes: [saved.prefixes[0]!] }, T + 3_600_000);
  assert.equal(none, null);
});

Deno.test("ageSavedLease: an unknowable age leaves the lease as saved, for the engine to hold back", () => {
  // The clock behind the lease's (a router without a real-time clock), or either clock unset.
  for (const [savedAt, now] of [[T + 5_000_000, T + 1_000], [T, 1_000], [1_000, T]]) {
    const saved: SavedLease = { ...lease, savedAt: savedAt! };
    assert.equal(ageSavedLease(saved, now!), saved, `saved at ${savedAt}, now ${now}`);
  }
});

Deno.test("parseSavedLease names the bad field", () => {
  const good = { ...lease, savedAt: 1 };
  assert.throws(() => parseSavedLease({ ...good, version: 2 }, "f"), /f: version: expected 1/);
  assert.throws(
    () =>
      parseSavedLease({ ...good, addresses: [{ ...lease.addresses[0], validLifetime: -1 }] }, "f"),
    /addresses\[0\]\.validLifetime: expected an integer/,
  );
  assert.throws(
    () =>
      parseSavedLease({ ...good, prefixes: [{ ...lease.prefixes[0], prefixLength: 129 }] }, "f"),
    /prefixes\[0\]\.prefixLength: expected 0 to 128/,
  );
  assert.throws(() => parseSavedLease({ ...good, options: ["xyz"] }, "f"), /options\[0\]/);
  assert.throws(() => parseSavedLease([], "f"), /lease: expected an object/);
});

Deno.test("loadLease rejects bad JSON and a lease for another interface", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(`${dir}/wan0.lease.json`, "{");
    await assert.rejects(loadLease(dir, "wan0", 0), /wan0\.lease\.json: not JSON/);
    await saveLease(dir, lease, 0);
    await Deno.rename(`${dir}/wan0.lease.json`, `${dir}/wan1.lease.json`);
    await assert.rejects(loadLease(dir, "wan1", 0), /interfaceName is "wan0", expected "wan1"/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("leasePath refuses names that would escape the directory", () => {
  assert.equal(leasePath("/var/lib/edge6", "eth0.100"), "/var/lib/edge6/eth0.100.lease.json");
  assert.throws(() => leasePath("/d", "../etc"), /cannot name a lease file/);
  assert.throws(() => leasePath("/d", "a/b"), /cannot name a lease file/);
});

Deno.test("LeaseFile on a full disk: the old file stays whole, one error, saved at the next change", async () => {
  const dir = await Deno.makeTempDir();
  const log: string[] = [];
  try {
    const file = new LeaseFile("wan0", {
      log: (level, message) => log.push(`${level} ${message}`),
    });
    assert.equal(await file.persist(dir, lease, 1_000_000), true);
    const before = await Deno.readTextFile(leasePath(dir, "wan0"));
    // Writes of the temporary file fail with ENOSPC, as on a full state directory.
    const temp = `${leasePath(dir, "wan0")}.tmp-${Deno.pid}`;
    await Deno.symlink("/dev/full", temp);
    for (let i = 0; i < 3; i++) {
      assert.equal(await file.persist(dir, lease, 2_000_000 + i), false);
      // The failed write removed its temporary file: put the full disk back.
      await Deno.symlink("/dev/full", temp);
    }
    assert.equal(file.failures, 3);
    assert.equal(await Deno.readTextFile(leasePath(dir, "wan0")), before);
    assert.deepEqual(log.map((l) => l.split(" ")[0]), ["error", "debug", "debug"]);
    assert.match(log[0]!, /^error wan0: saving the lease in .* failed: No space left on device/);

    await Deno.remove(temp);
    assert.equal(await file.persist(dir, lease, 3_000_000), true);
    assert.equal(
      (JSON.parse(await Deno.readTextFile(leasePath(dir, "wan0"))) as SavedLease).savedAt,
      3_000_000,
    );
    assert.match(log.at(-1)!, /^notice wan0: saving the lease in .* works again, after 3 failed/);
    assert.deepEqual([...Deno.readDirSync(dir)].map((e) => e.name), ["wan0.lease.json"]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a prefix's RFC 6603 exclusion survives save and load; a bad one is named", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const excluded = { prefix: "2001:db8:100:ff::", prefixLength: 64 };
    const withExclusion = { ...lease, prefixes: [{ ...lease.prefixes[0]!, excluded }] };
    await saveLease(dir, withExclusion, 1_000_000);
    const loaded = await loadLease(dir, "wan0", 1_000_000);
    assert.deepEqual(loaded?.prefixes[0]?.excluded, excluded);
    assert.throws(
      () =>
        parseSavedLease({
          ...withExclusion,
          savedAt: 1,
          prefixes: [{ ...withExclusion.prefixes[0], excluded: { prefix: 7, prefixLength: 64 } }],
        }, "f"),
      /prefixes\[0\]\.excluded\.prefix: expected a string/,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
