import assert from "node:assert/strict";
import {
  decodeDuidFile,
  encodeDuidFile,
  loadOrCreateDuid,
  makeDuidLlt,
  makeDuidUuid,
  pickDuidInterface,
  randomUuid,
} from "./duid_store.ts";

const mac = new Uint8Array([0x02, 0x00, 0x5e, 0x10, 0x20, 0x30]);

Deno.test("makeDuidLlt: type 1, hardware type, seconds since 2000, MAC", () => {
  // 2026-01-01T00:00:00Z is 820540800 s after 2000-01-01 (0x30e8_7580).
  const duid = makeDuidLlt(1, mac, Date.UTC(2026, 0, 1));
  assert.deepEqual(
    [...duid],
    [0, 1, 0, 1, 0x30, 0xe8, 0x75, 0x80, 0x02, 0x00, 0x5e, 0x10, 0x20, 0x30],
  );
});

Deno.test("dhcp6c file format: little-endian length then bytes", () => {
  const duid = makeDuidLlt(1, mac, Date.UTC(2026, 0, 1));
  const file = encodeDuidFile(duid);
  assert.equal(file[0], 14);
  assert.equal(file[1], 0);
  assert.deepEqual(decodeDuidFile(file), duid);
});

Deno.test("decodeDuidFile reads a file written by dhcp6c on a little-endian host", () => {
  // 0x0e00 little-endian = 14, then a DUID-LLT.
  const file = new Uint8Array([
    0x0e,
    0x00,
    0x00,
    0x01,
    0x00,
    0x01,
    0x2a,
    0x3b,
    0x4c,
    0x5d,
    0x00,
    0x0c,
    0x29,
    0xaa,
    0xbb,
    0xcc,
  ]);
  assert.deepEqual(
    [...decodeDuidFile(file)],
    [0x00, 0x01, 0x00, 0x01, 0x2a, 0x3b, 0x4c, 0x5d, 0x00, 0x0c, 0x29, 0xaa, 0xbb, 0xcc],
  );
});

Deno.test("decodeDuidFile rejects short, oversize and truncated files precisely", () => {
  assert.throws(
    () => decodeDuidFile(new Uint8Array([1]), "/x"),
    /\/x: 1 bytes, expected at least 2/,
  );
  assert.throws(() => decodeDuidFile(new Uint8Array([0xff, 0x00])), /length 255 at offset 0/);
  assert.throws(
    () => decodeDuidFile(new Uint8Array([0x0e, 0x00, 1, 2])),
    /says 14 bytes but only 2/,
  );
  // A big-endian length (as a careless writer would produce) is caught as oversize.
  assert.throws(() => decodeDuidFile(new Uint8Array([0x00, 0x0e, ...new Uint8Array(14)])), /3584/);
});

Deno.test("pickDuidInterface skips interfaces without a usable MAC", () => {
  const chosen = pickDuidInterface([
    { name: "lo", hardwareType: 772, mac: new Uint8Array(6) },
    { name: "tun0", hardwareType: 65534, mac: new Uint8Array() },
    { name: "eth0", hardwareType: 1, mac },
    { name: "eth1", hardwareType: 1, mac: new Uint8Array([2, 0, 0, 0, 0, 1]) },
  ]);
  assert.equal(chosen?.name, "eth0");
});

Deno.test("loadOrCreateDuid creates once, then keeps the file's DUID", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = `${dir}/db/dhcp6c_duid`;
    const interfaces = () => [{ name: "eth0", hardwareType: 1, mac }];
    const first = await loadOrCreateDuid(path, interfaces, Date.UTC(2026, 0, 1), []);
    assert.equal(first.origin, "created");
    const second = await loadOrCreateDuid(path, () => [], Date.UTC(2027, 0, 1), []);
    assert.equal(second.origin, "file");
    assert.deepEqual(second.duid, first.duid);
    assert.deepEqual(await Deno.readFile(path), encodeDuidFile(first.duid));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("loadOrCreateDuid refuses to replace a corrupt file", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeFile(`${dir}/bad`, new Uint8Array([9]));
    await assert.rejects(loadOrCreateDuid(`${dir}/bad`, () => [], 0, []), /expected at least 2/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("loadOrCreateDuid: a router with no link-layer address anywhere gets a DUID-UUID, kept", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = `${dir}/duid`;
    // A PPP or tun WAN and the loopback: no MAC to make a DUID-LLT from.
    const interfaces = () => [
      { name: "lo", hardwareType: 772, mac: new Uint8Array(6) },
      { name: "ppp0", hardwareType: 512, mac: new Uint8Array() },
    ];
    const uuid = Uint8Array.from({ length: 16 }, (_, i) => 0xa0 + i);
    const first = await loadOrCreateDuid(path, interfaces, 0, [], () => uuid);
    assert.equal(first.origin, "created-uuid");
    assert.deepEqual([...first.duid], [0, 4, ...uuid]);
    assert.deepEqual(await Deno.readFile(path), encodeDuidFile(first.duid));
    // Once made, it is the router's identity: a MAC that appears later changes nothing.
    const again = await loadOrCreateDuid(
      path,
      () => [{ name: "eth0", hardwareType: 1, mac }],
      0,
      [],
    );
    assert.equal(again.origin, "file");
    assert.deepEqual(again.duid, first.duid);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a random UUID for a DUID-UUID is version 4, variant 10, and differs each time", () => {
  const a = randomUuid();
  const b = randomUuid();
  assert.equal(a.length, 16);
  assert.equal(a[6]! >> 4, 4);
  assert.equal(a[8]! >> 6, 2);
  assert.notDeepEqual(a, b);
  assert.deepEqual([...makeDuidUuid(a).subarray(0, 2)], [0, 4]);
  assert.throws(() => makeDuidUuid(new Uint8Array(15)), /16 bytes, not 15/);
});

Deno.test("loadOrCreateDuid adopts dhcp6c's DUID file and keeps a copy", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const dhcp6c = new Uint8Array([0x0a, 0x00, 0, 3, 0, 1, 0x00, 0x0c, 0x29, 0xaa, 0xbb, 0xcc]);
    await Deno.writeFile(`${dir}/dhcp6c_duid`, dhcp6c);
    const path = `${dir}/edge6/duid`;
    const got = await loadOrCreateDuid(path, () => [{ name: "eth0", hardwareType: 1, mac }], 0, [
      `${dir}/absent`,
      `${dir}/dhcp6c_duid`,
    ]);
    assert.equal(got.origin, "dhcp6c");
    assert.deepEqual([...got.duid], [0, 3, 0, 1, 0x00, 0x0c, 0x29, 0xaa, 0xbb, 0xcc]);
    assert.deepEqual(await Deno.readFile(path), dhcp6c);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
