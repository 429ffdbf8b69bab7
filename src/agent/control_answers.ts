/**
 * The answers to `edge6 status | renew | rebind | release | reload`, built
 * from the runtimes' statuses and carried out on the runtimes: renew and
 * rebind start RFC 9915 §18.2.4 and §18.2.5 at once, release is §18.2.7.
 * @module
 */
import type { ControlRequest, ControlResponse } from "./control_protocol.ts";
import type { InterfaceStatus } from "./upstream_runtime.ts";
import type { Upstreams } from "./upstreams.ts";
import type { LanStatus } from "../hooks/lan_status.ts";

/** What the answers are made from. */
export interface ControlContext {
  /** Every interface's status, in configured order. */
  readonly statuses: () => InterfaceStatus[];
  /** Every LAN interface's status (`[lan.NAME]` tables), in configured order. */
  readonly lanStatuses?: () => LanStatus[];
  /** The status document of `edge6 status --json`. */
  readonly statusJson: (
    statuses: readonly InterfaceStatus[],
    lan?: readonly LanStatus[],
  ) => unknown;
  /** Reloads the configuration (see `reload.ts`). */
  readonly reload: () => Promise<ControlResponse>;
  /** The runtimes commands go to. */
  readonly upstreams: Upstreams;
  /** Monotonic time now. */
  readonly now: () => number;
}

/** Answers one control request. */
export async function answerControl(
  request: ControlRequest,
  context: ControlContext,
): Promise<ControlResponse> {
  if (request.command === "status") {
    const statuses = context.statuses().filter((s) =>
      request.interface === undefined || s.client.interfaceName === request.interface
    );
    const lan = (context.lanStatuses?.() ?? []).filter((l) =>
      request.interface === undefined || l.name === request.interface
    );
    if (request.interface !== undefined && statuses.length === 0 && lan.length === 0) {
      return { ok: false, error: `no interface ${request.interface} in this agent` };
    }
    return { ok: true, status: context.statusJson(statuses, lan) };
  }
  if (request.command === "reload") return await context.reload();
  const names = context.upstreams.command(context.now(), request.command, request.interface);
  if (names.length === 0) {
    return {
      ok: false,
      error: request.interface === undefined
        ? "no running interfaces"
        : `no running interface ${request.interface} in this agent`,
    };
  }
  return { ok: true, message: `${request.command} started on ${names.join(", ")}` };
}
