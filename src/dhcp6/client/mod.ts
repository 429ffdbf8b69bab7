/**
 * The RFC 9915 DHCPv6 client engine: {@link Dhcp6Client} and its contract
 * with the shell.
 * @module
 */
export { Dhcp6Client } from "./client.ts";
export type * from "./types.ts";
export type { TimerName } from "./timers.ts";
export { IRT_DEFAULT, IRT_MINIMUM, TRANSMISSION_PARAMETERS } from "../retransmit.ts";
