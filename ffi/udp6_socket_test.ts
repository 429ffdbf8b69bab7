import assert from "node:assert/strict";
import { parseIpv6 } from "./ipv6_text.ts";
import { Poller } from "./poll.ts";
import { interfaceIndex, isCloseOnExec } from "./syscalls.ts";
import { isLinkScoped, Udp6Socket } from "./udp6_socket.ts";

Deno.test("isLinkScoped: fe80::/10 and link-scope multicast need a scope id", () => {
  assert.equal(isLinkScoped(parseIpv6("fe80::1")), true);
  assert.equal(isLinkScoped(parseIpv6("febf::1")), true);
  assert.equal(isLinkScoped(parseIpv6("ff02::1:2")), true);
  assert.equal(isLinkScoped(parseIpv6("ff05::1:3")), false); // site scope
  assert.equal(isLinkScoped(parseIpv6("2001:db8::1")), false);
  assert.equal(isLinkScoped(parseIpv6("fec0::1")), false);
});

Deno.test("Udp6Socket sends over loopback with pktinfo and reports the receiving interface", async () => {
  const lo = interfaceIndex("lo");
  assert.ok(lo > 0, "loopback interface has an index");
  const receiver = Udp6Socket.open({ port: 0, address: "::1" });
  const sender = Udp6Socket.open({ port: 0 });
  const poller = Poller.open();
  try {
    assert.ok(isCloseOnExec(receiver.fd) && isCloseOnExec(sender.fd));
    assert.equal(receiver.receive(), undefined); // nothing queued: no throw, no block
    const payload = Uint8Array.from([1, 0x12, 0x34, 0x56]); // Solicit, transaction id 123456
    sender.send(payload, { address: "::1", port: receiver.port, ifindex: lo });
    const ready = await poller.wait([receiver.fd], -1);
    assert.ok(ready.readable.has(receiver.fd));
    const datagram = receiver.receive();
    assert.ok(datagram);
    assert.deepEqual(datagram.data, payload);
    assert.equal(datagram.from.address, "::1");
    assert.equal(datagram.from.port, sender.port);
    assert.equal(datagram.ifindex, lo);
    assert.equal(datagram.destination, "::1");
    assert.equal(receiver.receive(), undefined);
  } finally {
    poller.close();
    sender.close();
    receiver.close();
  }
});

Deno.test("Udp6Socket reuses its receive buffers: each datagram comes out whole and apart", async () => {
  const lo = interfaceIndex("lo");
  const receiver = Udp6Socket.open({ port: 0, address: "::1" });
  const first = Udp6Socket.open({ port: 0 });
  const second = Udp6Socket.open({ port: 0 });
  const poller = Poller.open();
  try {
    const long = Uint8Array.from({ length: 300 }, (_, i) => i & 0xff);
    const short = Uint8Array.from([7, 1, 2, 3]);
    first.send(long, { address: "::1", port: receiver.port, ifindex: lo });
    second.send(short, { address: "::1", port: receiver.port, ifindex: lo });
    const got = [];
    while (got.length < 2) {
      await poller.wait([receiver.fd], -1);
      for (let d = receiver.receive(); d !== undefined; d = receiver.receive()) got.push(d);
    }
    // The first datagram's bytes are its own copy, not a view the second overwrote.
    assert.deepEqual(got[0]!.data, long);
    assert.equal(got[0]!.from.port, first.port);
    assert.deepEqual(got[1]!.data, short);
    assert.equal(got[1]!.from.port, second.port);
    assert.equal(got[1]!.destination, "::1");
  } finally {
    poller.close();
    first.close();
    second.close();
    receiver.close();
  }
});

Deno.test("Udp6Socket reports kernel refusals as ErrnoError with the errno name", () => {
  const first = Udp6Socket.open({ port: 0, address: "::1", reuseAddress: false });
  try {
    assert.throws(
      () => Udp6Socket.open({ port: first.port, address: "::1", reuseAddress: false }),
      (error: Error & { code?: string }) =>
        error.code === "EADDRINUSE" && /bind/.test(error.message),
    );
    assert.throws(
      () => first.send(new Uint8Array(1), { address: "::1", port: 547, ifindex: 0x7ffffff0 }),
      (error: Error & { code?: string }) => error.code === "ENXIO" || error.code === "ENODEV",
    );
  } finally {
    first.close();
  }
});
