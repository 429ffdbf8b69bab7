/**
 * One client-initiated message exchange (RFC 9915 §15): its transaction id,
 * the delayed first transmission, retransmission and failure. The message is
 * rebuilt at every (re)transmission with a fresh Elapsed Time (§21.9).
 * @module
 */
import { ALL_DHCP_RELAY_AGENTS_AND_SERVERS, MessageType } from "../constants.ts";
import { messageTypeName } from "../names.ts";
import type { ClientServerMessage, ClientServerType } from "../message.ts";
import { encodeMessage } from "../codec.ts";
import { Retransmission, type RetransmissionLimits } from "../retransmit.ts";
import { type ClientCore, increment } from "./state.ts";
import type { Advertised } from "./advertise.ts";

/** The kinds of exchange a client runs (RFC 9915 §18.2.1–§18.2.8). */
export type ExchangeKind =
  | "solicit"
  | "request"
  | "confirm"
  | "renew"
  | "rebind"
  | "release"
  | "decline"
  | "information-request";

/** The message each kind of exchange sends (RFC 9915 §7.3). */
const MESSAGE_TYPE: Readonly<Record<ExchangeKind, ClientServerType>> = {
  solicit: MessageType.SOLICIT,
  request: MessageType.REQUEST,
  confirm: MessageType.CONFIRM,
  renew: MessageType.RENEW,
  rebind: MessageType.REBIND,
  release: MessageType.RELEASE,
  decline: MessageType.DECLINE,
  "information-request": MessageType.INFORMATION_REQUEST,
};

/** What happens when the exchange fails (§15: MRC or MRD reached). */
export type FailHandler = (core: ClientCore, now: number) => void;

/** A running exchange. */
export interface Exchange {
  /** Which client exchange this is; an answer is handled according to it. */
  readonly kind: ExchangeKind;
  /** The message type sent at each (re)transmission (RFC 9915 §7.3), from `kind`. */
  readonly type: ClientServerType;
  /** The 24-bit transaction id every answer must echo (§16.1). */
  readonly transactionId: number;
  /** RT/MRC/MRT/MRD state of this exchange (§15). */
  readonly retransmission: Retransmission;
  /** Builds the message to send with the given Elapsed Time (hundredths of a second, §21.9). */
  readonly build: (exchange: Exchange, elapsed: number) => ClientServerMessage;
  /** Called once when the retransmission limits are reached (§15). */
  readonly onFail: FailHandler;
  /** Engine time of a pending (delayed or rate-limited) transmission. */
  sendAt: number | undefined;
  /** The server addressed (Request, Renew, Release, Decline, reconfigure answers). */
  readonly serverDuid: Uint8Array | undefined;
  /** Advertises collected during the first RT of a Solicit (§18.2.1). */
  readonly advertised: Advertised[];
  /** A Rebind after a link change, timed as a Confirm (§18.2.12). */
  readonly confirmTiming: boolean;
  /** Confirm: the server that answered NotOnLink, while a Success may still come (§18.2.10.3). */
  notOnLinkFrom: string | undefined;
  /** Called after each transmission, once its RT is set (see `ExchangeSpec.onSent`). */
  readonly onSent: ((exchange: Exchange, now: number) => void) | undefined;
}

/** What a new exchange needs. */
export interface ExchangeSpec {
  /** Which client exchange to run; it names the message type sent. */
  readonly kind: ExchangeKind;
  /** IRT, MRC, MRT and MRD of this message, from the §7.6 table. */
  readonly limits: RetransmissionLimits;
  /** Delay before the first transmission, ms. */
  readonly delay: number;
  /** Builds the message to send with the given Elapsed Time (§21.9). */
  readonly build: (exchange: Exchange, elapsed: number) => ClientServerMessage;
  /** Called once when the retransmission limits are reached (§15). */
  readonly onFail: FailHandler;
  /** The server addressed, when the message carries a Server Identifier. */
  readonly serverDuid?: Uint8Array;
  /** True for a Rebind after a link change, timed as a Confirm (§18.2.12). */
  readonly confirmTiming?: boolean;
  /** Called after each transmission (the first is number 1), once the RT is set. */
  readonly onSent?: (exchange: Exchange, now: number) => void;
}

/** The RFC 9915 §7.3 name of a message type, for logs and counters. */
export const messageName: (type: number) => string = messageTypeName;

/**
 * Starts an exchange with a new transaction id (RFC 9915 §16.1), replacing
 * any running one; sends at once unless a delay is asked for.
 */
