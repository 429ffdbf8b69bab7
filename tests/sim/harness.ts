/**
 * The simulation harness: a client engine against scripted servers on a
 * virtual clock, with seeded packet loss. Every transmission and action is
 * recorded with its time; hours of lease time run in milliseconds.
 * @module
 */
import { decodeMessage, encodeMessage } from "../../src/dhcp6/codec.ts";
import type { ClientServerMessage } from "../../src/dhcp6/message.ts";
import { Dhcp6Client } from "../../src/dhcp6/client/mod.ts";
import type {
  Action,
  ClientConfig,
  ConfigChangeOutcome,
  SavedLease,
} from "../../src/dhcp6/client/mod.ts";
import { seededRandom } from "./random.ts";
import type { ScriptedServer } from "./server.ts";

/** One datagram the client sent, decoded. */
export interface Sent {
  /** Virtual time the client sent it, ms. */
  readonly time: number;
  /** The decoded message, for assertions on its options. */
  readonly message: ClientServerMessage;
  /** The bytes as the engine encoded them. */
  readonly bytes: Uint8Array;
  /** The address the shell was asked to send it to. */
  readonly destination: string;
  /** True when the seeded loss dropped it before any server saw it. */
  readonly lost: boolean;
}

/** One action the client produced. */
export interface Recorded {
  /** Virtual time the client produced it, ms. */
  readonly time: number;
  /** The action as the engine emitted it. */
  readonly action: Action;
}

/** Simulation settings. */
export interface SimOptions {
  /** The client's configuration (see `testConfig`). */
  readonly config: ClientConfig;
  /** Servers on the simulated link; none means nothing answers. */
  readonly servers?: readonly ScriptedServer[];
  /** Seed of the client's random source and of the loss decisions (default 1). */
  readonly seed?: number;
  /** Probability each datagram (either way) is lost. */
  readonly loss?: number;
  /** Start time (engine ms). */
  readonly start?: number;
}

/** A ready-made config; override what a test needs. */
export function testConfig(over: Partial<ClientConfig> = {}): ClientConfig {
  return {
    interfaceName: "wan0",
    duid: Uint8Array.of(0, 3, 0, 1, 2, 0, 0, 0, 0, 1),
    iaNa: [{ iaid: 1, hints: [] }],
    iaPd: [{ iaid: 0, hints: [{ prefix: "::", prefixLength: 56 }] }],
    requestOptions: [23, 24],
    rawOptions: [],
    rapidCommit: false,
    informationOnly: false,
    initialDelay: false,
    releaseOnStop: true,
    reconfigureAccept: false,
    ...over,
  };
}

interface Pending {
  readonly at: number;
  readonly from: string;
  readonly bytes: Uint8Array;
  readonly destination: string;
  readonly seq: number;
}

/** A client, its servers and a virtual clock. */
export class Simulation {
  /** The engine under test. */
  readonly client: Dhcp6Client;
  /** The servers on the link; a test may add or remove some mid-run. */
  readonly servers: ScriptedServer[];
  /** Every datagram the client sent, in order. */
  readonly sent: Sent[] = [];
  /** Every action the client produced, in order. */
  readonly actions: Recorded[] = [];
  /** The virtual clock, ms; only the simulation's run methods advance it. */
  now: number;
  /** Loss decisions: their own seeded source, so loss does not shift the client's draws. */
  readonly #lossRandom: () => number;
  readonly #loss: number;
  #queue: Pending[] = [];
  #seq = 0;
  /** When false, datagrams from the client reach no server. */
  serversReachable = true;

  /** A simulation at time `start` (default 0) in which the client has not started yet. */
  constructor(opts: SimOptions) {
    const seed = opts.seed ?? 1;
    this.client = new Dhcp6Client(opts.config, seededRandom(seed));
    this.servers = [...(opts.servers ?? [])];
    this.now = opts.start ?? 0;
    this.#lossRandom = seededRandom(seed ^ 0x5eed);
    this.#loss = opts.loss ?? 0;
  }

  /** Starts the client (optionally with a saved lease) and drains. */
  start(saved?: SavedLease, wallClockNow?: number): this {
    this.client.start(this.now, saved, wallClockNow);
    this.drain();
    return this;
  }

