/**
 * An engine for unit tests of the agent: it records its inputs and hands out
 * the actions and transmits a test queues, as the real engine would after an
 * event (RFC 9915's exchanges themselves are tested in `tests/sim`).
 */
import type {
  Action,
  ClientCommand,
  ClientConfig,
  ClientStatus,
  ConfigChangeOutcome,
  SavedLease,
  Transmit,
} from "../../src/dhcp6/client/types.ts";
import type { Engine } from "../../src/agent/ports.ts";

/** A scripted engine. */
export class ScriptedEngine implements Engine {
  /** Its inputs, as short text ("start fresh", "link up", "command renew"…). */
  readonly inputs: string[] = [];
  /** Actions handed out by `pollAction`, in order. */
  readonly actions: Action[] = [];
  /** Datagrams handed out by `pollTransmit`. */
  readonly transmits: Transmit[] = [];
  /** The timer `pollTimeout` reports. */
  timeout: number | undefined;

  /** An engine for `config`'s interface. */
  constructor(readonly config: ClientConfig) {}

  /** Records the start. */
  start(_now: number, saved?: SavedLease): void {
    this.inputs.push(`start ${saved === undefined ? "fresh" : "saved"}`);
  }
  /** Records the datagram's length. */
  handleDatagram(_now: number, _from: string, bytes: Uint8Array): void {
    this.inputs.push(`datagram ${bytes.length}`);
  }
  /** Records the timeout. */
  handleTimeout(): void {
    this.inputs.push("timeout");
    this.timeout = undefined;
  }
  /** Records the link change. */
  handleLinkChange(_now: number, up: boolean): void {
    this.inputs.push(`link ${up ? "up" : "down"}`);
  }
  /** Records the address event. */
  handleAddressEvent(_now: number, address: string, event: string): void {
    this.inputs.push(`${event} ${address}`);
  }
  /** Records the command; a stop ends at once. */
  handleCommand(_now: number, command: ClientCommand): void {
    this.inputs.push(`command ${command}`);
    if (command === "stop") this.actions.push({ type: "stopped" });
  }
  /** Records that a hook the Release waits for has ended. */
  handleHookDone(): void {
    this.inputs.push("hook done");
  }
  /** Applies every change in place. */
  handleConfigChange(): ConfigChangeOutcome {
    this.inputs.push("config change");
    return "applied";
  }
  /** The next queued action. */
  pollAction(): Action | undefined {
    return this.actions.shift();
  }
  /** The next queued datagram. */
  pollTransmit(): Transmit | undefined {
    return this.transmits.shift();
  }
  /** The scripted timer. */
  pollTimeout(): number | undefined {
    return this.timeout;
  }
  /** A bound client with nothing to show. */
  status(): ClientStatus {
    return {
      interfaceName: this.config.interfaceName,
      state: "bound",
      addresses: [],
      prefixes: [],
      ias: [],
      options: [],
      counters: { sent: {}, received: {}, dropped: {} },
    };
  }
}
