import assert from "node:assert/strict";
import { INFINITY } from "../constants.ts";
import type { IaPdOption, Option } from "../options/types.ts";
import {
  applyIa,
  effectiveT1T2,
  excludedPrefix,
  expireLeases,
  lifetimeEnd,
  serverTimersTooLate,
} from "./ia.ts";
import { ClientCore, emptyIa } from "./state.ts";
import { testConfig } from "../../../tests/sim/harness.ts";

const config = testConfig({
  duid: Uint8Array.of(0, 3, 0, 1, 1, 2, 3, 4, 5, 6),
  iaPd: [{ iaid: 0, hints: [] }],
  requestOptions: [],
});

const pdExclude = (prefixLength: number, subnetId: number[]): Option => ({
  name: "PD_EXCLUDE",
  code: 67,
  prefixLength,
  subnetId: Uint8Array.from(subnetId),
});

Deno.test("excludedPrefix: RFC 6603 subnet ID bits follow the delegated prefix", () => {
  // 2001:db8:1000::/56 excluding subnet 0x01 of a /64 → 2001:db8:1000:1::/64.
  assert.deepEqual(excludedPrefix("2001:db8:1000::", 56, [pdExclude(64, [0x01])]), {
    prefix: "2001:db8:1000:1::",
    prefixLength: 64,
  });
  // A /48 excluding the 4-bit subnet 0xa0 (1010) of a /52 → 2001:db8:1:a000::/52.
  assert.deepEqual(excludedPrefix("2001:db8:1::", 48, [pdExclude(52, [0xa0])]), {
    prefix: "2001:db8:1:a000::",
    prefixLength: 52,
  });
  assert.equal(excludedPrefix("2001:db8:1::", 48, []), undefined);
});

Deno.test("excludedPrefix: a PD_EXCLUDE that cannot belong to the delegated prefix is an error", () => {
  const error = (r: ReturnType<typeof excludedPrefix>) => r && "error" in r ? r.error : "";
  assert.match(
    error(excludedPrefix("2001:db8:1::", 48, [pdExclude(48, [0])])),
    /not longer than the delegated \/48/,
  );
  assert.match(
    error(excludedPrefix("2001:db8:1::", 48, [pdExclude(64, [0x01])])),
    /the subnet ID must be 2 bytes/,
  );
});

Deno.test("effectiveT1T2: given values kept, 0 or past the valid end chosen from the shortest preferred lifetime", () => {
  const ia = emptyIa("IA_NA", 1);
  ia.addresses.push({
    iaid: 1,
    address: "2001:db8::1",
    preferredLifetime: 1000,
    validLifetime: 2000,
    receivedAt: 0,
  });
  ia.addresses.push({
    iaid: 1,
    address: "2001:db8::2",
    preferredLifetime: 400,
    validLifetime: 2000,
    receivedAt: 0,
  });
  ia.t1 = 3;
  ia.t2 = 5;
  assert.deepEqual(effectiveT1T2(ia), { t1: 3, t2: 5 });
  ia.t1 = 0;
  ia.t2 = 0;
  assert.deepEqual(effectiveT1T2(ia), { t1: 200, t2: 320 });
  ia.t1 = 300;
  assert.deepEqual(effectiveT1T2(ia), { t1: 300, t2: 320 });
  ia.t1 = 0;
  ia.t2 = 160;
  assert.deepEqual(effectiveT1T2(ia), { t1: 100, t2: 160 }, "a chosen T1 stays before T2");
  ia.t1 = 300;
  ia.t2 = 0;
  ia.addresses[1] = { ...ia.addresses[1]!, preferredLifetime: 300 };
  assert.deepEqual(effectiveT1T2(ia), { t1: 300, t2: 480 }, "a chosen T2 stays after T1");
  ia.addresses[1] = { ...ia.addresses[1]!, preferredLifetime: 400 };
  // T1/T2 at or past the shortest valid lifetime (2000 s) would let the leases end unrenewed.
  ia.t1 = INFINITY;
  ia.t2 = INFINITY;
  assert.deepEqual(effectiveT1T2(ia), { t1: 200, t2: 320 }, "infinite T1/T2, finite leases");
  ia.t1 = 1000;
  ia.t2 = 2000;
  assert.deepEqual(effectiveT1T2(ia), { t1: 1000, t2: 1500 }, "T2 at the valid end");
  ia.t1 = 2500;
  ia.t2 = 4000;
  assert.deepEqual(effectiveT1T2(ia), { t1: 200, t2: 320 }, "both past the valid end");
  assert.match(serverTimersTooLate(ia) ?? "", /T1 2500 s and T2 4000 s, at or past the shortest/);
  ia.t1 = 1000;
  ia.t2 = 1600;
  assert.equal(serverTimersTooLate(ia), undefined);
  // A lease received before the IA's timers counts with what was left of it then: at 500 s
  // the first has 500 s preferred left, the second is deprecated with 1500 s valid left.
  ia.boundAt = 500_000;
  ia.t1 = 0;
  ia.t2 = 0;
  assert.deepEqual(effectiveT1T2(ia), { t1: 250, t2: 400 });
  ia.boundAt = 0;
  // Infinite lifetimes: infinite timers are kept.
  for (const a of ia.addresses.keys()) {
    ia.addresses[a] = { ...ia.addresses[a]!, preferredLifetime: INFINITY, validLifetime: INFINITY };
  }
  ia.t1 = INFINITY;
  ia.t2 = INFINITY;
  assert.deepEqual(effectiveT1T2(ia), { t1: Infinity, t2: Infinity });
  assert.equal(lifetimeEnd(5, INFINITY), Infinity);
  assert.equal(lifetimeEnd(5, 2), 2005);
});

