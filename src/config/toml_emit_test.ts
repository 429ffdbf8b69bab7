import assert from "node:assert/strict";
import { parse } from "toml";
import { emitToml } from "./toml_emit.ts";
import { loadConfigText } from "./load_text.ts";

Deno.test("emitToml: quotes keys that need it; notes go above the closest key, or on top", () => {
  const r = loadConfigText(
    '[interface."eth0.100"]\nia_pd = [{ iaid = 1, delegate = [{ interface = "lan0", ifid = 5 }] }]\n',
    "t.toml",
    () => "",
  );
  assert.ok(r.ok);
  const text = emitToml(r.config, [
    { file: "/x/a.conf", line: 3, col: 1, path: "", message: "top note" },
    {
      file: "/x/a.conf",
      line: 9,
      col: 2,
      path: 'interface."eth0.100".ia_pd[0].delegate[0].ifid',
      message: "on ifid",
    },
    {
      file: "/x/a.conf",
      line: 4,
      col: 2,
      path: 'interface."eth0.100".nothing',
      message: "on table",
    },
  ], "/x/a.conf");
  const lines = text.split("\n");
  assert.equal(lines[0], "# edge6 configuration converted from a.conf.");
  assert.ok(lines.includes("# a.conf:3: top note"));
  const ifid = lines.indexOf("ifid = 5");
  assert.equal(lines[ifid - 1], "# a.conf:9: on ifid");
  const header = lines.indexOf('[interface."eth0.100"]');
  assert.equal(lines[header - 1], "# a.conf:4: on table");
  assert.ok(lines.includes('[[interface."eth0.100".ia_pd.delegate]]'));
  // The output is TOML.
  const doc = parse(text) as { interface: Record<string, unknown> };
  assert.deepStrictEqual(Object.keys(doc.interface), ["eth0.100"]);
});
