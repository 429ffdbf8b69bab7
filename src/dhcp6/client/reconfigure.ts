/**
 * Reconfigure (RFC 9915 §18.2.11): validated as §16.11 asks, authenticated
 * with the reconfigure key (§20.4, HMAC-MD5, replay detection), answered with
 * the Renew, Rebind or Information-request its Reconfigure Message option names.
 * @module
 */
import { MessageType } from "../constants.ts";
import type { ClientServerMessage } from "../message.ts";
import { reconfigureKeyOf, verifyReconfigureHmac } from "../auth/reconfigure_key.ts";
import { toHex } from "../hex.ts";
import type { ClientCore } from "./state.ts";
import { findOption, sameBytes } from "./messages.ts";
import { startRebind, startRenew } from "./renew.ts";
import { startInformationRequest } from "./info_request.ts";

/**
 * Records the reconfigure key a Reply carries (§20.4.3) when the client
 * accepts Reconfigure and the server agreed with a Reconfigure Accept option.
 */
export function takeReconfigureKey(
  core: ClientCore,
  m: ClientServerMessage,
  serverDuid: Uint8Array,
): void {
  if (!core.config.reconfigureAccept) return;
  const auth = findOption(m.options, "AUTH");
  if (!findOption(m.options, "RECONF_ACCEPT")) {
    core.log(
      "debug",
      "the server did not send Reconfigure Accept: it will not reconfigure this client",
    );
    core.reconfigureKey = undefined;
    return;
  }
  if (!auth) {
    core.log(
      "debug",
      "Reconfigure Accept without a reconfigure key: Reconfigure messages will be dropped",
    );
    return;
  }
  const key = reconfigureKeyOf(auth);
  if (typeof key === "string") {
    core.log("debug", `ignoring the Authentication option of the REPLY: ${key}`);
    return;
  }
  core.reconfigureKey = key;
  core.replay.record(toHex(serverDuid), auth.replayDetection);
  core.log("debug", "recorded the reconfigure key (RFC 9915 §20.4)");
}

const ANSWERS: Readonly<Record<number, string>> = {
  5: "RENEW",
  6: "REBIND",
  11: "INFORMATION-REQUEST",
};

/**
 * Handles a Reconfigure. `bytes` are the message as received (the HMAC covers
 * them); `multicast` tells whether it reached a multicast address.
 */
export function handleReconfigure(
  core: ClientCore,
  now: number,
  from: string,
  m: ClientServerMessage,
  bytes: Uint8Array,
  multicast: boolean,
): void {
  const drop = (reason: string, why: string) =>
    core.drop(`reconfigure-${reason}`, () => `RECONFIGURE from ${from}: ${why}`);
  if (!core.config.reconfigureAccept) {
    return drop("not-accepted", "Reconfigure is not accepted by configuration");
  }
  if (multicast) return drop("multicast", "not unicast to the client (RFC 9915 §16.11)");
  const sid = findOption(m.options, "SERVERID");
  if (!sid) return drop("missing-server-id", "no Server Identifier (RFC 9915 §16.11)");
  const cid = findOption(m.options, "CLIENTID");
  if (!cid || !sameBytes(cid.duid, core.config.duid)) {
    return drop("client-id", "no Client Identifier with our DUID (RFC 9915 §16.11)");
  }
  const msg = findOption(m.options, "RECONF_MSG");
  if (!msg) return drop("missing-reconf-msg", "no Reconfigure Message option (RFC 9915 §16.11)");
  const answer = ANSWERS[msg.messageType];
  if (!answer) {
    return drop("bad-reconf-msg", `Reconfigure Message type ${msg.messageType} is not 5, 6 or 11`);
  }
  const key = core.reconfigureKey;
  if (!key || !core.server || !sameBytes(core.server.duid, sid.duid)) {
    return drop("no-key", "no reconfigure key from this server");
  }
  const auth = findOption(m.options, "AUTH");
  if (!auth) return drop("auth", "no Authentication option (RFC 9915 §16.11)");
  const bad = verifyReconfigureHmac(bytes, key);
  if (bad) return drop("auth", `authentication failed: ${bad} (RFC 9915 §20.4)`);
  if (!core.replay.accept(toHex(sid.duid), auth.replayDetection)) {
    return drop(
      "replay",
      `replay detection ${auth.replayDetection} is not above the last one (RFC 9915 §20.3)`,
    );
  }
  if (core.exchange) {
    return drop("busy", `an exchange (${core.exchange.kind}) is in progress (RFC 9915 §18.2.11)`);
  }
  if (msg.messageType !== MessageType.INFORMATION_REQUEST && !core.hasLeases) {
    return drop("no-bindings", `asks for ${answer} but no lease is held`);
  }
  core.log("info", `accepted RECONFIGURE from ${from}: answering with ${answer}`);
  const why = `RECONFIGURE from ${from}`;
  if (msg.messageType === MessageType.RENEW) startRenew(core, now, { why });
  else if (msg.messageType === MessageType.REBIND) startRebind(core, now, { why });
  else startInformationRequest(core, now, { why, serverDuid: sid.duid });
}
