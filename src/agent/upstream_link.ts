/**
 * An upstream interface's link as its runtime sees it: usable for DHCPv6
 * once it has carrier and a link-local address past duplicate address
 * detection (RFC 4862 §5.4; RFC 9915 §13.1, §18.2.12), with the log lines
 * that say why the engine waits, and since when it has been usable.
 * @module
 */
import type { Clock } from "./clock.ts";
import type { LinkTable } from "./link_table.ts";
import {
  type AddressReport,
  isLinkLocal,
  type LinkInput,
  type LinkReadiness,
  nextLinkReadiness,
} from "./link_readiness.ts";
import type { Logger } from "./ports.ts";
import type { StartupPhase } from "./startup_phases.ts";

/** What the link state needs. */
export interface UpstreamLinkPorts {
  /** Monotonic time. */
  readonly clock: Clock;
  /** The interfaces as last reported, and their addresses on demand. */
  readonly links: Pick<LinkTable, "get" | "addresses">;
  /** Log lines. */
  readonly logger: Logger;
  /** Marks a start-up phase (`-D`'s timeline). */
  readonly phase?: (phase: StartupPhase, iface: string) => void;
}

/** One upstream interface's link readiness. */
export class UpstreamLink {
  readonly #name: string;
  readonly #ports: UpstreamLinkPorts;
  /** Told when the link became usable (true) or stopped being so (false). */
  readonly #changed: (now: number, up: boolean) => void;
  /**
   * Carrier and usable link-local addresses, and whether the engine was told
   * the link is up. A fresh engine assumes a usable link.
   */
  #state: LinkReadiness = { carrier: true, linkLocals: undefined, up: true };
  #since: number;

  /** The link of `name`; `changed` hears each verdict that differs from the last. */
  constructor(name: string, ports: UpstreamLinkPorts, changed: (now: number, up: boolean) => void) {
    this.#name = name;
    this.#ports = ports;
    this.#changed = changed;
    this.#since = ports.clock.monotonic();
  }

  /** When (monotonic ms) the link was last found usable, or the runtime was made. */
  get since(): number {
    return this.#since;
  }

  /**
   * Reads the link at start, before the engine starts: the engine hears only
   * that the link is down when it is, and the log says what it waits for.
   */
  async atStart(now: number): Promise<void> {
    const name = this.#name;
    const { logger } = this.#ports;
    const link = this.#ports.links.get(name);
    if (link === undefined) {
      logger.log("warn", `${name}: no such interface yet; waiting for it to appear`);
    } else if (link.up && !link.carrier) {
      // IFF_UP without IFF_LOWER_UP: no carrier; on a persistent tun device, no process
      // holds it (a point-to-point link with no session). Nothing passes: wait, logged once.
      logger.log("info", `${name}: up but no carrier yet (lower layer down); waiting for it`);
    }
    const addresses = await this.resync(now, true);
    if (this.#state.carrier && !this.#state.up) {
      if (addresses?.some((a) => isLinkLocal(a.address))) {
        logger.log(
          "info",
          `${name}: waiting for its link-local address (duplicate address detection)`,
        );
      } else {
        logger.log(
          "warn",
          `${name}: no IPv6 link-local address (is IPv6 enabled on ${name}?); waiting for one`,
        );
      }
    }
    if (this.#state.up) this.#ports.phase?.("link ready", name);
  }

  /**
   * Re-reads the interface's carrier (from the link table) and addresses
   * (from the kernel), at start and after lost notifications. `quiet`: at
   * start, where nothing is logged. Returns the addresses read, or undefined
   * when they could not be.
   */
  async resync(now: number, quiet = false): Promise<readonly AddressReport[] | undefined> {
    const addresses = await this.#ports.links.addresses(this.#name);
    if (addresses !== undefined) this.input({ type: "addresses", reports: addresses }, now, quiet);
    const link = this.#ports.links.get(this.#name);
    const carrier = link !== undefined && link.up && link.carrier;
    this.input({ type: "carrier", carrier }, now, quiet);
    return addresses;
  }

  /** Folds a link change in; a new verdict goes to `changed`. */
  input(input: LinkInput, now: number, quiet = false): void {
    const name = this.#name;
    const before = this.#state;
    const { state, tell } = nextLinkReadiness(before, input);
    this.#state = state;
    if (tell === undefined) {
      if (!quiet && state.carrier && !before.carrier) {
        this.#ports.logger.log(
          "info",
          `${name}: carrier up; waiting for its link-local address (duplicate address detection)`,
        );
      }
      return;
    }
    if (tell) {
      this.#ports.phase?.("link ready", name);
      this.#since = now;
    }
    if (!quiet) {
      const how = tell ? "up" : state.carrier ? "down: no usable link-local address" : "down";
      this.#ports.logger.log("notice", `${name}: link ${how}`);
    }
    this.#changed(now, tell);
  }
}
