/**
 * Servers used across the scenarios.
 * @module
 */
import { ScriptedServer, type ServerOptions } from "./server.ts";

/** Server A's DUID (a DUID-EN, RFC 9915 §11.3), sent in its Server Identifier. */
export const DUID_A: Uint8Array = Uint8Array.of(0, 2, 0, 0, 0, 9, 0xaa);
/** Server B's DUID (a DUID-EN, RFC 9915 §11.3), distinct from `DUID_A`. */
export const DUID_B: Uint8Array = Uint8Array.of(0, 2, 0, 0, 0, 9, 0xbb);

/** A server that binds IA_NA 1 and IA_PD 0 with one-hour leases, T1 30 min, T2 48 min. */
export function serverA(over: Partial<ServerOptions> = {}): ScriptedServer {
  return new ScriptedServer({
    duid: DUID_A,
    address: "fe80::a",
    pool: {
      addresses: { 1: "2001:db8::100" },
      prefixes: { 0: ["2001:db8:1000::", 56] },
      preferred: 3600,
      valid: 7200,
      t1: 1800,
      t2: 2880,
    },
    ...over,
  });
}

/** A second server with a different pool. */
export function serverB(over: Partial<ServerOptions> = {}): ScriptedServer {
  return new ScriptedServer({
    duid: DUID_B,
    address: "fe80::b",
    pool: {
      addresses: { 1: "2001:db8::200" },
      prefixes: { 0: ["2001:db8:2000::", 56] },
      preferred: 3600,
      valid: 7200,
      t1: 1800,
      t2: 2880,
    },
    ...over,
  });
}
