/** Behaviour 10 (RFC 9915 §18.2.11, §16.11, §20.3, §20.4): Reconfigure with the reconfigure key. */
import assert from "node:assert/strict";
import { MessageType } from "../../src/dhcp6/constants.ts";
import { optionOf, Simulation, testConfig } from "./harness.ts";
import { DUID_A, reconfigureKeyOption, serverA, signedReconfigure } from "./fixtures.ts";

const KEY = Uint8Array.from({ length: 16 }, (_, i) => 0x40 + i);
const keyOption = reconfigureKeyOption(KEY, 10n);

/** A Reconfigure asking for `msgType`, signed with `key` (the one handed out unless given). */
function reconfigure(msgType: number, replay: bigint, key = KEY, duid?: Uint8Array): Uint8Array {
  return signedReconfigure(msgType, replay, key, duid);
}

function boundWithKey(accept = true): Simulation {
  const sim = new Simulation({
    config: testConfig({ reconfigureAccept: accept }),
    servers: [serverA({ extra: [{ name: "RECONF_ACCEPT", code: 20 }, keyOption] })],
  }).start();
  sim.runFor(5000);
  assert.equal(sim.client.status(sim.now).state, "bound");
  return sim;
}

const dropped = (sim: Simulation, reason: string) =>
  sim.client.status(sim.now).counters.dropped[reason] ?? 0;

Deno.test("10: a valid, authenticated Reconfigure is answered with the Renew it asks for", () => {
  const sim = boundWithKey();
  sim.deliverAt(sim.now + 1, "fe80::a", reconfigure(5, 11n), "2001:db8::100");
  sim.runFor(100);
  const renew = sim.sentOfType(MessageType.RENEW);
  assert.equal(renew.length, 1);
  assert.deepEqual(optionOf(renew[0]!.message, "SERVERID")?.duid, DUID_A);
  assert.ok(
    sim.logs().some((l) => l.includes("accepted RECONFIGURE from fe80::a: answering with RENEW")),
  );
  assert.equal(sim.actionsOf("hook").at(-1)?.action.reason, "RENEW");
});

Deno.test("10: Rebind and Information-request as the Reconfigure Message option asks", () => {
  const sim = boundWithKey();
  sim.deliverAt(sim.now + 1, "fe80::a", reconfigure(6, 11n), "2001:db8::100");
  sim.runFor(100);
  assert.equal(sim.sentOfType(MessageType.REBIND).length, 1);
  sim.deliverAt(sim.now + 1, "fe80::a", reconfigure(11, 12n), "2001:db8::100");
  sim.runFor(2000);
  const ir = sim.sentOfType(MessageType.INFORMATION_REQUEST);
  assert.equal(ir.length, 1);
  assert.deepEqual(
    optionOf(ir[0]!.message, "SERVERID")?.duid,
    DUID_A,
    "the Server ID of the Reconfigure",
  );
  assert.equal(sim.client.status(sim.now).state, "bound");
});

Deno.test("10: replayed, forged, multicast, unsolicited and non-accepted Reconfigures are dropped and counted", () => {
  const sim = boundWithKey();
  sim.deliverAt(sim.now + 1, "fe80::a", reconfigure(5, 11n), "2001:db8::100");
  sim.runFor(100);
  const renewsBefore = sim.sentOfType(MessageType.RENEW).length;
  sim.deliverAt(sim.now + 1, "fe80::a", reconfigure(5, 11n), "2001:db8::100");
  sim.deliverAt(sim.now + 2, "fe80::a", reconfigure(5, 9n), "2001:db8::100");
  sim.deliverAt(
    sim.now + 3,
    "fe80::a",
    reconfigure(5, 20n, KEY.map((b) => b ^ 0xff)),
    "2001:db8::100",
  );
  sim.deliverAt(sim.now + 4, "fe80::a", reconfigure(5, 21n), "ff02::1");
  sim.deliverAt(
    sim.now + 5,
    "fe80::a",
    reconfigure(5, 22n, KEY, Uint8Array.of(9, 9)),
    "2001:db8::100",
  );
  sim.deliverAt(sim.now + 6, "fe80::a", reconfigure(7, 23n), "2001:db8::100");
  sim.runFor(100);
  assert.equal(sim.sentOfType(MessageType.RENEW).length, renewsBefore, "none answered");
  assert.equal(dropped(sim, "reconfigure-replay"), 2);
  assert.equal(dropped(sim, "reconfigure-auth"), 1);
  assert.equal(dropped(sim, "reconfigure-multicast"), 1);
  assert.equal(dropped(sim, "reconfigure-client-id"), 1);
  assert.equal(dropped(sim, "reconfigure-bad-reconf-msg"), 1);

  const off = boundWithKey(false);
  off.deliverAt(off.now + 1, "fe80::a", reconfigure(5, 11n), "2001:db8::100");
  off.runFor(100);
  assert.equal(off.sentOfType(MessageType.RENEW).length, 0);
  assert.equal(dropped(off, "reconfigure-not-accepted"), 1);
});

Deno.test("10: a Reconfigure during an exchange is ignored", () => {
  const sim = boundWithKey();
  sim.serversReachable = false;
  sim.command("renew");
  sim.deliverAt(sim.now + 1, "fe80::a", reconfigure(6, 11n), "2001:db8::100");
  sim.runFor(100);
  assert.equal(sim.sentOfType(MessageType.REBIND).length, 0);
  assert.equal(dropped(sim, "reconfigure-busy"), 1);
});
