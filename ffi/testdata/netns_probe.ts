/**
 * Runs inside a test network namespace (`ip netns exec NS deno run -A …`) so
 * that the FFI code talks to that namespace's kernel state. Driven by
 * `ffi/netns_test.ts`; prints one JSON object on stdout and exits 0, or
 * prints the error on stderr and exits 1.
 *
 * Usage: netns_probe.ts MODE JSON-ARGUMENTS
 * @module
 */
import {
  type Datagram,
  ErrnoError,
  IFA_F_NODAD,
  IFA_F_NOPREFIXROUTE,
  interfaceIndex,
  type NetlinkEvent,
  NetlinkMonitor,
  Poller,
  RTN_UNICAST,
  RTN_UNREACHABLE,
  RtNetlink,
  RTPROT_KERNEL,
  timeoutUntil,
  Udp6Socket,
} from "../mod.ts";

/** Upper bound on any wait, so a broken kernel interaction ends the test instead of hanging it. */
const GIVE_UP_MS = 20_000;

type Args = Record<string, string>;

/** What a side reports of a datagram it received, with its own interface index to compare. */
function datagramReport(datagram: Datagram, ownIfindex: number) {
  return {
    data: [...datagram.data],
    from: datagram.from,
    ifindex: datagram.ifindex,
    destination: datagram.destination,
    ownIfindex,
  };
}

async function errorCode(action: () => Promise<unknown>): Promise<string> {
  try {
    await action();
    return "none";
  } catch (error) {
    if (error instanceof ErrnoError) return error.code;
    throw error;
  }
}

function ifindexOf(name: string | undefined): number {
  const index = interfaceIndex(name ?? "");
  if (index === 0) throw new Error(`no interface "${name}" in this namespace`);
  return index;
}

/** Adds, replaces and re-reads addresses and an unreachable route. */
async function install(args: Args): Promise<unknown> {
  const rtnl = RtNetlink.open();
  try {
    const ifindex = ifindexOf(args.dev);
    const link = (await rtnl.listLinks()).find((l) => l.index === ifindex);
    const address = {
      ifindex,
      address: "2001:db8:1::10",
      prefixLength: 128,
      flags: IFA_F_NOPREFIXROUTE | IFA_F_NODAD,
    };
    await rtnl.replaceAddress({ ...address, validLifetime: 7200, preferredLifetime: 3600 });
    const first = (await rtnl.listAddresses(ifindex)).find((a) => a.address === address.address);
    // The same call again with new lifetimes updates in place (a Renew).
    await rtnl.replaceAddress({ ...address, validLifetime: 600, preferredLifetime: 300 });
    const second = (await rtnl.listAddresses(ifindex)).find((a) => a.address === address.address);
    const duplicateAdd = await errorCode(() =>
      rtnl.addAddress({ ...address, validLifetime: 600, preferredLifetime: 300 })
    );
    // A LAN-style /64 address with a prefix route (no NOPREFIXROUTE).
    await rtnl.replaceAddress({
      ifindex,
      address: "2001:db8:3::1",
      prefixLength: 64,
      flags: IFA_F_NODAD,
      validLifetime: 900,
      preferredLifetime: 800,
    });
    const route = { destination: "2001:db8:2::", prefixLength: 48 };
    await rtnl.replaceRoute(route);
    await rtnl.replaceRoute(route); // idempotent
    const duplicateRoute = await errorCode(() => rtnl.addRoute(route));
    const routes = (await rtnl.listRoutes()).filter((r) => r.type === RTN_UNREACHABLE);
    return { link, first, second, duplicateAdd, duplicateRoute, routes };
  } finally {
    await rtnl.close();
  }
}

