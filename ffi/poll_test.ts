import assert from "node:assert/strict";
import { HOST_LE } from "./host_order.ts";
import { libc } from "./libc.ts";
import { packPollfds, Poller, timeoutUntil, unpackRevents } from "./poll.ts";
import { EFD_CLOEXEC, EFD_NONBLOCK } from "./socket_constants.ts";
import { close, isCloseOnExec } from "./syscalls.ts";

Deno.test("timeoutUntil turns a deadline into a poll timeout, rounding up", () => {
  assert.equal(timeoutUntil(undefined, 1000), -1); // no timer: wait forever
  assert.equal(timeoutUntil(1500, 1000), 500);
  assert.equal(timeoutUntil(1000.2, 1000), 1); // never 0 before the deadline
  assert.equal(timeoutUntil(900, 1000), 0); // overdue: do not wait
  assert.equal(timeoutUntil(1e12, 0), 0x7fffffff); // clamped to poll's int
});

Deno.test("pollfd packing: fd, POLLIN, and revents read back", () => {
  const bytes = packPollfds([5, 9]);
  // { fd 5, events POLLIN, revents 0 }, { fd 9, events POLLIN, revents 0 }
  assert.deepEqual([...bytes], [5, 0, 0, 0, 1, 0, 0, 0, 9, 0, 0, 0, 1, 0, 0, 0]);
  bytes[6] = 0x11; // POLLIN | POLLHUP on the first entry
  assert.deepEqual(unpackRevents(bytes), [0x11, 0]);
});

Deno.test("Poller: wake() interrupts a wait with no timeout", async () => {
  const poller = Poller.open();
  try {
    assert.ok(isCloseOnExec(poller.wakeFd));
    const waiting = poller.wait([], -1);
    poller.wake();
    const ready = await waiting;
    assert.equal(ready.woken, true);
    assert.equal(ready.timedOut, false);
    assert.equal(ready.readable.size, 0);
    // The wake-up was consumed: a zero-timeout wait now times out.
    const again = await poller.wait([], 0);
    assert.equal(again.woken, false);
    assert.equal(again.timedOut, true);
  } finally {
    poller.close();
  }
});

Deno.test("Poller reports a readable descriptor and refuses concurrent waits", async () => {
  const poller = Poller.open();
  const fd = libc().eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
  assert.ok(fd >= 0);
  try {
    const one = new Uint8Array(8);
    new DataView(one.buffer).setBigUint64(0, 1n, HOST_LE);
    assert.equal(Number(libc().write(fd, one, 8n)), 8);
    const waiting = poller.wait([fd], -1);
    await assert.rejects(() => poller.wait([fd], 0), /already in progress/);
    const ready = await waiting;
    assert.deepEqual([...ready.readable], [fd]);
    assert.equal(ready.woken, false);
  } finally {
    close(fd);
    poller.close();
  }
});

Deno.test("Poller.close during a wait ends the wait and then closes", async () => {
  const poller = Poller.open();
  const waiting = poller.wait([], -1);
  poller.close();
  const ready = await waiting;
  assert.equal(ready.woken, true);
  await assert.rejects(() => poller.wait([], 0), /poller is closed/);
});
