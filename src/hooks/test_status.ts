/**
 * A builder of client statuses for the hook and status tests.
 * @module
 */
import type { ClientStatus } from "../dhcp6/client/types.ts";

/** A bound status on `eth0` with the given fields replaced. */
export function testStatus(over: Partial<ClientStatus> = {}): ClientStatus {
  return {
    interfaceName: "eth0",
    state: "bound",
    serverDuid: "000100012a2b3c4d001122334455",
    serverAddress: "fe80::1",
    addresses: [],
    prefixes: [],
    ias: [],
    options: [],
    counters: { sent: {}, received: {}, dropped: {} },
    ...over,
  };
}
