/**
 * The status snapshot for `edge6 status`, hooks and persistence.
 * @module
 */
import { INFINITY } from "../constants.ts";
import { toHex } from "../hex.ts";
import type { ClientStatus } from "./types.ts";
import { type ClientCore, iaHasLeases } from "./state.ts";
import { effectiveT1T2 } from "./ia.ts";
import { nextTimeout } from "./timers.ts";

/**
 * What the client holds at `now`. Leases of unknown age that no server has
 * confirmed are not shown: the shell never installed them, and a hook must
 * not hand them to an RA daemon (`IaBinding.unconfirmed`).
 */
export function buildStatus(core: ClientCore, _now: number): ClientStatus {
  const next = nextTimeout(core);
  const confirmed = core.confirmedIas;
  return {
    interfaceName: core.config.interfaceName,
    state: core.state,
    ...(core.server
      ? { serverDuid: toHex(core.server.duid), serverAddress: core.server.address }
      : {}),
    addresses: confirmed.flatMap((ia) => ia.addresses),
    prefixes: confirmed.flatMap((ia) => ia.prefixes),
    ias: core.ias.map((ia) => {
      const held = iaHasLeases(ia) && !ia.unconfirmed;
      const t = held ? effectiveT1T2(ia) : { t1: 0, t2: 0 };
      const due = (seconds: number) =>
        held && Number.isFinite(seconds) ? ia.boundAt + seconds * 1000 : undefined;
      const t1At = due(t.t1);
      const t2At = due(t.t2);
      return {
        type: ia.type,
        iaid: ia.iaid,
        t1: Number.isFinite(t.t1) ? t.t1 : INFINITY,
        t2: Number.isFinite(t.t2) ? t.t2 : INFINITY,
        ...(t1At === undefined ? {} : { t1At }),
        ...(t2At === undefined ? {} : { t2At }),
        ...(ia.status ? { status: ia.status } : {}),
      };
    }),
    options: core.options,
    ...(next !== undefined ? { nextTimeout: next } : {}),
    counters: {
      sent: { ...core.sent },
      received: { ...core.received },
      dropped: { ...core.dropped },
    },
  };
}