  /** Carries out pending outputs: actions first, then transmissions to the servers. */
  drain(): void {
    for (let a = this.client.pollAction(); a; a = this.client.pollAction()) {
      this.actions.push({ time: this.now, action: a });
    }
    for (let t = this.client.pollTransmit(); t; t = this.client.pollTransmit()) {
      const message = decodeMessage(t.bytes) as ClientServerMessage;
      const lost = this.#loss > 0 && this.#lossRandom() < this.#loss;
      this.sent.push({ time: this.now, message, bytes: t.bytes, destination: t.destination, lost });
      if (lost || !this.serversReachable) continue;
      for (const s of this.servers) {
        for (const answer of s.handle(message)) {
          if (this.#loss > 0 && this.#lossRandom() < this.#loss) continue;
          this.deliverAt(
            this.now + (answer.delay ?? 5),
            s.address,
            answer.bytes ?? encodeMessage(answer.message),
          );
        }
      }
    }
  }

  /** Schedules a datagram to reach the client. */
  deliverAt(at: number, from: string, bytes: Uint8Array, destination = "fe80::2"): void {
    this.#queue.push({ at, from, bytes, destination, seq: this.#seq++ });
    this.#queue.sort((a, b) => a.at - b.at || a.seq - b.seq);
  }

  /** Runs events until `until` (inclusive), then sets the clock to it. */
  runUntil(until: number): this {
    for (let steps = 0; steps < 1_000_000; steps++) {
      const timer = this.client.pollTimeout() ?? Infinity;
      const packet = this.#queue[0]?.at ?? Infinity;
      const next = Math.min(timer, packet);
      if (next > until) break;
      this.now = Math.max(this.now, next);
      if (packet <= timer) {
        const p = this.#queue.shift()!;
        this.client.handleDatagram(this.now, p.from, p.bytes, p.destination);
      } else {
        this.client.handleTimeout(this.now);
      }
      this.drain();
    }
    this.now = Math.max(this.now, until);
    return this;
  }

  /** Runs for `ms` more milliseconds. */
  runFor(ms: number): this {
    return this.runUntil(this.now + ms);
  }

  /** Runs until `pred` holds after an event, or `limit` ms pass; returns whether it held. */
  runUntilTrue(pred: () => boolean, limit: number): boolean {
    const end = this.now + limit;
    for (let steps = 0; steps < 1_000_000; steps++) {
      if (pred()) return true;
      const timer = this.client.pollTimeout() ?? Infinity;
      const packet = this.#queue[0]?.at ?? Infinity;
      const next = Math.min(timer, packet);
      if (next > end) break;
      this.runUntil(next);
    }
    return pred();
  }

  /** Feeds a command and drains. */
  command(cmd: "renew" | "rebind" | "release" | "stop"): this {
    this.client.handleCommand(this.now, cmd);
    this.drain();
    return this;
  }

  /** Feeds a configuration change (a reload), drains, and returns its outcome. */
  configure(config: ClientConfig): ConfigChangeOutcome {
    const outcome = this.client.handleConfigChange(this.now, config);
    this.drain();
    return outcome;
  }

  /** Feeds a link change and drains. */
  link(up: boolean): this {
    this.client.handleLinkChange(this.now, up);
    this.drain();
    return this;
  }

  /** Feeds a DAD result and drains. */
  address(address: string, event: "ready" | "dad-failed"): this {
    this.client.handleAddressEvent(this.now, address, event);
    this.drain();
    return this;
  }

  /** Transmissions of one message type (by number), lost ones included. */
  sentOfType(type: number): Sent[] {
    return this.sent.filter((s) => s.message.type === type);
  }

  /** Recorded actions of one type. */
  actionsOf<T extends Action["type"]>(
    type: T,
  ): (Recorded & { action: Extract<Action, { type: T }> })[] {
    return this.actions.filter((a) => a.action.type === type) as (Recorded & {
      action: Extract<Action, { type: T }>;
    })[];
  }

  /** Log messages produced so far. */
  logs(): string[] {
    return this.actionsOf("log").map((a) => a.action.message);
  }
}

/** The option named `name` in a sent message. */
export function optionOf<N extends import("../../src/dhcp6/options/types.ts").Option["name"]>(
  m: ClientServerMessage,
  name: N,
): Extract<import("../../src/dhcp6/options/types.ts").Option, { name: N }> | undefined {
  return m.options.find((o) => o.name === name) as
    | Extract<import("../../src/dhcp6/options/types.ts").Option, { name: N }>
    | undefined;
}

/** The entries of a sent message's IA_NA: each IAADDR's address, false for anything else. */
export function addressesIn(m: ClientServerMessage): (string | false)[] {
  return optionOf(m, "IA_NA")!.options.map((o) => o.name === "IAADDR" && o.address);
}

/** The entries of a sent message's IA_PD: each IAPREFIX's prefix, false for anything else. */
export function prefixesIn(m: ClientServerMessage): (string | false)[] {
  return optionOf(m, "IA_PD")!.options.map((o) => o.name === "IAPREFIX" && o.prefix);
}
