/**
 * Hooks through the hook runner (`src/hooks/runner.ts`): the environment is
 * built from the status after the event, the status at the interface's
 * previous hook and the LAN subnets, and the script runs after the kernel
 * changes of the event (OPNsense's order), one at a time per interface.
 * @module
 */
import type { ClientStatus } from "../dhcp6/client/types.ts";
import { buildHookEnvironment } from "../hooks/environment.ts";
import type { LanAssignment } from "../hooks/lan_assignment.ts";
import type { HookRunner } from "../hooks/runner.ts";
import type { HookPort } from "./ports.ts";

/** A HookPort that remembers each interface's previous status for `CHANGED`. */
export function runnerHookPort(runner: HookRunner): HookPort {
  const previous = new Map<string, { status: ClientStatus; lan: readonly LanAssignment[] }>();
  return {
    async run(request) {
      const before = previous.get(request.interfaceName);
      const env = buildHookEnvironment(
        request.reason,
        request.status,
        before?.status,
        request.lan,
        {
          now: request.now,
          ...(before === undefined ? {} : { previousLanSubnets: before.lan }),
          ...(request.lanView === undefined ? {} : { lanView: request.lanView }),
        },
      );
      previous.set(request.interfaceName, { status: request.status, lan: request.lan });
      await runner.run({ interfaceName: request.interfaceName, script: request.script, env });
    },
  };
}
