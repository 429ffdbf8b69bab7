import assert from "node:assert/strict";
import { ageStatusDocument } from "./status_age.ts";
import { buildStatusDocument } from "./status_json.ts";
import { testStatus } from "./test_status.ts";

const written = Date.UTC(2026, 10, 27, 10, 0, 0);
const doc = buildStatusDocument({
  clients: [testStatus({
    addresses: [{
      iaid: 1,
      address: "2001:db8::100",
      preferredLifetime: 100,
      validLifetime: 7200,
      receivedAt: 0,
    }],
    prefixes: [{
      iaid: 2,
      prefix: "2001:db8:1::",
      prefixLength: 56,
      preferredLifetime: 0xffffffff,
      validLifetime: 0xffffffff,
      receivedAt: 0,
    }],
    ias: [{ type: "IA_NA", iaid: 1, t1: 50, t2: 80, t1At: 50_000, t2At: 80_000 }],
    nextTimeout: 50_000,
  })],
  now: 0,
  wallClock: written,
});

Deno.test("status.json read later: every time left counts down; infinite stays infinite", () => {
  const aged = ageStatusDocument(doc, written + 60_500);
  const i = aged.interfaces[0]!;
  assert.equal(aged.generated_at, new Date(written + 60_500).toISOString());
  assert.deepEqual(
    [i.addresses[0]!.preferred_left, i.addresses[0]!.valid_left],
    [40, 7140],
  );
  assert.deepEqual([i.prefixes[0]!.preferred_left, i.prefixes[0]!.valid_left], [null, null]);
  assert.deepEqual([i.ias[0]!.t1_left, i.ias[0]!.t2_left], [0, 20], "T1 passed: 0, not negative");
  assert.equal(i.next_timer_in, 0);
  // The original is untouched; undated or future documents are left as they are.
  assert.equal(doc.interfaces[0]!.addresses[0]!.preferred_left, 100);
  assert.equal(
    ageStatusDocument({ ...doc, generated_at: null }, written + 1e6).interfaces,
    doc.interfaces,
  );
  assert.equal(ageStatusDocument(doc, written - 1000), doc);
});