/** Deletes what `install` added, twice, to see the errors for missing objects. */
async function remove(args: Args): Promise<unknown> {
  const rtnl = RtNetlink.open();
  try {
    const ifindex = ifindexOf(args.dev);
    const spec = { ifindex, address: "2001:db8:1::10", prefixLength: 128 };
    const lan = { ifindex, address: "2001:db8:3::1", prefixLength: 64 };
    const route = { destination: "2001:db8:2::", prefixLength: 48 };
    await rtnl.deleteAddress(spec);
    await rtnl.deleteAddress(lan);
    await rtnl.deleteRoute(route);
    // Removing an address with finite lifetimes leaves its prefix route to
    // expire with it; a caller that withdraws a prefix removes it explicitly.
    const prefixRoute = {
      destination: "2001:db8:3::",
      prefixLength: 64,
      type: RTN_UNICAST,
      protocol: RTPROT_KERNEL,
      ifindex,
    };
    const prefixRouteLeft = (await rtnl.listRoutes()).some((r) =>
      r.destination === prefixRoute.destination && r.expires !== undefined
    );
    await rtnl.deleteRoute(prefixRoute);
    return {
      prefixRouteLeft,
      deleteAgain: await errorCode(() => rtnl.deleteAddress(spec)),
      deleteRouteAgain: await errorCode(() => rtnl.deleteRoute(route)),
      missingDevice: await errorCode(() =>
        rtnl.replaceAddress({ ...spec, ifindex: 999_999, validLifetime: 1, preferredLifetime: 1 })
      ),
      left: (await rtnl.listAddresses(ifindex)).map((a) => a.address),
    };
  } finally {
    await rtnl.close();
  }
}

/** Runs `ip` with an argument vector (never a shell). */
async function ip(...argv: string[]): Promise<void> {
  const result = await new Deno.Command("ip", { args: argv, stdout: "null", stderr: "piped" })
    .output();
  if (!result.success) {
    throw new Error(`ip ${argv.join(" ")}: ${new TextDecoder().decode(result.stderr)}`);
  }
}

/** Waits on the monitor until `wanted` matches an event; returns every event seen. */
async function waitFor(
  monitor: NetlinkMonitor,
  poller: Poller,
  seen: NetlinkEvent[],
  wanted: (event: NetlinkEvent) => boolean,
  what: string,
): Promise<void> {
  const deadline = Date.now() + GIVE_UP_MS;
  for (;;) {
    for (const event of monitor.drain()) {
      seen.push(event);
      if (wanted(event)) return;
    }
    const ready = await poller.wait([monitor.fd], timeoutUntil(deadline, Date.now()));
    if (ready.timedOut) throw new Error(`no event for ${what} within ${GIVE_UP_MS} ms`);
  }
}

/** Carrier down/up on the peer, then DAD failure of an address the peer holds. */
async function monitor(args: Args): Promise<unknown> {
  const mon = NetlinkMonitor.open();
  const rtnl = RtNetlink.open();
  const poller = Poller.open();
  const seen: NetlinkEvent[] = [];
  try {
    const ifindex = ifindexOf(args.dev);
    const dadIndex = ifindexOf(args.dadDev);
    const carrier = (up: boolean) => (e: NetlinkEvent) =>
      e.kind === "link" && e.link.index === ifindex && e.link.lowerUp === up;
    await ip("-n", args.peerNs!, "link", "set", args.peerDev!, "down");
    await waitFor(mon, poller, seen, carrier(false), "carrier loss");
    await ip("-n", args.peerNs!, "link", "set", args.peerDev!, "up");
    await waitFor(mon, poller, seen, carrier(true), "carrier return");
    await rtnl.replaceAddress({
      ifindex: dadIndex,
      address: args.dadAddress!,
      prefixLength: 64,
      validLifetime: 300,
      preferredLifetime: 300,
    });
    const dad = (e: NetlinkEvent) =>
      e.kind === "address" && e.address.address === args.dadAddress && e.address.dadFailed;
    await waitFor(mon, poller, seen, dad, "DAD failure");
    return {
      events: seen.map((e) =>
        e.kind === "link"
          ? { kind: e.kind, change: e.change, index: e.link.index, lowerUp: e.link.lowerUp }
          : e.kind === "address"
          ? {
            kind: e.kind,
            change: e.change,
            index: e.address.ifindex,
            address: e.address.address,
            tentative: e.address.tentative,
            dadFailed: e.address.dadFailed,
          }
          : { kind: e.kind }
      ),
    };
  } finally {
    poller.close();
    mon.close();
    await rtnl.close();
  }
}

