/**
 * The lab benchmark's "bare Deno doing the same": the system work an idle
 * edge6 agent has done, with none of edge6's code. It reads and parses a
 * TOML file with the same npm package, binds libc through FFI, opens a UDP
 * socket and an rtnetlink socket there, listens on a unix socket, installs
 * the same signal handlers, writes and fsyncs a file, and then idles in a
 * non-blocking FFI poll(2) on its sockets, as the agent's loop does. Its
 * resident memory is the floor Deno itself sets for an agent like edge6.
 *
 *   deno run -A scripts/bench/floor_deno.ts DIR
 * @module
 */
import { parse } from "toml";

const dir = Deno.args[0] ?? "/tmp";
Deno.writeTextFileSync(
  `${dir}/floor.toml`,
  "[interface.wan0]\n[[interface.wan0.ia_na]]\niaid = 1\n",
);
parse(await Deno.readTextFile(`${dir}/floor.toml`));
const libc = Deno.dlopen("libc.so.6", {
  socket: { parameters: ["i32", "i32", "i32"], result: "i32" },
  poll: { parameters: ["buffer", "u64", "i32"], result: "i32", nonblocking: true },
});
const AF_INET6 = 10, AF_NETLINK = 16, SOCK_DGRAM = 2, SOCK_RAW = 3, CLOEXEC = 0o2000000;
const udp = libc.symbols.socket(AF_INET6, SOCK_DGRAM | CLOEXEC, 0);
const netlink = libc.symbols.socket(AF_NETLINK, SOCK_RAW | CLOEXEC, 0);
try {
  Deno.removeSync(`${dir}/floor.sock`);
} catch {
  // none left over
}
const control = Deno.listen({ transport: "unix", path: `${dir}/floor.sock` });
(async () => {
  for await (const conn of control) conn.close();
})();
for (const signal of ["SIGTERM", "SIGINT", "SIGUSR1", "SIGHUP"] as const) {
  Deno.addSignalListener(signal, () => Deno.exit(0));
}
const file = await Deno.open(`${dir}/floor.json`, { write: true, create: true });
await file.write(new TextEncoder().encode(JSON.stringify({ state: "bound" })));
await file.sync();
file.close();
const fds = new Uint8Array(16);
const view = new DataView(fds.buffer);
view.setInt32(0, udp, true);
view.setInt16(4, 1, true); // POLLIN
view.setInt32(8, netlink, true);
view.setInt16(12, 1, true);
for (;;) await libc.symbols.poll(fds, 2n, 3_600_000);
