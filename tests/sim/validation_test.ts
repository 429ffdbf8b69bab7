/** Behaviour 11 (RFC 9915 §16): dropping and counting invalid messages; nothing throws. */
import assert from "node:assert/strict";
import fc from "fast-check";
import { MessageType } from "../../src/dhcp6/constants.ts";
import { encodeMessage } from "../../src/dhcp6/codec.ts";
import type { ClientServerMessage } from "../../src/dhcp6/message.ts";
import { Simulation, testConfig } from "./harness.ts";
import { serverA } from "./fixtures.ts";

/** A soliciting client and the Advertise a server would send to its first Solicit. */
function soliciting(): { sim: Simulation; advertise: ClientServerMessage } {
  const sim = new Simulation({ config: testConfig() }).start();
  const solicit = sim.sentOfType(MessageType.SOLICIT)[0]!.message;
  return { sim, advertise: serverA().defaultAnswer(solicit)[0]!.message };
}

const dropped = (sim: Simulation) => sim.client.status(sim.now).counters.dropped;

Deno.test("11: unknown transaction id, missing/different Client ID, missing Server ID, undecodable: dropped by reason", () => {
  const { sim, advertise } = soliciting();
  const send = (m: ClientServerMessage | Uint8Array) =>
    sim.deliverAt(sim.now + 1, "fe80::a", m instanceof Uint8Array ? m : encodeMessage(m));
  send({ ...advertise, transactionId: advertise.transactionId ^ 1 });
  send({ ...advertise, options: advertise.options.filter((o) => o.name !== "CLIENTID") });
  send({
    ...advertise,
    options: advertise.options.map((
      o,
    ) => (o.name === "CLIENTID" ? { ...o, duid: Uint8Array.of(1, 2, 3) } : o)),
  });
  send({ ...advertise, options: advertise.options.filter((o) => o.name !== "SERVERID") });
  send(Uint8Array.of(2, 0, 0));
  send(Uint8Array.of(2, 1, 2, 3, 0, 1, 0, 200));
  send({ ...advertise, type: 1 });
  send({ ...advertise, type: 7 });
  sim.runFor(500);
  assert.deepEqual(dropped(sim), {
    "transaction-id": 1,
    "missing-client-id": 1,
    "client-id-mismatch": 1,
    "missing-server-id": 1,
    undecodable: 2,
    "unexpected-type": 1,
    "no-rapid-commit": 1,
  });
  assert.equal(sim.sentOfType(MessageType.REQUEST).length, 0);
  assert.ok(sim.logs().some((l) => l.includes("dropping ADVERTISE: transaction id")));
  // The genuine one still works afterwards.
  send(advertise);
  sim.runFor(1000);
  assert.equal(sim.sentOfType(MessageType.REQUEST).length, 1);
});

Deno.test("11: without debugLog, drops are counted as before and no debug record is queued", () => {
  const sim = new Simulation({ config: testConfig({ debugLog: false }) }).start();
  const solicit = sim.sentOfType(MessageType.SOLICIT)[0]!.message;
  const advertise = serverA().defaultAnswer(solicit)[0]!.message;
  const before = sim.logs().length;
  for (let i = 0; i < 50; i++) {
    sim.deliverAt(sim.now + 1, "fe80::a", Uint8Array.of(2, 1, 2, 3, 0, 1, 0, 200));
    sim.deliverAt(
      sim.now + 1,
      "fe80::a",
      encodeMessage({ ...advertise, transactionId: advertise.transactionId ^ 1 }),
    );
  }
  sim.runFor(500);
  assert.deepEqual(dropped(sim), { undecodable: 50, "transaction-id": 50 });
  assert.deepEqual(sim.logs().slice(before).filter((l) => l.includes("dropping")), []);
  assert.ok(
    sim.actionsOf("log").every((a) => a.action.level !== "debug"),
    "no debug record at all",
  );
  sim.deliverAt(sim.now + 1, "fe80::a", encodeMessage(advertise));
  sim.runFor(1000);
  assert.equal(sim.sentOfType(MessageType.REQUEST).length, 1);
});

Deno.test("11: a Reply from another server during Renew is dropped and counted", () => {
  const a = serverA({ script: (m, s) => (m.type === 5 ? [] : s.defaultAnswer(m)) });
  const sim = new Simulation({ config: testConfig(), servers: [a] }).start();
  sim.runFor(1900_000);
  const renew = sim.sentOfType(MessageType.RENEW)[0]!.message;
  const b = serverA().response(renew, 7, serverA().leases(renew));
  const forged = {
    ...b,
    options: b.options.map((
      o,
    ) => (o.name === "SERVERID" ? { ...o, duid: Uint8Array.of(0, 2, 7, 7) } : o)),
  };
  sim.deliverAt(sim.now + 1, "fe80::66", encodeMessage(forged));
  sim.runFor(10);
  assert.equal(dropped(sim)["wrong-server"], 1);
  assert.equal(sim.client.status(sim.now).state, "renewing");
});

Deno.test("11: random bytes and mutated valid messages never throw out of the engine", () => {
  const { sim, advertise } = soliciting();
  const valid = encodeMessage(advertise);
  fc.assert(
    fc.property(
      fc.oneof(
        fc.uint8Array({ maxLength: 300 }),
        fc.tuple(fc.nat({ max: valid.length - 1 }), fc.integer({ min: 0, max: 255 })).map(
          ([i, v]) => {
            const b = valid.slice();
            b[i] = v;
            return b;
          },
        ),
        fc.nat({ max: valid.length }).map((n) => valid.slice(0, n)),
      ),
      (bytes) => {
        sim.client.handleDatagram(sim.now, "fe80::a", bytes);
        sim.client.handleDatagram(sim.now, "fe80::a", bytes, "ff02::1");
        return true;
      },
    ),
    { numRuns: 2000 },
  );
  assert.equal(dropped(sim)["internal-error"], undefined, "no internal error");
  sim.drain();
  assert.ok(Object.values(dropped(sim)).reduce((a, b) => a + b, 0) > 0);
});

Deno.test("8: an Advertise or Reply sent to a multicast address is dropped and counted (§16)", () => {
  const { sim, advertise } = soliciting();
  const bytes = encodeMessage(advertise);
  for (const group of ["ff02::1", "ff02::1:2", "FF05::1:3"]) {
    sim.deliverAt(sim.now + 1, "fe80::a", bytes, group);
  }
  sim.runFor(500);
  assert.equal(dropped(sim)["multicast"], 3);
  assert.equal(sim.client.status(sim.now).state, "soliciting");
  assert.ok(
    sim.logs().some((l) =>
      l.includes("ADVERTISE from fe80::a sent to ff02::1: clients do not accept multicast")
    ),
  );
  // The same Advertise sent to the client's own address is used.
  sim.deliverAt(sim.now + 1, "fe80::a", bytes, "fe80::2");
  sim.runFor(1000);
  assert.ok(sim.sentOfType(MessageType.REQUEST).length > 0, "the Advertise was used");
  const request = sim.sentOfType(MessageType.REQUEST)[0]!.message;
  const reply = serverA().defaultAnswer(request)[0]!.message;
  sim.deliverAt(sim.now + 1, "fe80::a", encodeMessage(reply), "ff02::1");
  sim.runFor(10);
  assert.equal(dropped(sim)["multicast"], 4, "a Reply too");
  assert.equal(sim.client.status(sim.now).state, "requesting");
});
