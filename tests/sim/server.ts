/**
 * A scripted DHCPv6 server for simulations: answers what a client sends the
 * way RFC 9915 §18.3 describes, with every answer open to per-test scripting.
 * @module
 */
import type { ClientServerMessage } from "../../src/dhcp6/message.ts";
import type { Option } from "../../src/dhcp6/options/types.ts";

/** An answer: the message and how long after the request it arrives. */
export interface Answer {
  /** The answer as a message; encoded when sent unless `bytes` is given. */
  readonly message: ClientServerMessage;
  /** Delay in ms (default 5). */
  readonly delay?: number;
  /** Raw bytes to send instead of encoding `message`. */
  readonly bytes?: Uint8Array;
}

/** What the server hands out per IA. */
export interface Pool {
  /** IA_NA address per IAID. */
  readonly addresses: Readonly<Record<number, string>>;
  /** IA_PD prefix per IAID, as [prefix, length]. */
  readonly prefixes: Readonly<Record<number, readonly [string, number]>>;
  /** Preferred lifetime of every lease, seconds. */
  readonly preferred: number;
  /** Valid lifetime of every lease, seconds. */
  readonly valid: number;
  /** T1 put in every IA, seconds. */
  readonly t1: number;
  /** T2 put in every IA, seconds. */
  readonly t2: number;
}

/** Settings of a scripted server. */
export interface ServerOptions {
  /** The server's DUID, sent in its Server Identifier option. */
  readonly duid: Uint8Array;
  /** The link-local address its answers come from. */
  readonly address: string;
  /** What it hands out. */
  readonly pool: Pool;
  /** Preference option value in Advertises (RFC 9915 §21.8); absent: no option. */
  readonly preference?: number;
  /** Answer a Solicit carrying Rapid Commit with a Reply (RFC 9915 §18.3.1). */
  readonly rapidCommit?: boolean;
  /** Extra top-level options in every Advertise and Reply. */
  readonly extra?: readonly Option[];
  /**
   * Replaces the default answer: return an array (possibly empty) to answer
   * with, or undefined to answer by default.
   */
  readonly script?: (m: ClientServerMessage, server: ScriptedServer) => Answer[] | undefined;
}

/** A scripted server. */
export class ScriptedServer {
  /** The settings it was made with. */
  readonly options: ServerOptions;
  /** Every message it received. */
  readonly received: ClientServerMessage[] = [];

  /** A server with the given settings that has received nothing yet. */
  constructor(options: ServerOptions) {
    this.options = options;
  }

  /** The server's DUID (`options.duid`). */
  get duid(): Uint8Array {
    return this.options.duid;
  }

  /** The address its answers come from (`options.address`). */
  get address(): string {
    return this.options.address;
  }

  /** The answers to a client message. */
  handle(m: ClientServerMessage): Answer[] {
    this.received.push(m);
    const scripted = this.options.script?.(m, this);
    if (scripted) return scripted;
    return this.defaultAnswer(m);
  }

  /** RFC 9915 §18.3 behaviour, simplified. */
  defaultAnswer(m: ClientServerMessage): Answer[] {
    const sid = m.options.find((o) => o.name === "SERVERID");
    if (sid && sid.name === "SERVERID" && !sameBytes(sid.duid, this.duid)) return [];
    switch (m.type) {
      case 1: {
        const rapid = this.options.rapidCommit && m.options.some((o) => o.name === "RAPID_COMMIT");
        return [{
          message: this.response(
            m,
            rapid ? 7 : 2,
            this.leases(m),
            rapid ? [{ name: "RAPID_COMMIT", code: 14 }] : [],
          ),
        }];
      }
      case 3:
      case 5:
      case 6:
        return [{ message: this.response(m, 7, this.leases(m)) }];
      case 4:
      case 8:
      case 9:
        return [{ message: this.response(m, 7, [], [status(0, "ok")]) }];
      case 11:
        return [{ message: this.response(m, 7, []) }];
      default:
        return [];
    }
  }

  /** A response to `m` with the client's Client ID, our Server ID, and `options`. */
  response(
    m: ClientServerMessage,
    type: 2 | 7 | 10,
    ias: Option[],
    more: Option[] = [],
  ): ClientServerMessage {
    const cid = m.options.filter((o) => o.name === "CLIENTID");
    const pref: Option[] = this.options.preference !== undefined && type === 2
      ? [{ name: "PREFERENCE", code: 7, value: this.options.preference }]
      : [];
    return {
      type,
      transactionId: m.transactionId,
      options: [
        ...cid,
        { name: "SERVERID", code: 2, duid: this.duid },
        ...ias,
        ...pref,
        ...more,
        ...(this.options.extra ?? []),
      ],
    };
  }

  /** IA options binding every IA the client asked for, from the pool. */
  leases(m: ClientServerMessage, pool: Pool = this.options.pool): Option[] {
    const timers = { t1: pool.t1, t2: pool.t2 };
    const lifetimes = () => ({
      preferredLifetime: pool.preferred,
      validLifetime: pool.valid,
      options: [],
    });
    const out: Option[] = [];
    for (const o of m.options) {
      if (o.name === "IA_NA") {
        const a = pool.addresses[o.iaid];
        out.push({
          name: "IA_NA",
          code: 3,
          iaid: o.iaid,
          ...timers,
          options: a
            ? [{ name: "IAADDR", code: 5, address: a, ...lifetimes() }]
            : [status(2, "no addresses")],
        });
      }
      if (o.name === "IA_PD") {
        const p = pool.prefixes[o.iaid];
        out.push({
          name: "IA_PD",
          code: 25,
          iaid: o.iaid,
          ...timers,
          options: p
            ? [{ name: "IAPREFIX", code: 26, prefix: p[0], prefixLength: p[1], ...lifetimes() }]
            : [status(6, "no prefixes")],
        });
      }
    }
    return out;
  }
}

/** A Status Code option. */
export function status(code: number, message = ""): Option {
  return { name: "STATUS_CODE", code: 13, status: code, message };
}

/** Byte-wise equality. */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
