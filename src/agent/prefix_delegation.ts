/**
 * Prefix delegation to downstream (LAN) interfaces, as dhcp6c's
 * `prefix-interface`: from a delegated prefix (RFC 9915 §6.3, §21.22) take the
 * subnet numbered `sla-id`, `sla-len` bits long, and give the interface an
 * address in it made from an interface identifier (RFC 4291 §2.5.1). The whole
 * delegated prefix gets an unreachable route (RFC 7084 WPD-5) so that packets
 * to its unused subnets are not sent back upstream.
 * @module
 */
import { formatIPv6, maskPrefix, parseIPv6 } from "../dhcp6/ipv6.ts";
import type { RandomSource } from "../dhcp6/client/types.ts";
import { prefixesExcluding } from "../dhcp6/prefix_exclude.ts";

/** How the interface identifier of a downstream address is chosen. */
export type InterfaceIdSpec =
  /** A fixed 64-bit identifier (dhcp6c's `ifid NUMBER`). */
  | bigint
  /** 64 random bits, chosen when the interface (re)starts. */
  | "random"
  /** Modified EUI-64 from the interface's MAC (RFC 4291 Appendix A); the default. */
  | "eui-64";

/** One downstream interface's share of a delegated prefix. */
export interface DownstreamSpec {
  /** The downstream interface's name. */
  readonly interfaceName: string;
  /** The subnet number inside the delegated prefix (dhcp6c `sla-id`). */
  readonly slaId: number;
  /** Bits given to the subnet number; default 64 − delegated length (dhcp6c `sla-len`). */
  readonly slaLen?: number;
  /** How the address's interface identifier is made (dhcp6c `ifid`). */
  readonly ifid: InterfaceIdSpec;
}

/** What to install on one downstream interface. */
export interface DownstreamAssignment {
  /** The downstream interface's name. */
  readonly interfaceName: string;
  /** The LAN subnet, RFC 5952 text, and its length (delegated length + sla-len). */
  readonly subnet: string;
  /** The LAN subnet's length: delegated length plus sla-len. */
  readonly subnetLength: number;
  /** The interface's address in that subnet (installed with `subnetLength`). */
  readonly address: string;
}

/** The route that blackholes the unused rest of a delegated prefix (RFC 7084 WPD-5). */
export interface UnreachableRoute {
  /** The delegated prefix, masked to its length. */
  readonly prefix: string;
  /** The delegated prefix's length. */
  readonly prefixLength: number;
}

/** The error for a downstream configuration that does not fit a prefix. */
export class PrefixDelegationError extends RangeError {
  /** Names the error in messages and stack traces. */
  override name = "PrefixDelegationError";
}

/**
 * The LAN subnet for `spec` inside `prefix/prefixLength`. Throws
 * `PrefixDelegationError` when the delegated prefix is longer than /64 (there
 * must be room for a 64-bit interface identifier, RFC 4291 §2.5.1) or when
 * `sla-id` needs more than `sla-len` bits: the number is never silently cut.
 * As dhcp6c does, an `sla-len` longer than the prefix leaves before /64 is
 * shrunk to fit, and with 0 bits left there is no subnet number: the
 * interface gets the delegated prefix as it is, whatever its `sla-id`.
 */
export function delegatedSubnet(
  prefix: string,
  prefixLength: number,
  spec: Pick<DownstreamSpec, "interfaceName" | "slaId" | "slaLen">,
): { subnet: Uint8Array; subnetLength: number } {
  const where = `${spec.interfaceName}: prefix ${prefix}/${prefixLength}`;
  if (!Number.isInteger(prefixLength) || prefixLength < 0 || prefixLength > 64) {
    throw new PrefixDelegationError(
      `${where}: a delegated prefix longer than /64 leaves no room for a LAN subnet`,
    );
  }
  const room = 64 - prefixLength;
  const configured = spec.slaLen ?? room;
  if (!Number.isInteger(configured) || configured < 0) {
    throw new PrefixDelegationError(`${where}: sla-len ${configured} is not a bit count`);
  }
  const slaLen = Math.min(configured, room);
  const slots = 2 ** slaLen;
  if (slaLen > 0 && (!Number.isInteger(spec.slaId) || spec.slaId < 0 || spec.slaId >= slots)) {
    throw new PrefixDelegationError(
      `${where}: sla-id ${spec.slaId} does not fit in sla-len ${slaLen} bits (0 to ${slots - 1})`,
    );
  }
  const subnet = maskPrefix(parseIPv6(prefix), prefixLength);
  // Write sla-id, most significant bit first, into bits [prefixLength, prefixLength + slaLen).
  for (let i = 0; i < slaLen; i++) {
    const bit = Math.floor(spec.slaId / 2 ** (slaLen - 1 - i)) % 2;
    if (bit === 1) {
      const position = prefixLength + i;
      subnet[position >> 3]! |= 0x80 >> (position & 7);
    }
  }
  return { subnet, subnetLength: prefixLength + slaLen };
}

