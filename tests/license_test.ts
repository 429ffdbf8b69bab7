/**
 * edge6 is BSD-2-Clause licensed, and says so where tools look: LICENSE,
 * deno.json's `license`, an SPDX line in README.md, and the Debian
 * package's copyright file (built from LICENSE by scripts/build_deb.ts).
 */
import assert from "node:assert/strict";

const ROOT = new URL("../", import.meta.url);

Deno.test("license: BSD-2-Clause in LICENSE, deno.json and README's SPDX line", async () => {
  const license = await Deno.readTextFile(new URL("LICENSE", ROOT));
  assert.match(license, /^BSD 2-Clause License\n\nCopyright \(c\) \d{4}, the edge6 authors\n/);
  // The two conditions and the disclaimer, and no third (advertising or endorsement) clause.
  assert.match(license, /1\. Redistributions of source code must retain/);
  assert.match(license, /2\. Redistributions in binary form must reproduce/);
  assert.doesNotMatch(license, /^3\. /m);
  assert.match(
    license,
    /THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS"/,
  );
  const denoJson = JSON.parse(await Deno.readTextFile(new URL("deno.json", ROOT)));
  assert.equal(denoJson.license, "BSD-2-Clause");
  const readme = await Deno.readTextFile(new URL("README.md", ROOT));
  assert.match(readme, /^SPDX-License-Identifier: BSD-2-Clause$/m);
});
