/**
 * Servers and messages used across the scenarios.
 * @module
 */
import { encodeMessage } from "../../src/dhcp6/codec.ts";
import { hmacMd5 } from "../../src/dhcp6/auth/hmac_md5.ts";
import type { Option } from "../../src/dhcp6/options/types.ts";
import { testConfig } from "./harness.ts";
import { type Pool, ScriptedServer, type ServerOptions } from "./server.ts";

/** Server A's DUID (a DUID-EN, RFC 9915 §11.3), sent in its Server Identifier. */
export const DUID_A: Uint8Array = Uint8Array.of(0, 2, 0, 0, 0, 9, 0xaa);
/** Server B's DUID (a DUID-EN, RFC 9915 §11.3), distinct from `DUID_A`. */
export const DUID_B: Uint8Array = Uint8Array.of(0, 2, 0, 0, 0, 9, 0xbb);

/**
 * A pool handing out `addresses` (IA_NA IAID → address) and `prefixes`
 * (IA_PD IAID → [prefix, length]) with the scenarios' usual timing:
 * preferred one hour, valid two hours, T1 30 min, T2 48 min.
 */
export function standardPool(
  addresses: Pool["addresses"],
  prefixes: Pool["prefixes"],
): Pool {
  return { addresses, prefixes, preferred: 3600, valid: 7200, t1: 1800, t2: 2880 };
}

/** Server A (`DUID_A`, fe80::a): IA_NA 1 gets 2001:db8::100, IA_PD 0 gets 2001:db8:1000::/56. */
export function serverA(over: Partial<ServerOptions> = {}): ScriptedServer {
  return standardServer(DUID_A, "fe80::a", "2001:db8::100", "2001:db8:1000::", over);
}

/** Server B (`DUID_B`, fe80::b): IA_NA 1 gets 2001:db8::200, IA_PD 0 gets 2001:db8:2000::/56. */
export function serverB(over: Partial<ServerOptions> = {}): ScriptedServer {
  return standardServer(DUID_B, "fe80::b", "2001:db8::200", "2001:db8:2000::", over);
}

/** A server binding IA_NA 1 to `address` and IA_PD 0 to `prefix`/56 from a `standardPool`. */
function standardServer(
  duid: Uint8Array,
  from: string,
  address: string,
  prefix: string,
  over: Partial<ServerOptions>,
): ScriptedServer {
  return new ScriptedServer({
    duid,
    address: from,
    pool: standardPool({ 1: address }, { 0: [prefix, 56] }),
    ...over,
  });
}

/**
 * An Authentication option carrying `key` as the reconfigure key (RFC 9915
 * §20.4, §21.11: type 1, key value).
 */
export function reconfigureKeyOption(key: Uint8Array, replayDetection: bigint): Option {
  return reconfigureAuth(replayDetection, Uint8Array.of(1, ...key));
}

/** An Authentication option of the reconfigure key protocol: protocol 3, HMAC-MD5, RDM 0 (§20.4). */
function reconfigureAuth(replayDetection: bigint, authInfo: Uint8Array): Option {
  return { name: "AUTH", code: 11, protocol: 3, algorithm: 1, rdm: 0, replayDetection, authInfo };
}

/**
 * A Reconfigure from server A to `clientDuid` asking for `msgType`, signed
 * with `key`: HMAC-MD5 over the message with the MAC field zeroed, then put
 * in place (RFC 9915 §20.4, type 2: HMAC digest).
 */
export function signedReconfigure(
  msgType: number,
  replayDetection: bigint,
  key: Uint8Array,
  clientDuid: Uint8Array = testConfig().duid,
): Uint8Array {
  const bytes = encodeMessage({
    type: 10,
    transactionId: 0,
    options: [
      { name: "SERVERID", code: 2, duid: DUID_A },
      { name: "CLIENTID", code: 1, duid: clientDuid },
      { name: "RECONF_MSG", code: 19, messageType: msgType },
      reconfigureAuth(replayDetection, Uint8Array.of(2, ...new Array(16).fill(0))),
    ],
  });
  bytes.set(hmacMd5(key, bytes), bytes.length - 16);
  return bytes;
}
