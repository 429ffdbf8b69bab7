import assert from "node:assert/strict";
import { oro, statusOf } from "./messages.ts";
import { ClientCore } from "./state.ts";
import type { ClientConfig } from "./types.ts";

const config = (requestOptions: number[]): ClientConfig => ({
  interfaceName: "wan0",
  duid: Uint8Array.of(0, 3, 0, 1, 1, 2, 3, 4, 5, 6),
  iaNa: [],
  iaPd: [],
  requestOptions,
  rawOptions: [],
  rapidCommit: false,
  informationOnly: true,
  initialDelay: false,
  releaseOnStop: true,
  reconfigureAccept: false,
});

Deno.test("oro: SOL_MAX_RT outside Information-request; INF_MAX_RT and refresh time only inside (§21.23)", () => {
  const core = new ClientCore(config([23, 32, 82, 23]), () => 0.5);
  const codes = (o: ReturnType<typeof oro>) => (o.name === "ORO" ? o.codes : []);
  assert.deepEqual(codes(oro(core, false)), [23, 82]);
  assert.deepEqual(codes(oro(core, true)), [23, 32, 82, 83]);
});

Deno.test("statusOf: absent means Success; names the code and keeps the text", () => {
  assert.deepEqual(statusOf([]), { code: 0, name: "Success", text: "" });
  assert.deepEqual(statusOf([{ name: "STATUS_CODE", code: 13, status: 6, message: "none" }]), {
    code: 6,
    name: "NoPrefixAvail",
    text: "none",
  });
  assert.equal(
    statusOf([{ name: "STATUS_CODE", code: 13, status: 99, message: "" }]).name,
    "status 99",
  );
});
