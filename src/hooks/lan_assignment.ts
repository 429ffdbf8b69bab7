/**
 * A subnet of a delegated prefix assigned to a downstream interface (RFC 9915
 * §6.3; RFC 7084 L-2), as the shell reports it to hooks and status output.
 * @module
 */

/** One downstream subnet taken from a delegated prefix. */
export interface LanAssignment {
  /** The downstream (LAN) interface the subnet is assigned to. */
  readonly interface: string;
  /** The subnet's prefix, RFC 5952 text. */
  readonly prefix: string;
  /** The subnet's prefix length in bits. */
  readonly prefixLength: number;
  /** The address the router took for itself on that interface, if any. */
  readonly address?: string;
  /** The delegated prefix (`prefix/len`) the subnet was carved from, if known. */
  readonly delegatedPrefix?: string;
  /**
   * The delegated prefix's lifetimes as last received (seconds, 0xffffffff
   * infinite; RFC 9915 §21.22) and when (engine ms): what the LAN side
   * advertises is what is left of them (RFC 9096 §4).
   */
  readonly lifetimes?: {
    readonly preferred: number;
    readonly valid: number;
    readonly receivedAt: number;
  };
}