/**
 * Modified EUI-64 interface identifier from a 48-bit MAC (RFC 4291 Appendix
 * A): insert ff:fe in the middle and invert the universal/local bit.
 */
export function eui64FromMac(mac: Uint8Array): Uint8Array {
  if (mac.length !== 6) {
    throw new PrefixDelegationError(
      `a ${mac.length}-byte link-layer address cannot form an EUI-64 identifier (need 6)`,
    );
  }
  return new Uint8Array([mac[0]! ^ 0x02, mac[1]!, mac[2]!, 0xff, 0xfe, mac[3]!, mac[4]!, mac[5]!]);
}

/**
 * 64 random bits for `ifid random`, avoiding the all-zero identifier (the
 * subnet-router anycast address, RFC 4291 §2.6.1) and the reserved anycast
 * range (RFC 2526: fdff:ffff:ffff:ff80–ffff).
 */
export function randomInterfaceId(random: RandomSource): Uint8Array {
  for (;;) {
    const id = new Uint8Array(8);
    for (let i = 0; i < 8; i++) id[i] = Math.floor(random() * 256) & 0xff;
    const zero = id.every((b) => b === 0);
    const reserved = id[0] === 0xfd && id.subarray(1, 7).every((b) => b === 0xff) &&
      id[7]! >= 0x80;
    if (!zero && !reserved) return id;
  }
}

/** A fixed identifier from `ifid NUMBER` as 8 bytes; it must fit in 64 bits. */
export function numericInterfaceId(value: bigint): Uint8Array {
  if (value < 0n || value >= 1n << 64n) {
    throw new PrefixDelegationError(`ifid ${value} does not fit in 64 bits`);
  }
  const id = new Uint8Array(8);
  new DataView(id.buffer).setBigUint64(0, value);
  return id;
}

/**
 * Resolves an `ifid` spec for one interface: a number as given, `random` from
 * `random`, `eui-64` from `mac`. The agent calls this again when the interface
 * restarts or its MAC changes (the identifier is re-read, as OPNsense's dhcp6c).
 */
export function resolveInterfaceId(
  spec: InterfaceIdSpec,
  mac: Uint8Array | undefined,
  random: RandomSource,
): Uint8Array {
  if (typeof spec === "bigint") return numericInterfaceId(spec);
  if (spec === "random") return randomInterfaceId(random);
  if (mac === undefined) {
    throw new PrefixDelegationError("ifid eui-64 needs the interface's MAC, which it has none of");
  }
  return eui64FromMac(mac);
}

/**
 * The subnet and address for one downstream interface: the subnet from
 * `delegatedSubnet`, the low 64 bits from `interfaceId` (8 bytes).
 */
export function assignDownstream(
  prefix: string,
  prefixLength: number,
  spec: Pick<DownstreamSpec, "interfaceName" | "slaId" | "slaLen">,
  interfaceId: Uint8Array,
): DownstreamAssignment {
  if (interfaceId.length !== 8) {
    throw new PrefixDelegationError(`interface identifier of ${interfaceId.length} bytes, need 8`);
  }
  const { subnet, subnetLength } = delegatedSubnet(prefix, prefixLength, spec);
  const address = new Uint8Array(subnet);
  address.set(interfaceId, 8);
  return {
    interfaceName: spec.interfaceName,
    subnet: formatIPv6(subnet),
    subnetLength,
    address: formatIPv6(address),
  };
}

/** The unreachable route for a whole delegated prefix (RFC 7084 WPD-5). */
export function unreachableRoute(prefix: string, prefixLength: number): UnreachableRoute {
  return { prefix: formatIPv6(maskPrefix(parseIPv6(prefix), prefixLength)), prefixLength };
}

/**
 * The unreachable routes for a delegated prefix (RFC 7084 WPD-5): one for
 * the whole prefix, or, when the server excluded part of it (RFC 6603 §4.2:
 * the excluded prefix is on the link to the delegating router), the set of
 * longer prefixes that covers everything but the excluded one, so that the
 * WAN link's own prefix is not routed to nowhere. An exclusion that does not
 * fit its prefix (which the engine refuses on the wire) falls back to one
 * route for the whole prefix.
 */
export function unreachableRoutes(lease: {
  readonly prefix: string;
  readonly prefixLength: number;
  readonly excluded?: { readonly prefix: string; readonly prefixLength: number };
}): UnreachableRoute[] {
  const whole = unreachableRoute(lease.prefix, lease.prefixLength);
  if (lease.excluded === undefined) return [whole];
  try {
    return prefixesExcluding(whole, lease.excluded);
  } catch {
    return [whole];
  }
}
