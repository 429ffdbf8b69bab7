import assert from "node:assert/strict";
import { closest, editDistance } from "./suggest.ts";

Deno.test("closest: typos and dash/underscore swaps; nothing when far", () => {
  assert.equal(editDistance("kitten", "sitting"), 3);
  assert.equal(closest("sla_idd", ["sla_id", "sla_len"]), "sla_id");
  assert.equal(closest("release-on-stop", ["release_on_stop", "script"]), "release_on_stop");
  assert.equal(closest("zzzz", ["sla_id", "script"]), undefined);
});