export function startExchange(core: ClientCore, now: number, spec: ExchangeSpec): Exchange {
  const exchange: Exchange = {
    kind: spec.kind,
    type: MESSAGE_TYPE[spec.kind],
    transactionId: core.newTransactionId(),
    retransmission: new Retransmission(spec.limits, core.random),
    build: spec.build,
    onFail: spec.onFail,
    sendAt: now + spec.delay,
    serverDuid: spec.serverDuid,
    advertised: [],
    confirmTiming: spec.confirmTiming ?? false,
    notOnLinkFrom: undefined,
    onSent: spec.onSent,
  };
  core.exchange = exchange;
  const delay = spec.delay > 0 ? ` after a random delay of ${Math.round(spec.delay)} ms` : "";
  core.log(
    "debug",
    `starting ${messageName(exchange.type)} exchange, transaction id 0x${
      transactionIdHex(exchange.transactionId)
    }${delay}`,
  );
  if (spec.delay <= 0) transmit(core, exchange, now);
  return exchange;
}

/** A transaction id as six hex digits, for logs. */
export function transactionIdHex(id: number): string {
  return id.toString(16).padStart(6, "0");
}

/**
 * A Reply with an error status (UnspecFail and the rest) is ignored: the
 * exchange's own rate-limited retransmissions are the retry (RFC 9915 §18.2.10).
 */
export function ignoreErrorReply(
  core: ClientCore,
  kind: ExchangeKind,
  from: string,
  status: string,
): void {
  core.log(
    "debug",
    `ignoring REPLY from ${from}: status ${status}; retrying on the ${
      messageName(MESSAGE_TYPE[kind])
    } schedule`,
  );
  increment(core.dropped, "reply-status");
}

/** Ends the running exchange, if any. */
export function endExchange(core: ClientCore): void {
  core.exchange = undefined;
}

/** Engine time of the exchange's next event: a transmission or an RT expiry. */
export function exchangeTimeout(exchange: Exchange): number {
  return exchange.sendAt ?? exchange.retransmission.timeoutAt;
}

/**
 * Sends (or retransmits) the exchange's message at `now`, within the §14.1
 * rate limit: when no token is left the transmission waits for one.
 */
export function transmit(core: ClientCore, exchange: Exchange, now: number): void {
  if (!core.bucket.take(now)) {
    exchange.sendAt = core.bucket.nextAt(now);
    core.log(
      "debug",
      `rate limit (RFC 9915 §14.1): delaying ${messageName(exchange.type)} by ${
        exchange.sendAt - now
      } ms`,
    );
    return;
  }
  exchange.sendAt = undefined;
  const r = exchange.retransmission;
  // Elapsed Time: 0 in the first message, then centiseconds since it, capped (§21.9).
  const elapsed = r.count === 0 ? 0 : Math.min(0xffff, Math.floor((now - r.startedAt) / 10));
  r.sent(now);
  const message = exchange.build(exchange, elapsed);
  let bytes: Uint8Array;
  try {
    bytes = encodeMessage(message);
  } catch (e) {
    core.log("error", `cannot encode ${messageName(exchange.type)}: ${(e as Error).message}`);
    return;
  }
  const name = messageName(exchange.type);
  increment(core.sent, name);
  core.transmits.push({
    interfaceName: core.config.interfaceName,
    destination: ALL_DHCP_RELAY_AGENTS_AND_SERVERS,
    bytes,
  });
  exchange.onSent?.(exchange, now);
  core.log(
    "debug",
    `sent ${name} #${r.count} (elapsed ${elapsed} cs), next timeout in ${
      Math.round(r.timeoutAt - now)
    } ms`,
  );
}

/**
 * The exchange timer fired: send a pending transmission, or apply §15 to an
 * expired RT (retransmit or fail). Solicit's first RT is handled by the caller.
 */
export function onExchangeTimeout(core: ClientCore, exchange: Exchange, now: number): void {
  if (exchange.sendAt !== undefined) {
    transmit(core, exchange, now);
    return;
  }
  const outcome = exchange.retransmission.onTimeout(now);
  if (outcome === "fail") {
    core.log(
      "debug",
      `${
        messageName(exchange.type)
      } exchange failed after ${exchange.retransmission.count} transmissions (RFC 9915 §15: MRC/MRD reached)`,
    );
    endExchange(core);
    exchange.onFail(core, now);
    return;
  }
  transmit(core, exchange, now);
}
