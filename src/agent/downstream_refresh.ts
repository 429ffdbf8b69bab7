/**
 * When a downstream interface's LAN address must be made again (dhcp6c's
 * `prefix-interface`, RFC 9915 §6.3): the interface is new or came back
 * (Linux flushes an interface's IPv6 addresses when it goes down, and a
 * re-created interface has a new index), or its MAC changed, which changes
 * an EUI-64 interface identifier.
 * @module
 */
import type { LinkInfo } from "./ports.ts";

/** True when `next` (the link as just reported) needs its LAN addresses re-made. */
export function downstreamNeedsRefresh(previous: LinkInfo | undefined, next: LinkInfo): boolean {
  if (previous === undefined || previous.index !== next.index) return true;
  const wasUp = previous.up && previous.carrier;
  if (!wasUp && next.up && next.carrier) return true;
  return previous.mac.join(":") !== next.mac.join(":");
}
