import assert from "node:assert/strict";
import { Simulation, testConfig } from "./harness.ts";
import { serverA } from "./fixtures.ts";

Deno.test("smoke: four-message exchange binds an address and a prefix", () => {
  const sim = new Simulation({ config: testConfig(), servers: [serverA()] }).start();
  sim.runFor(5000);
  assert.deepEqual(sim.sent.map((s) => s.message.type), [1, 3]);
  assert.equal(sim.client.status(sim.now).state, "bound");
});
