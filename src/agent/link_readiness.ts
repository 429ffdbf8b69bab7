/**
 * When an upstream link is usable for DHCPv6: it has carrier and a link-local
 * address that has passed duplicate address detection. A client sends from
 * its link-local address (RFC 9915 §13.1); the kernel refuses to send from a
 * tentative one (RFC 4862 §5.4), so telling the engine "link up" on carrier
 * alone only makes its first Solicits fail and its binding come a few
 * retransmissions late (RFC 9915 §18.2.12 is about the link being usable).
 * @module
 */

/** What the agent knows of one upstream interface, and what the engine was last told. */
export interface LinkReadiness {
  /** Administratively up with carrier. */
  readonly carrier: boolean;
  /**
   * Its usable link-local addresses (fe80::/10, neither tentative nor failed),
   * or undefined when they could not be read: then carrier alone decides.
   */
  readonly linkLocals: readonly string[] | undefined;
  /** Whether the engine was last told the link is up (an engine starts assuming it is). */
  readonly up: boolean;
}

/** One address as the kernel reports it. */
export interface AddressReport {
  /** The address, in IPv6 text form. */
  readonly address: string;
  /** Still in duplicate address detection (IFA_F_TENTATIVE). */
  readonly tentative: boolean;
  /** Duplicate address detection failed (IFA_F_DADFAILED). */
  readonly dadFailed: boolean;
  /** Deleted (RTM_DELADDR). */
  readonly removed?: boolean;
}

/** What changed on the interface. */
export type LinkInput =
  /** The link's carrier, as a link notification or the interface list reports it. */
  | { readonly type: "carrier"; readonly carrier: boolean }
  /** One address changed (RTM_NEWADDR / RTM_DELADDR). */
  | { readonly type: "address"; readonly report: AddressReport }
  /** Every address of the interface now (at start, after lost notifications, after removal). */
  | { readonly type: "addresses"; readonly reports: readonly AddressReport[] };

/** The new state, and what to tell the engine: up, down, or nothing (undefined). */
export interface LinkDecision {
  /** The state after the input. */
  readonly state: LinkReadiness;
  /** `handleLinkChange(now, tell)` when defined; nothing when the verdict did not change. */
  readonly tell: boolean | undefined;
}

/** True for fe80::/10 (RFC 4291 §2.5.6); `address` is IPv6 text. */
export function isLinkLocal(address: string): boolean {
  const colon = address.indexOf(":");
  if (colon < 0) return false;
  const first = address.slice(0, colon);
  if (!/^[0-9a-fA-F]{1,4}$/.test(first)) return false;
  return (parseInt(first, 16) & 0xffc0) === 0xfe80;
}

function usable(report: AddressReport): boolean {
  return !report.tentative && !report.dadFailed && report.removed !== true;
}

/**
 * Folds one input into the state and decides whether the engine must hear of
 * it: up once carrier and a usable link-local address are both there, down as
 * soon as either is gone. Addresses that are not link-local change nothing.
 */
export function nextLinkReadiness(state: LinkReadiness, input: LinkInput): LinkDecision {
  let { carrier, linkLocals } = state;
  if (input.type === "carrier") {
    carrier = input.carrier;
  } else if (input.type === "addresses") {
    linkLocals = input.reports.filter((r) => isLinkLocal(r.address) && usable(r))
      .map((r) => r.address);
  } else if (isLinkLocal(input.report.address)) {
    const others = (linkLocals ?? []).filter((a) => a !== input.report.address);
    linkLocals = usable(input.report) ? [...others, input.report.address] : others;
  }
  const ready = carrier && (linkLocals === undefined || linkLocals.length > 0);
  return {
    state: { carrier, linkLocals, up: ready },
    tell: ready === state.up ? undefined : ready,
  };
}
