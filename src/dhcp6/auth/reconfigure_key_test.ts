import assert from "node:assert/strict";
import { hmacMd5 } from "./hmac_md5.ts";
import { reconfigureKeyOf, ReplayDetector, verifyReconfigureHmac } from "./reconfigure_key.ts";

const KEY = Uint8Array.from({ length: 16 }, (_, i) => 0xa0 + i);

/** A Reconfigure (type 10) with a Reconfigure Message option and an RKAP option. */
function reconfigure(key: Uint8Array, tamper = false): Uint8Array {
  const bytes = Uint8Array.from([
    10,
    0,
    0,
    0, // msg-type RECONFIGURE, transaction-id 0
    0,
    19,
    0,
    1,
    5, // OPTION_RECONF_MSG: Renew
    0,
    11,
    0,
    28, // OPTION_AUTH, 28 bytes
    3,
    1,
    0, // protocol RKAP, algorithm HMAC-MD5, RDM 0
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    7, // replay detection 7
    2, // RKAP type: HMAC-MD5
    ...new Array(16).fill(0), // HMAC, zero while computing
  ]);
  bytes.set(hmacMd5(key, bytes), bytes.length - 16);
  if (tamper) bytes[8] = 6;
  return bytes;
}

Deno.test("verifyReconfigureHmac: accepts a correctly signed Reconfigure", () => {
  assert.equal(verifyReconfigureHmac(reconfigure(KEY), KEY), null);
});

Deno.test("verifyReconfigureHmac: rejects a wrong key, a changed body, no option, truncation", () => {
  const other = KEY.map((b) => b ^ 1);
  assert.equal(verifyReconfigureHmac(reconfigure(KEY), other), "HMAC-MD5 does not match");
  assert.equal(verifyReconfigureHmac(reconfigure(KEY, true), KEY), "HMAC-MD5 does not match");
  assert.equal(
    verifyReconfigureHmac(Uint8Array.of(10, 0, 0, 0, 0, 19, 0, 1, 5), KEY),
    "no Authentication option",
  );
  assert.match(verifyReconfigureHmac(reconfigure(KEY).slice(0, 30), KEY)!, /overruns/);
  const twice = reconfigure(KEY);
  const doubled = new Uint8Array(twice.length + 32);
  doubled.set(twice);
  doubled.set(twice.slice(9), twice.length);
  assert.match(verifyReconfigureHmac(doubled, KEY)!, /more than one/);
});

Deno.test("reconfigureKeyOf: takes type 1 keys, names what is wrong otherwise", () => {
  const base = {
    name: "AUTH",
    code: 11,
    protocol: 3,
    algorithm: 1,
    rdm: 0,
    replayDetection: 1n,
  } as const;
  const key = reconfigureKeyOf({ ...base, authInfo: Uint8Array.of(1, ...KEY) });
  assert.deepEqual(key, KEY);
  assert.match(
    reconfigureKeyOf({ ...base, protocol: 2, authInfo: Uint8Array.of(1, ...KEY) }) as string,
    /protocol 2/,
  );
  assert.match(
    reconfigureKeyOf({ ...base, authInfo: Uint8Array.of(2, ...KEY) }) as string,
    /type 2/,
  );
  assert.match(reconfigureKeyOf({ ...base, authInfo: Uint8Array.of(1, 2) }) as string, /2 bytes/);
});

Deno.test("ReplayDetector: first value recorded, then strictly increasing per server", () => {
  const r = new ReplayDetector();
  assert.equal(r.accept("s1", 5n), true);
  assert.equal(r.accept("s1", 5n), false);
  assert.equal(r.accept("s1", 4n), false);
  assert.equal(r.accept("s1", 6n), true);
  assert.equal(r.accept("s2", 1n), true);
  r.record("s2", 10n);
  assert.equal(r.accept("s2", 9n), false);
});
