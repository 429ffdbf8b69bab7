/**
 * Decoding rtnetlink multicast notifications into typed events for the agent:
 * link changes (RTMGRP_LINK: carrier, up/down) become engine link changes;
 * IPv6 address changes (RTMGRP_IPV6_IFADDR) carry DAD progress
 * (IFA_F_TENTATIVE) and failure (IFA_F_DADFAILED, RFC 4862 §5.4.5), which
 * the engine turns into a Decline (RFC 9915 §18.2.8).
 * @module
 */
import { type AddressInfo, decodeAddress } from "./address.ts";
import { RTM_DELADDR, RTM_DELLINK, RTM_NEWADDR, RTM_NEWLINK } from "./constants.ts";
import { decodeLink, type LinkInfo } from "./link.ts";
import type { NetlinkMessage } from "./message.ts";

/**
 * One kernel notification.
 * - `link`: a link appeared, changed (flags, carrier, MAC) or was removed.
 * - `address`: an IPv6 address was added/updated (`new`) or removed (`deleted`).
 *   A finite-lifetime address whose DAD fails is removed by the kernel: that
 *   arrives as `deleted` with `address.dadFailed` true. A permanent one stays,
 *   as `new` with `dadFailed` true.
 * - `overrun`: the kernel dropped notifications (ENOBUFS); re-read the state
 *   with `listLinks` / `listAddresses`.
 */
export type NetlinkEvent =
  | { readonly kind: "link"; readonly change: "new" | "deleted"; readonly link: LinkInfo }
  | {
    readonly kind: "address";
    readonly change: "new" | "deleted";
    readonly address: AddressInfo;
  }
  | { readonly kind: "overrun" };

/**
 * The event a notification carries, or `undefined` for messages of other
 * types or families.
 * @throws {RangeError} for a truncated payload.
 */
export function decodeEvent(message: NetlinkMessage): NetlinkEvent | undefined {
  switch (message.type) {
    case RTM_NEWLINK:
    case RTM_DELLINK:
      return {
        kind: "link",
        change: message.type === RTM_NEWLINK ? "new" : "deleted",
        link: decodeLink(message.payload),
      };
    case RTM_NEWADDR:
    case RTM_DELADDR: {
      const address = decodeAddress(message.payload);
      if (address === undefined) return undefined;
      return { kind: "address", change: message.type === RTM_NEWADDR ? "new" : "deleted", address };
    }
    default:
      return undefined;
  }
}
