/**
 * The stateless DHCPv6 server of a LAN interface (RFC 7084 L-8, L-10; RFC
 * 9915 §6.1, §18.3.6), pure: it takes one received datagram and the data to
 * hand out, and gives the answer's bytes or the reason it was dropped.
 *
 * - Information-request (§18.3.6): a Reply with the Server Identifier, the
 *   client's Client Identifier when it sent one, the DNS servers and domain
 *   list (RFC 3646), SNTP (RFC 4075) and NTP (RFC 5908) servers, and an
 *   Information Refresh Time (§21.23) no longer than the time the data is
 *   good for, so hosts come back when it may change.
 * - Solicit (§16.2, §18.3.9): an Advertise whose IAs carry NoAddrsAvail
 *   (IA_NA) or NoPrefixAvail (IA_PD), and a top-level NoAddrsAvail: this
 *   server has no leases to give. A Request to this server gets the same
 *   statuses in a Reply (§18.3.2).
 * - Everything is validated as §16 asks and with the codec's strictness:
 *   malformed, relayed, unicast, rate-limited and not-for-us messages are
 *   counted by reason and dropped, never answered.
 * @module
 */
import { decodeMessage, encodeMessage } from "../codec.ts";
import { MessageType, OptionCode, StatusCode } from "../constants.ts";
import type { ClientServerMessage, ClientServerType } from "../message.ts";
import { messageTypeName } from "../names.ts";
import type { NtpSuboption, Option } from "../options/types.ts";
import { TokenBucket } from "../client/rate_limit.ts";

/** IRT_DEFAULT (RFC 9915 §7.6): the refresh time when nothing says otherwise, seconds. */
export const IRT_DEFAULT = 86400;
/** IRT_MINIMUM (RFC 9915 §7.6): the shortest refresh time a client uses, seconds. */
export const IRT_MINIMUM = 600;
/** Messages a client may send at once before it is rate limited. */
const CLIENT_BURST = 8;
/** Milliseconds to earn one more message per client (6 a minute, sustained). */
const CLIENT_REFILL_MS = 10_000;
/** Clients tracked for rate limiting; the least recently heard is forgotten first. */
const MAX_CLIENTS = 512;

/** What the server hands out (the LAN's `dns` setting and what the upstream learned). */
export interface ServerData {
  /** The server's DUID (RFC 9915 §11): edge6's own. */
  readonly duid: Uint8Array;
  /** DNS recursive name servers (RFC 3646 §3). */
  readonly dnsServers: readonly string[];
  /** Domain search list (RFC 3646 §4). */
  readonly domains: readonly string[];
  /** SNTP servers (RFC 4075). */
  readonly sntpServers: readonly string[];
  /** NTP server suboptions (RFC 5908). */
  readonly ntpServers: readonly NtpSuboption[];
  /** Seconds the data is good for (e.g. what is left of the upstream lease); Infinity: no end. */
  readonly validFor: number;
}

/** A datagram to the server port. */
export interface ServerRequest {
  /** The UDP payload. */
  readonly bytes: Uint8Array;
  /** The sender's address (link-local for a client on the link). */
  readonly source: string;
  /** The address it was sent to (IPV6_PKTINFO), when known. */
  readonly destination?: string;
}

/** The server's decision about one datagram. */
export type ServerOutcome =
  | { readonly type: "answer"; readonly bytes: Uint8Array; readonly message: string }
  | { readonly type: "drop"; readonly reason: string };

/** The counters of `edge6 status`. */
export interface ServerCounters {
  /** Messages received, by type name. */
  readonly received: Readonly<Record<string, number>>;
  /** Answers sent, by type name (REPLY, ADVERTISE). */
  readonly sent: Readonly<Record<string, number>>;
  /** Information-requests answered. */
  readonly informationRequests: number;
  /** Messages dropped, by reason. */
  readonly dropped: Readonly<Record<string, number>>;
}

/** The stateless server of one LAN interface. */
export class StatelessServer {
  readonly #clients = new Map<string, TokenBucket>();
  readonly #received: Record<string, number> = {};
  readonly #sent: Record<string, number> = {};
  readonly #dropped: Record<string, number> = {};
  #informationRequests = 0;

  /** Handles one datagram at engine time `now` (ms). */
  handle(request: ServerRequest, data: ServerData, now: number): ServerOutcome {
    const outcome = this.#decide(request, data, now);
    if (outcome.type === "drop") {
      this.#dropped[outcome.reason] = (this.#dropped[outcome.reason] ?? 0) + 1;
    } else this.#sent[outcome.message] = (this.#sent[outcome.message] ?? 0) + 1;
    return outcome;
  }

