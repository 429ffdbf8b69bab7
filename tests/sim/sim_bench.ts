/** How fast the engine runs simulated lease time (virtual clock, no IO). */
import { Simulation, testConfig } from "./harness.ts";
import { serverA } from "./fixtures.ts";

Deno.bench("engine: one day of leases (T1 30 min) with 10 % loss", () => {
  const sim = new Simulation({ config: testConfig(), servers: [serverA()], seed: 7, loss: 0.1 })
    .start();
  sim.runFor(86400_000);
});

Deno.bench("engine: six hours of unanswered Solicits", () => {
  new Simulation({ config: testConfig(), seed: 7 }).start().runFor(6 * 3600_000);
});
