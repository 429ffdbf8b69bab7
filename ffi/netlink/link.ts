/**
 * Link messages (RTM_NEWLINK / RTM_DELLINK / RTM_GETLINK, rtnetlink(7)).
 *
 * ```
 * ifinfomsg (16 bytes)
 * 0  u8  ifi_family (AF_UNSPEC)
 * 1  u8  padding
 * 2  u16 ifi_type   ARPHRD_* (1 = Ethernet)
 * 4  i32 ifi_index
 * 8  u32 ifi_flags  IFF_* (UP, RUNNING, LOWER_UP, ...)
 * 12 u32 ifi_change
 * ```
 * @module
 */
import { HOST_LE } from "../host_order.ts";
import { attributeString, attributeU32, parseAttributes } from "./attributes.ts";
import {
  IFF_LOOPBACK,
  IFF_LOWER_UP,
  IFF_RUNNING,
  IFF_UP,
  IFLA_ADDRESS,
  IFLA_CARRIER,
  IFLA_IFNAME,
  IFLA_MTU,
  IFLA_OPERSTATE,
} from "./constants.ts";

/** Size of `struct ifinfomsg`. */
export const IFINFOMSG_SIZE = 16;

/** A network interface as the kernel reports it. */
export interface LinkInfo {
  /** Interface index. */
  readonly index: number;
  /** Interface name (IFLA_IFNAME). */
  readonly name: string;
  /** Hardware address as lower-case `aa:bb:cc:dd:ee:ff`, if it has one. */
  readonly mac: string | undefined;
  /** Raw hardware address bytes (for DUID-LL/LLT and EUI-64 identifiers). */
  readonly hardwareAddress: Uint8Array | undefined;
  /** ARPHRD_* hardware type (1 for Ethernet; the DUID hardware type of RFC 9915 §11.2). */
  readonly hardwareType: number;
  /** IFF_* flags. */
  readonly flags: number;
  /** Administratively up (IFF_UP). */
  readonly up: boolean;
  /** Operationally up (IFF_RUNNING). */
  readonly running: boolean;
  /** Carrier present (IFF_LOWER_UP). */
  readonly lowerUp: boolean;
  /** Loopback interface. */
  readonly loopback: boolean;
  /** MTU, if reported. */
  readonly mtu: number | undefined;
  /** RFC 2863 operational state (IFLA_OPERSTATE: 6 up, 2 down, ...), if reported. */
  readonly operState: number | undefined;
  /** IFLA_CARRIER, if reported. */
  readonly carrier: boolean | undefined;
}

/** Formats hardware address bytes as colon-separated lower-case hex. */
export function formatMac(bytes: Uint8Array): string {
  return [...bytes].map((b) => b.toString(16).padStart(2, "0")).join(":");
}

/** The RTM_GETLINK payload: all links (with NLM_F_DUMP) or one `index`. */
export function encodeGetLink(index = 0): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(IFINFOMSG_SIZE);
  new DataView(out.buffer).setInt32(4, index, HOST_LE);
  return out;
}

/**
 * Decodes an RTM_NEWLINK / RTM_DELLINK payload.
 * @throws {RangeError} if it is truncated or has no IFLA_IFNAME.
 */
export function decodeLink(payload: Uint8Array): LinkInfo {
  if (payload.length < IFINFOMSG_SIZE) {
    throw new RangeError(`ifinfomsg needs 16 bytes, got ${payload.length}`);
  }
  const view = new DataView(payload.buffer, payload.byteOffset, payload.length);
  const flags = view.getUint32(8, HOST_LE);
  const attributes = parseAttributes(payload.subarray(IFINFOMSG_SIZE));
  const name = attributes.get(IFLA_IFNAME);
  if (name === undefined) throw new RangeError("link message without IFLA_IFNAME");
  const hardware = attributes.get(IFLA_ADDRESS);
  const usable = hardware !== undefined && hardware.length > 0 && hardware.some((b) => b !== 0);
  const mtu = attributes.get(IFLA_MTU);
  const operState = attributes.get(IFLA_OPERSTATE);
  const carrier = attributes.get(IFLA_CARRIER);
  return {
    index: view.getInt32(4, HOST_LE),
    name: attributeString(name),
    mac: usable ? formatMac(hardware) : undefined,
    hardwareAddress: usable ? hardware.slice() : undefined,
    hardwareType: view.getUint16(2, HOST_LE),
    flags,
    up: (flags & IFF_UP) !== 0,
    running: (flags & IFF_RUNNING) !== 0,
    lowerUp: (flags & IFF_LOWER_UP) !== 0,
    loopback: (flags & IFF_LOOPBACK) !== 0,
    mtu: mtu ? attributeU32(mtu, "IFLA_MTU") : undefined,
    operState: operState && operState.length > 0 ? operState[0] : undefined,
    carrier: carrier && carrier.length > 0 ? carrier[0] !== 0 : undefined,
  };
}
