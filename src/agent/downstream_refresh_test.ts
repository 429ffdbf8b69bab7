import assert from "node:assert/strict";
import { downstreamNeedsRefresh } from "./downstream_refresh.ts";
import type { LinkInfo } from "./ports.ts";

const lan0: LinkInfo = {
  index: 4,
  name: "lan0",
  hardwareType: 1,
  mac: new Uint8Array([2, 0, 0, 0, 0, 1]),
  up: true,
  carrier: true,
};

Deno.test("a downstream is refreshed when it appears, comes back up, is re-created or changes MAC", () => {
  assert.equal(downstreamNeedsRefresh(undefined, lan0), true, "first seen");
  assert.equal(downstreamNeedsRefresh({ ...lan0, up: false }, lan0), true, "admin up again");
  assert.equal(downstreamNeedsRefresh({ ...lan0, carrier: false }, lan0), true, "carrier back");
  assert.equal(downstreamNeedsRefresh({ ...lan0, index: 9 }, lan0), true, "re-created");
  assert.equal(
    downstreamNeedsRefresh({ ...lan0, mac: new Uint8Array([2, 0, 0, 0, 0, 2]) }, lan0),
    true,
    "new MAC",
  );
});

Deno.test("a downstream that stays up, or goes down, is left alone", () => {
  assert.equal(downstreamNeedsRefresh(lan0, { ...lan0 }), false, "same state reported again");
  assert.equal(downstreamNeedsRefresh(lan0, { ...lan0, carrier: false }), false, "going down");
  assert.equal(
    downstreamNeedsRefresh({ ...lan0, up: false }, { ...lan0, carrier: false }),
    false,
    "still without carrier",
  );
});