  /** The counters so far. */
  counters(): ServerCounters {
    return {
      received: { ...this.#received },
      sent: { ...this.#sent },
      informationRequests: this.#informationRequests,
      dropped: { ...this.#dropped },
    };
  }

  #decide(request: ServerRequest, data: ServerData, now: number): ServerOutcome {
    if (!this.#allowed(request.source, now)) return { type: "drop", reason: "rate-limited" };
    let message;
    try {
      message = decodeMessage(request.bytes);
    } catch {
      return { type: "drop", reason: "malformed" };
    }
    const name = messageTypeName(message.type);
    this.#received[name] = (this.#received[name] ?? 0) + 1;
    if (message.type === MessageType.RELAY_FORW || message.type === MessageType.RELAY_REPL) {
      return { type: "drop", reason: "relayed" };
    }
    const m = message as ClientServerMessage;
    // RFC 9915 §16: servers SHOULD NOT accept unicast from clients (the Server Unicast option is gone).
    if (request.destination !== undefined && request.destination !== "ff02::1:2") {
      return { type: "drop", reason: "unicast" };
    }
    const clientId = m.options.find((o) => o.name === "CLIENTID");
    const serverId = m.options.find((o) => o.name === "SERVERID");
    const ours = serverId !== undefined && serverId.name === "SERVERID" &&
      equalBytes(serverId.duid, data.duid);
    switch (m.type) {
      case MessageType.INFORMATION_REQUEST: {
        // §16.12: not ours, or asking for leases: drop.
        if (serverId !== undefined && !ours) return { type: "drop", reason: "other-server" };
        if (m.options.some((o) => o.name === "IA_NA" || o.name === "IA_TA" || o.name === "IA_PD")) {
          return { type: "drop", reason: "ia-in-information-request" };
        }
        this.#informationRequests++;
        const refresh = refreshTime(data.validFor);
        const options: Option[] = [
          serverIdOption(data.duid),
          ...(clientId === undefined ? [] : [clientId]),
          ...configuration(data),
          {
            name: "INFORMATION_REFRESH_TIME",
            code: OptionCode.INFORMATION_REFRESH_TIME,
            seconds: refresh,
          },
        ];
        return answer(MessageType.REPLY, m.transactionId, options);
      }
      case MessageType.SOLICIT: {
        // §16.2: a Solicit without a Client Identifier or with a Server Identifier is dropped.
        if (clientId === undefined) return { type: "drop", reason: "no-client-id" };
        if (serverId !== undefined) return { type: "drop", reason: "server-id-in-solicit" };
        return answer(MessageType.ADVERTISE, m.transactionId, [
          serverIdOption(data.duid),
          clientId,
          ...noLeases(m.options),
          ...configuration(data),
        ]);
      }
      case MessageType.REQUEST: {
        if (clientId === undefined) return { type: "drop", reason: "no-client-id" };
        if (!ours) return { type: "drop", reason: "other-server" };
        return answer(MessageType.REPLY, m.transactionId, [
          serverIdOption(data.duid),
          clientId,
          ...noLeases(m.options),
          ...configuration(data),
        ]);
      }
      default:
        // Renew, Rebind, Confirm, Release, Decline: there are no bindings here to speak of.
        return { type: "drop", reason: `not-served-${name.toLowerCase()}` };
    }
  }

  /** Takes a token of `source`'s bucket; forgets the least recently heard client when full. */
  #allowed(source: string, now: number): boolean {
    let bucket = this.#clients.get(source);
    if (bucket === undefined) {
      if (this.#clients.size >= MAX_CLIENTS) {
        const oldest = this.#clients.keys().next().value;
        if (oldest !== undefined) this.#clients.delete(oldest);
      }
      bucket = new TokenBucket(CLIENT_BURST, CLIENT_REFILL_MS);
    }
    this.#clients.delete(source);
    this.#clients.set(source, bucket);
    return bucket.take(now);
  }
}

/**
 * The Information Refresh Time to hand out (RFC 9915 §21.23): the time the
 * data is good for, at most IRT_DEFAULT, and never below IRT_MINIMUM, which
 * a client would use instead anyway.
 */
export function refreshTime(validFor: number): number {
  const seconds = Number.isFinite(validFor) ? Math.floor(validFor) : IRT_DEFAULT;
  return Math.max(IRT_MINIMUM, Math.min(IRT_DEFAULT, seconds));
}

function serverIdOption(duid: Uint8Array): Option {
  return { name: "SERVERID", code: OptionCode.SERVERID, duid };
}

/** The configuration options of `data`, empty ones left out. */
function configuration(data: ServerData): Option[] {
  const out: Option[] = [];
  if (data.dnsServers.length > 0) {
    out.push({ name: "DNS_SERVERS", code: OptionCode.DNS_SERVERS, servers: data.dnsServers });
  }
  if (data.domains.length > 0) {
    out.push({ name: "DOMAIN_LIST", code: OptionCode.DOMAIN_LIST, domains: data.domains });
  }
  if (data.sntpServers.length > 0) {
    out.push({ name: "SNTP_SERVERS", code: OptionCode.SNTP_SERVERS, servers: data.sntpServers });
  }
  if (data.ntpServers.length > 0) {
    out.push({ name: "NTP_SERVER", code: OptionCode.NTP_SERVER, suboptions: data.ntpServers });
  }
  return out;
}

/** Each IA of the client's message back with the status saying there is nothing to lease. */
function noLeases(options: readonly Option[]): Option[] {
  const out: Option[] = [];
  for (const o of options) {
    if (o.name === "IA_NA") {
      out.push({
        ...o,
        t1: 0,
        t2: 0,
        options: [status(StatusCode.NoAddrsAvail, "no addresses: stateless server, use SLAAC")],
      });
    } else if (o.name === "IA_PD") {
      out.push({
        ...o,
        t1: 0,
        t2: 0,
        options: [status(StatusCode.NoPrefixAvail, "no prefixes to delegate")],
      });
    }
  }
  out.push(status(StatusCode.NoAddrsAvail, "stateless DHCPv6 server: addresses come from SLAAC"));
  return out;
}

function status(code: number, message: string): Option {
  return { name: "STATUS_CODE", code: OptionCode.STATUS_CODE, status: code, message };
}

function answer(type: ClientServerType, transactionId: number, options: Option[]): ServerOutcome {
  try {
    return {
      type: "answer",
      bytes: encodeMessage({ type, transactionId, options }),
      message: messageTypeName(type),
    };
  } catch {
    // A value that cannot be encoded (checked before, so this is a defect): say so, send nothing.
    return { type: "drop", reason: "unencodable-answer" };
  }
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
