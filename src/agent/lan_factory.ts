/**
 * The real LAN runtimes: each `[lan.NAME]` table becomes a
 * {@link LanInterfaceRuntime} over the FFI sockets (a raw ICMPv6 socket and
 * UDP port 547 bound to the interface), rtnetlink's route dump for the
 * default route (RFC 7084 G-4) and the forwarding sysctl.
 * @module
 */
import {
  Icmp6Socket,
  RouteWatch,
  RT_TABLE_MAIN,
  RTN_UNICAST,
  type RtNetlink,
  Udp6Socket,
} from "../../ffi/mod.ts";
import type { Clock } from "./clock.ts";
import { LanInterfaceRuntime, type RaSocket, type ServerSocket } from "./lan_runtime.ts";
import type { LanRuntimeFactory } from "./lan_runtimes.ts";
import type { Logger } from "./ports.ts";
import { cryptoRandom } from "./crypto_random.ts";

/** The DHCPv6 server port (RFC 9915 §7.2). */
const SERVER_PORT = 547;
/** The sysctl that says whether this host routes IPv6. */
const FORWARDING = "/proc/sys/net/ipv6/conf/all/forwarding";

/** What the factory needs from `edge6 run`. */
export interface LanFactoryDeps {
  /** rtnetlink, for the default route. */
  readonly rtnl: RtNetlink;
  /** The agent's clock. */
  readonly clock: Clock;
  /** The agent's log. */
  readonly logger: Logger;
  /** edge6's DUID, the stateless server's identifier. */
  readonly duid: Uint8Array;
}

/** The factory of real LAN runtimes. */
export function lanRuntimeFactory(deps: LanFactoryDeps): LanRuntimeFactory {
  const once = new Set<string>();
  return (config, context) =>
    (config.lan ?? []).map((lan) =>
      new LanInterfaceRuntime(lan, {
        clock: deps.clock,
        logger: deps.logger,
        random: cryptoRandom,
        links: context.links,
        stateDir: () => config.global.stateDir,
        duid: deps.duid,
        openRaSocket: openRaSocket,
        openServerSocket: openServerSocket,
        openRouteWatch: () => RouteWatch.open(),
        hasDefaultRoute: async () =>
          (await deps.rtnl.listRoutes()).some((r) =>
            r.prefixLength === 0 && r.destination === "::" && r.type === RTN_UNICAST &&
            r.table === RT_TABLE_MAIN
          ),
        forwarding: readForwarding,
        once,
      })
    );
}

function openRaSocket(name: string, ifindex: number): RaSocket {
  const socket = Icmp6Socket.open(name, ifindex);
  return {
    fd: socket.fd,
    send: (bytes, destination, source) => socket.send(bytes, destination, source),
    receive: () => socket.receive(),
    close: () => socket.close(),
  };
}

function openServerSocket(name: string, ifindex: number): ServerSocket {
  // SO_BINDTODEVICE before bind: each LAN interface has its own socket on port 547.
  const socket = Udp6Socket.open({ port: SERVER_PORT, device: name, reuseAddress: true });
  try {
    socket.joinGroup("ff02::1:2", ifindex);
  } catch (error) {
    socket.close();
    throw error;
  }
  return {
    fd: socket.fd,
    send: (bytes, destination, port) => socket.send(bytes, { address: destination, port, ifindex }),
    receive: () => {
      const d = socket.receive();
      if (d === undefined) return undefined;
      return {
        bytes: d.data,
        source: d.from.address,
        port: d.from.port,
        ...(d.destination === undefined ? {} : { destination: d.destination }),
      };
    },
    close: () => socket.close(),
  };
}

function readForwarding(): boolean | undefined {
  try {
    return Deno.readTextFileSync(FORWARDING).trim() !== "0";
  } catch {
    return undefined;
  }
}
