import assert from "node:assert/strict";
import { checkPurity, findViolations } from "./check_purity.ts";

Deno.test("findViolations: each forbidden token is reported with its line", () => {
  const text = [
    "const a = 1;",
    "Deno.readFile('x');",
    "setTimeout(f, 1); setInterval(f, 1);",
    "Date.now(); new Date(0);",
    "Math.random(); performance.now();",
  ].join("\n");
  const v = findViolations("src/dhcp6/x.ts", text);
  assert.deepEqual(v.map((x) => [x.line, x.token]), [
    [2, "Deno."],
    [3, "setTimeout"],
    [3, "setInterval"],
    [4, "Date.now"],
    [4, "new Date("],
    [5, "Math.random"],
    [5, "performance.now"],
  ]);
});

Deno.test("findViolations: test and bench files are exempt, clean code passes", () => {
  assert.equal(findViolations("src/dhcp6/x_test.ts", "Deno.test('a', () => {});").length, 0);
  assert.equal(findViolations("src/dhcp6/x_bench.ts", "Deno.bench('a', () => {});").length, 0);
  assert.equal(findViolations("src/dhcp6/x.ts", "export const now = (t: number) => t;").length, 0);
});

Deno.test("checkPurity: scans a directory tree", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.mkdir(`${dir}/sub`);
    await Deno.writeTextFile(`${dir}/ok.ts`, "export const x = 1;\n");
    await Deno.writeTextFile(`${dir}/sub/bad.ts`, "export const t = Date.now();\n");
    const v = await checkPurity(dir);
    assert.equal(v.length, 1);
    assert.equal(v[0]!.file, `${dir}/sub/bad.ts`);
    assert.equal(v[0]!.token, "Date.now");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
