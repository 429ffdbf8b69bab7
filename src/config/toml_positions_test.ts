import assert from "node:assert/strict";
import { parse } from "toml";
import { scanTomlPositions } from "./toml_positions.ts";

const TEXT = `# comment
title = "x # not a comment"
[global]
  log_level = "debug" # trailing
[interface."eth0.100"]
request = [
  "dns-servers",
  23,
]
[[interface."eth0.100".ia_pd]]
iaid = 1
prefixes = [{ prefix = "::/56" }, { prefix = "::/60", valid_lifetime = 5 }]
[[interface."eth0.100".ia_pd.delegate]]
interface = "lan0"
[[interface."eth0.100".ia_pd]]
iaid = 2
[[interface."eth0.100".ia_pd.delegate]]
a.b = """
multi
line """
sla_id = 4
'literal.key' = 'v'
`;

Deno.test("scanTomlPositions: keys, quoted keys, arrays of tables, inline tables, arrays", () => {
  parse(TEXT); // the scanner only sees text smol-toml accepts
  const pos = scanTomlPositions(TEXT);
  const at = (path: string) => {
    const p = pos.get(path);
    return p && [p.line, p.col];
  };
  assert.deepStrictEqual(at("title"), [2, 1]);
  assert.deepStrictEqual(at("global"), [3, 1]);
  assert.deepStrictEqual(at("global.log_level"), [4, 3]);
  assert.deepStrictEqual(at('interface."eth0.100"'), [5, 1]);
  assert.deepStrictEqual(at('interface."eth0.100".request'), [6, 1]);
  assert.deepStrictEqual(at('interface."eth0.100".request[0]'), [7, 3]);
  assert.deepStrictEqual(at('interface."eth0.100".request[1]'), [8, 3]);
  assert.deepStrictEqual(at('interface."eth0.100".ia_pd[0]'), [10, 1]);
  assert.deepStrictEqual(at('interface."eth0.100".ia_pd[0].iaid'), [11, 1]);
  assert.deepStrictEqual(at('interface."eth0.100".ia_pd[0].prefixes[1]'), [12, 35]);
  assert.deepStrictEqual(at('interface."eth0.100".ia_pd[0].prefixes[1].valid_lifetime'), [12, 55]);
  assert.deepStrictEqual(at('interface."eth0.100".ia_pd[0].delegate[0].interface'), [14, 1]);
  assert.deepStrictEqual(at('interface."eth0.100".ia_pd[1].iaid'), [16, 1]);
  assert.deepStrictEqual(at('interface."eth0.100".ia_pd[1].delegate[0]'), [17, 1]);
  assert.deepStrictEqual(at('interface."eth0.100".ia_pd[1].delegate[0].a.b'), [18, 1]);
  assert.deepStrictEqual(at('interface."eth0.100".ia_pd[1].delegate[0].sla_id'), [21, 1]);
  assert.deepStrictEqual(at('interface."eth0.100".ia_pd[1].delegate[0]."literal.key"'), [22, 1]);
});
