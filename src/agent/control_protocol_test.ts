import assert from "node:assert/strict";
import { encodeLine, parseRequest, parseResponse } from "./control_protocol.ts";

Deno.test("requests round-trip through one JSON line", () => {
  const line = new TextDecoder().decode(encodeLine({ command: "renew", interface: "wan0" }));
  assert.ok(line.endsWith("\n"));
  assert.deepEqual(parseRequest(line), { command: "renew", interface: "wan0" });
  assert.deepEqual(parseRequest('{"command":"status"}'), { command: "status" });
});

Deno.test("bad requests are rejected with what is wrong", () => {
  assert.throws(() => parseRequest("nope"), /not JSON/);
  assert.throws(() => parseRequest("[]"), /expected a JSON object/);
  assert.throws(() => parseRequest('{"command":"reboot"}'), /command must be one of status, renew/);
  assert.throws(() => parseRequest('{"command":"renew","interface":"../x"}'), /interface must be/);
  assert.throws(() => parseRequest('{"command":"renew","force":true}'), /unknown field "force"/);
});

Deno.test("responses parse both outcomes", () => {
  assert.deepEqual(parseResponse('{"ok":false,"error":"no such interface"}'), {
    ok: false,
    error: "no such interface",
  });
  assert.deepEqual(parseResponse('{"ok":true,"status":{"a":1}}'), { ok: true, status: { a: 1 } });
  assert.throws(() => parseResponse('{"fine":1}'), /expected an object with "ok"/);
});
