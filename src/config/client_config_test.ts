import assert from "node:assert/strict";
import { toClientConfig } from "./client_config.ts";
import type { InterfaceConfig } from "./types.ts";

Deno.test("toClientConfig: IAs with hints, option codes, raw bytes and switches", () => {
  const iface: InterfaceConfig = {
    name: "wan0",
    iaNa: [{
      iaid: 1,
      addresses: [{ address: "2001:db8::1", preferredLifetime: 10, validLifetime: 20 }],
    }],
    iaPd: [{
      iaid: 2,
      prefixes: [{ prefix: "::", length: 56, preferredLifetime: 0, validLifetime: 0 }],
      delegate: [{ interface: "lan0", slaId: 1 }],
    }],
    request: [23, 24],
    rawOptions: [{ code: 16, data: "00ff" }],
    rapidCommit: true,
    informationOnly: false,
    script: "/h",
    reconfigureAccept: true,
    initialDelay: false,
    releaseOnStop: false,
  };
  const duid = new Uint8Array([0, 4, 1, 2]);
  assert.deepStrictEqual(toClientConfig(iface, duid), {
    interfaceName: "wan0",
    duid,
    iaNa: [{
      iaid: 1,
      hints: [{ address: "2001:db8::1", preferredLifetime: 10, validLifetime: 20 }],
    }],
    iaPd: [{
      iaid: 2,
      hints: [{ prefix: "::", prefixLength: 56, preferredLifetime: 0, validLifetime: 0 }],
    }],
    requestOptions: [23, 24],
    rawOptions: [{ code: 16, data: new Uint8Array([0, 255]) }],
    rapidCommit: true,
    informationOnly: false,
    initialDelay: false,
    releaseOnStop: false,
    reconfigureAccept: true,
  });
});
