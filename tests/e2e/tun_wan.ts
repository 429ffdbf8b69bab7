/**
 * A point-to-point WAN without a link-layer address for the end-to-end suite,
 * standing in for PPPoE (this kernel has no PPP driver): the lab's WAN veth
 * is replaced by two tun devices, `srv0` in the server namespace and `wan0`
 * in the router namespace, joined by `fixtures/tun_forwarder.py`. `wan0`
 * exists only between `up()` and `down()`, as a PPP interface exists only
 * while its session is up.
 */
import { execOk } from "../../src/agent/lab/exec.ts";
import { waitForLinkLocal } from "../../src/agent/lab/netns.ts";
import type { E2eLab } from "./harness.ts";

const SCRIPT = new URL("./fixtures/tun_forwarder.py", import.meta.url).pathname;

/** The forwarder and the two ends of the link. */
export class TunWan {
  readonly #child: Deno.ChildProcess;
  readonly #writer: WritableStreamDefaultWriter<Uint8Array>;
  readonly #lines: AsyncIterator<string>;
  readonly #routerNs: string;

  private constructor(child: Deno.ChildProcess, routerNs: string) {
    this.#child = child;
    this.#routerNs = routerNs;
    this.#writer = child.stdin.getWriter();
    this.#lines = child.stdout.pipeThrough(new TextDecoderStream()).pipeThrough(lineSplitter())[
      Symbol.asyncIterator
    ]();
  }

  /**
   * Replaces `lab`'s veth WAN by the tun pair: `srv0` (up, 2001:db8:1::1/64,
   * ready for Kea) at once, `wan0` on `up()`.
   */
  static async create(lab: E2eLab): Promise<TunWan> {
    const { serverNs, routerNs } = lab.topology;
    await execOk("ip", ["-n", routerNs, "link", "del", "wan0"]); // its peer srv0 goes too
    const child = new Deno.Command("ip", {
      args: [
        "netns",
        "exec",
        serverNs,
        "/usr/bin/python3",
        SCRIPT,
        "srv0",
        `/run/netns/${routerNs}`,
        "wan0",
      ],
      stdin: "piped",
      stdout: "piped",
      stderr: "inherit",
    }).spawn();
    const link = new TunWan(child, routerNs);
    await link.#expect("ready");
    await execOk("ip", ["-n", serverNs, "link", "set", "srv0", "up"]);
    await execOk("ip", ["-n", serverNs, "addr", "add", "2001:db8:1::1/64", "dev", "srv0", "nodad"]);
    await waitForLinkLocal(serverNs, "srv0");
    return link;
  }

  /** The session comes up: `wan0` is created in the router namespace and set up. */
  async up(): Promise<void> {
    await this.#command("up");
    await execOk("ip", ["-n", this.#routerNs, "link", "set", "wan0", "up"]);
  }

  /** The session ends: `wan0` is deleted, with its addresses. */
  async down(): Promise<void> {
    await this.#command("down");
  }

  /** Ends the forwarder (both tun devices go with it). */
  async close(): Promise<void> {
    await this.#writer.close().catch(() => {});
    await this.#child.status;
  }

  async #command(command: string): Promise<void> {
    await this.#writer.write(new TextEncoder().encode(`${command}\n`));
    await this.#expect(command);
  }

  async #expect(line: string): Promise<void> {
    const next = await this.#lines.next();
    if (next.done || next.value !== line) {
      throw new Error(
        `tun_forwarder.py: expected "${line}", got ${next.done ? "its end" : `"${next.value}"`}`,
      );
    }
  }
}

/** Splits a text stream into lines. */
function lineSplitter(): TransformStream<string, string> {
  let rest = "";
  return new TransformStream({
    transform(chunk, controller) {
      const parts = (rest + chunk).split("\n");
      rest = parts.pop() ?? "";
      for (const part of parts) controller.enqueue(part);
    },
  });
}
