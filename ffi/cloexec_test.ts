/**
 * No descriptor edge6 opens may leak into a hook (RFC-independent; an
 * OPNsense dhcp6c fix): a child started with Deno.Command must not see any
 * of them. The child lists its descriptors with `ls -l /proc/self/fd`, which
 * shows each one's target (`socket:[inode]`, `anon_inode:[eventfd]`), and we
 * look for the targets of ours.
 */
import assert from "node:assert/strict";
import { libc } from "./libc.ts";
import { NetlinkMonitor } from "./netlink_monitor.ts";
import { RtNetlink } from "./netlink.ts";
import { Poller } from "./poll.ts";
import { AF_INET6, SOCK_DGRAM } from "./socket_constants.ts";
import { close, isCloseOnExec } from "./syscalls.ts";
import { Udp6Socket } from "./udp6_socket.ts";

/** The descriptor targets a child process inherits. */
async function childDescriptors(): Promise<string> {
  const result = await new Deno.Command("ls", { args: ["-l", "/proc/self/fd"], stdout: "piped" })
    .output();
  assert.ok(result.success, "ls /proc/self/fd ran");
  return new TextDecoder().decode(result.stdout);
}

/** What /proc says descriptor `fd` of this process is, e.g. `socket:[12345]`. */
function target(fd: number): string {
  return Deno.readLinkSync(`/proc/self/fd/${fd}`);
}

Deno.test("every descriptor ffi/ opens is close-on-exec and absent from a child", async () => {
  const udp = Udp6Socket.open({ port: 0 });
  const rtnl = RtNetlink.open();
  const monitor = NetlinkMonitor.open();
  const poller = Poller.open();
  try {
    const ours = [udp.fd, rtnl.fd, monitor.fd, poller.wakeFd];
    for (const fd of ours) assert.ok(isCloseOnExec(fd), `fd ${fd} has FD_CLOEXEC`);
    const listing = await childDescriptors();
    for (const fd of ours) {
      assert.ok(!listing.includes(target(fd)), `${target(fd)} (fd ${fd}) leaked:\n${listing}`);
    }
  } finally {
    poller.close();
    monitor.close();
    await rtnl.close();
    udp.close();
  }
});

Deno.test("the leak check does see a descriptor without close-on-exec", async () => {
  // A control: a socket opened without SOCK_CLOEXEC must show up in the child,
  // or the test above could not fail.
  const leaky = libc().socket(AF_INET6, SOCK_DGRAM, 0);
  assert.ok(leaky >= 0);
  try {
    assert.equal(isCloseOnExec(leaky), false);
    assert.ok((await childDescriptors()).includes(target(leaky)));
  } finally {
    close(leaky);
  }
});
