import assert from "node:assert/strict";
import { cryptoRandom } from "./crypto_random.ts";
import { Dhcp6Client } from "../dhcp6/client/mod.ts";
import { testConfig } from "../../tests/sim/harness.ts";

Deno.test("cryptoRandom: uniform numbers in [0, 1) using all 53 bits", () => {
  const n = 20_000;
  const draws = Array.from({ length: n }, () => cryptoRandom());
  assert.ok(draws.every((x) => x >= 0 && x < 1));
  assert.ok(new Set(draws).size > n - 2, "no repeats to speak of");
  const mean = draws.reduce((a, b) => a + b, 0) / n;
  // The mean of n uniform draws has a standard deviation of 0.289/√n ≈ 0.002.
  assert.ok(Math.abs(mean - 0.5) < 0.02, `mean ${mean}`);
  const deciles = new Array(10).fill(0);
  for (const x of draws) deciles[Math.floor(x * 10)]++;
  assert.ok(deciles.every((c) => c > n / 10 * 0.85 && c < n / 10 * 1.15), `${deciles}`);
  // Bits below 2^-32 are used too: a 32-bit source would leave them all zero.
  assert.ok(draws.some((x) => (x * 2 ** 32) % 1 !== 0));
});

Deno.test("cryptoRandom: does not depend on Math.random", () => {
  const original = Math.random;
  Math.random = () => 0.25;
  try {
    const draws = new Set(Array.from({ length: 100 }, () => cryptoRandom()));
    assert.ok(draws.size > 95);
    assert.ok(!draws.has(0.25));
  } finally {
    Math.random = original;
  }
});

Deno.test("cryptoRandom: transaction ids of clients driven by it do not repeat", () => {
  const xids = new Set<number>();
  for (let i = 0; i < 200; i++) {
    const c = new Dhcp6Client(testConfig(), cryptoRandom);
    c.start(0);
    for (let a = c.pollAction(); a; a = c.pollAction());
    const solicit = c.pollTransmit()!.bytes;
    xids.add((solicit[1]! << 16) | (solicit[2]! << 8) | solicit[3]!);
  }
  // 200 draws of 24 bits: a repeat has a chance of about 0.1 %; two would be suspect.
  assert.ok(xids.size >= 198, `${xids.size} distinct ids`);
});

Deno.test("no production code draws randomness from Math.random (RFC 9915 §16.1)", async () => {
  const root = new URL("../../", import.meta.url);
  const offenders: string[] = [];
  async function scan(dir: URL): Promise<void> {
    for await (const entry of Deno.readDir(dir)) {
      const url = new URL(entry.name + (entry.isDirectory ? "/" : ""), dir);
      if (entry.isDirectory) await scan(url);
      else if (/\.ts$/.test(entry.name) && !/_(test|bench)\.ts$/.test(entry.name)) {
        const text = await Deno.readTextFile(url);
        if (text.includes("Math.random")) offenders.push(url.pathname);
      }
    }
  }
  for (const dir of ["src/", "ffi/"]) await scan(new URL(dir, root));
  assert.deepEqual(offenders, [], "transaction ids and `ifid random` need cryptoRandom");
});