/**
 * Waits until a link is operationally up (IFF_RUNNING). The kernel activates a
 * fresh veth's queue only then; datagrams sent before are dropped.
 */
async function waitRunning(ifindex: number): Promise<void> {
  const mon = NetlinkMonitor.open();
  const rtnl = RtNetlink.open();
  const poller = Poller.open();
  try {
    if ((await rtnl.getLink(ifindex))?.running) return;
    await waitFor(
      mon,
      poller,
      [],
      (e) => e.kind === "link" && e.link.index === ifindex && e.link.running,
      "link running",
    );
  } finally {
    poller.close();
    mon.close();
    await rtnl.close();
  }
}

/** Server side: joins ff02::1:2 on the device, answers one datagram by link-local unicast. */
async function udpServer(args: Args): Promise<unknown> {
  const ifindex = ifindexOf(args.dev);
  await waitRunning(ifindex);
  const socket = Udp6Socket.open({ port: 547 });
  const poller = Poller.open();
  try {
    socket.joinGroup("ff02::1:2", ifindex);
    console.log("ready");
    const deadline = Date.now() + GIVE_UP_MS;
    for (;;) {
      const datagram = socket.receive();
      if (datagram) {
        socket.send(Uint8Array.from([7, ...datagram.data.subarray(1)]), {
          address: datagram.from.address,
          port: datagram.from.port,
          ifindex: datagram.from.scopeId,
        });
        return datagramReport(datagram, ifindex);
      }
      const ready = await poller.wait([socket.fd], timeoutUntil(deadline, Date.now()));
      if (ready.timedOut) throw new Error("no datagram arrived");
    }
  } finally {
    poller.close();
    socket.close();
  }
}

/** Client side: sends a Solicit-like datagram to ff02::1:2 out of the device, awaits the answer. */
async function udpClient(args: Args): Promise<unknown> {
  const ifindex = ifindexOf(args.dev);
  await waitRunning(ifindex);
  const socket = Udp6Socket.open(); // [::]:546
  const poller = Poller.open();
  try {
    // Like a DHCPv6 client, send again when no answer comes (RFC 9915 §15): a
    // datagram sent while the fresh link settles may be lost.
    const deadline = Date.now() + GIVE_UP_MS;
    for (;;) {
      socket.send(Uint8Array.from([1, 0xab, 0xcd, 0xef]), {
        address: "ff02::1:2",
        port: 547,
        ifindex,
      });
      const retransmit = Math.min(Date.now() + 1000, deadline);
      const ready = await poller.wait([socket.fd], timeoutUntil(retransmit, Date.now()));
      const datagram = socket.receive();
      if (datagram) {
        return datagramReport(datagram, ifindex);
      }
      if (ready.timedOut && Date.now() >= deadline) throw new Error("no reply arrived");
    }
  } finally {
    poller.close();
    socket.close();
  }
}

const MODES: Record<string, (args: Args) => Promise<unknown>> = {
  install,
  remove,
  monitor,
  "udp-server": udpServer,
  "udp-client": udpClient,
};

if (import.meta.main) {
  const [mode, json] = Deno.args;
  const run = MODES[mode ?? ""];
  if (run === undefined) {
    console.error(`usage: netns_probe.ts (${Object.keys(MODES).join("|")}) JSON`);
    Deno.exit(2);
  }
  try {
    console.log(JSON.stringify(await run(JSON.parse(json ?? "{}") as Args)));
  } catch (error) {
    console.error(error instanceof Error ? error.stack ?? error.message : String(error));
    Deno.exit(1);
  }
}