Deno.test("applyIa: add, update, remove at valid 0, discard preferred > valid; PD_EXCLUDE kept on the lease", () => {
  const core = new ClientCore(config, () => 0.5);
  const pd = core.ias[1]!;
  /** IA_PD 0 with T1 10 s and T2 20 s, holding `prefixes`. */
  const pdOf = (prefixes: Option[]): IaPdOption => ({
    name: "IA_PD",
    code: 25,
    iaid: 0,
    t1: 10,
    t2: 20,
    options: prefixes,
  });
  const prefix = (p: string, pl: number, vl: number, options: Option[] = []): Option => ({
    name: "IAPREFIX",
    code: 26,
    prefix: p,
    prefixLength: 56,
    preferredLifetime: pl,
    validLifetime: vl,
    options,
  });
  applyIa(
    core,
    pd,
    pdOf([
      prefix("2001:db8:1000::", 30, 60, [pdExclude(64, [0x01])]),
      prefix("2001:db8:2000::", 90, 60),
    ]),
    1000,
  );
  assert.deepEqual(pd.prefixes.map((p) => p.prefix), ["2001:db8:1000::"]);
  assert.deepEqual(pd.prefixes[0]!.excluded, { prefix: "2001:db8:1000:1::", prefixLength: 64 });
  applyIa(core, pd, pdOf([prefix("2001:db8:1000::", 40, 80)]), 2000);
  assert.equal(pd.prefixes[0]!.validLifetime, 80);
  applyIa(core, pd, pdOf([prefix("2001:db8:1000::", 0, 0)]), 3000);
  assert.equal(pd.prefixes.length, 0);
  const types = core.actions.filter((a) => a.type !== "log").map((a) => a.type);
  assert.deepEqual(types, ["prefix-add", "prefix-update", "prefix-remove"]);
});

Deno.test("expireLeases: removes a lease at its valid end, not a millisecond before", () => {
  const core = new ClientCore(config, () => 0.5);
  core.ias[0]!.addresses.push({
    iaid: 1,
    address: "2001:db8::1",
    preferredLifetime: 5,
    validLifetime: 10,
    receivedAt: 0,
  });
  assert.equal(expireLeases(core, 9999), false);
  assert.equal(expireLeases(core, 10_000), true);
  assert.equal(core.addresses.length, 0);
});
