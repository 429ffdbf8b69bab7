/**
 * Adapters from the FFI layer (`ffi/`) to the agent's ports: the DHCPv6 UDP
 * socket on [::]:546 (RFC 9915 §7.2), rtnetlink address and route operations,
 * and the rtnetlink monitor.
 * @module
 */
import {
  ErrnoError,
  IFA_F_NOPREFIXROUTE,
  type LinkInfo as FfiLinkInfo,
  type NetlinkEvent,
  type NetlinkMonitor,
  type RouteInfo,
  RT_TABLE_MAIN,
  RTN_UNREACHABLE,
  type RtNetlink,
  RTPROT_DHCP,
  type Udp6Socket,
} from "../../ffi/mod.ts";
import type { LinkInfo, NetConfig, NetEvent, NetMonitor, Transport } from "./ports.ts";

/** The DHCPv6 server/relay port (RFC 9915 §7.2). */
const SERVER_PORT = 547;

/** The agent's view of an rtnetlink link. */
export function toLinkInfo(link: FfiLinkInfo): LinkInfo {
  return {
    index: link.index,
    name: link.name,
    hardwareType: link.hardwareType,
    mac: link.hardwareAddress ?? new Uint8Array(),
    up: link.up,
    carrier: link.lowerUp,
  };
}

/** The UDP socket as the agent's transport. */
export function udpTransport(socket: Udp6Socket): Transport {
  return {
    fd: socket.fd,
    send(interfaceIndex, destination, bytes) {
      socket.send(bytes, { address: destination, port: SERVER_PORT, ifindex: interfaceIndex });
    },
    receive() {
      const datagram = socket.receive();
      if (datagram === undefined) return undefined;
      return {
        bytes: datagram.data,
        source: datagram.from.address,
        interfaceIndex: datagram.ifindex,
        // The engine drops an Advertise or Reply sent to a multicast address and a
        // Reconfigure that is not unicast (RFC 9915 §16, §16.11): it needs the destination.
        ...(datagram.destination === undefined ? {} : { destination: datagram.destination }),
      };
    },
    close() {
      socket.close();
    },
  };
}

/**
 * Whether a kernel route has the shape of the unreachable route the agent
 * installs for a delegated prefix (RFC 7084 WPD-5): type unreachable, main
 * table, protocol dhcp, shorter than a host route. (The kernel hangs IPv6
 * reject routes on the loopback device, so the output interface says nothing.)
 */
export function isDelegatedPrefixRoute(route: RouteInfo): boolean {
  return route.type === RTN_UNREACHABLE && route.table === RT_TABLE_MAIN &&
    route.protocol === RTPROT_DHCP && route.prefixLength < 128;
}

function ignoring(code: string, run: () => Promise<void>): Promise<void> {
  return run().catch((error) => {
    if (error instanceof ErrnoError && error.code === code) return;
    throw error;
  });
}

/** rtnetlink requests as the agent's kernel configuration port. */
export function rtnetlinkNetConfig(rtnl: RtNetlink): NetConfig {
  return {
    async links() {
      return (await rtnl.listLinks()).map(toLinkInfo);
    },
    async addresses(interfaceIndex) {
      return (await rtnl.listAddresses(interfaceIndex)).map((a) => ({
        address: a.address,
        prefixLength: a.prefixLength,
        tentative: a.tentative,
        dadFailed: a.dadFailed,
      }));
    },
    setAddress(spec) {
      return rtnl.replaceAddress({
        ifindex: spec.interfaceIndex,
        address: spec.address,
        prefixLength: spec.prefixLength,
        validLifetime: spec.validLifetime,
        preferredLifetime: Math.min(spec.preferredLifetime, spec.validLifetime),
        flags: spec.noPrefixRoute ? IFA_F_NOPREFIXROUTE : 0,
      });
    },
    removeAddress(interfaceIndex, address, prefixLength) {
      return ignoring(
        "EADDRNOTAVAIL",
        () => rtnl.deleteAddress({ ifindex: interfaceIndex, address, prefixLength }),
      );
    },
    setUnreachableRoute(prefix, prefixLength, validLifetime) {
      return rtnl.replaceRoute({
        destination: prefix,
        prefixLength,
        ...(validLifetime === 0xffffffff ? {} : { expires: Math.max(1, validLifetime) }),
      });
    },
    removeUnreachableRoute(prefix, prefixLength) {
      return ignoring("ESRCH", () => rtnl.deleteRoute({ destination: prefix, prefixLength }));
    },
    async unreachableRoutes() {
      return (await rtnl.listRoutes()).filter(isDelegatedPrefixRoute)
        .map((r) => ({ prefix: r.destination, prefixLength: r.prefixLength }));
    },
  };
}

/** Converts one rtnetlink notification to the agent's event. */
export function toNetEvent(event: NetlinkEvent): NetEvent {
  switch (event.kind) {
    case "link":
      return event.change === "deleted"
        ? { type: "link-removed", index: event.link.index, name: event.link.name }
        : { type: "link", link: toLinkInfo(event.link) };
    case "address":
      return {
        type: "address",
        interfaceIndex: event.address.ifindex,
        address: event.address.address,
        prefixLength: event.address.prefixLength,
        tentative: event.address.tentative,
        dadFailed: event.address.dadFailed,
        removed: event.change === "deleted",
      };
    case "overrun":
      return { type: "resync" };
  }
}

/** The rtnetlink monitor as the agent's event source. */
export function netlinkMonitorPort(monitor: NetlinkMonitor): NetMonitor {
  return {
    fd: monitor.fd,
    read: () => monitor.drain().map(toNetEvent),
    close: () => monitor.close(),
  };
}
