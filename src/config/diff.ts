/**
 * What changed between two configurations, per interface: the agent uses it
 * on SIGHUP to restart only what changed and keep every other lease as it is.
 * @module
 */
import type { Config, IaNaSettings, IaPdSettings, InterfaceConfig } from "./types.ts";

/** Changes to the IAs of one type, by IAID. */
export interface IaChanges {
  /** IAIDs present only in the new configuration (to request). */
  readonly added: readonly number[];
  /** IAIDs present only in the old configuration (to release). */
  readonly removed: readonly number[];
  /** IAIDs in both whose hints or downstream interfaces differ. */
  readonly changed: readonly number[];
}

/** The verdict for one interface. */
export type InterfaceDiff =
  | { readonly name: string; readonly kind: "unchanged" | "added" | "removed" }
  | {
    readonly name: string;
    readonly kind: "changed";
    readonly iaNa: IaChanges;
    readonly iaPd: IaChanges;
    /** Other settings that differ, by TOML key (`request`, `script`, `rapid_commit`…). */
    readonly other: readonly string[];
  };

/** The difference between two configurations. */
export interface ConfigDiff {
  /** Old interfaces in old order (unchanged, changed, removed), then added ones. */
  readonly interfaces: readonly InterfaceDiff[];
  /** Global settings that differ, by TOML key (`duid_file`, `log_level`…). */
  readonly global: readonly string[];
}

const GLOBAL_KEYS = {
  duidFile: "duid_file",
  stateDir: "state_dir",
  controlSocket: "control_socket",
  logLevel: "log_level",
  logTarget: "log_target",
  logFacility: "log_facility",
  hookTimeout: "hook_timeout",
} as const;

const INTERFACE_KEYS = {
  request: "request",
  rawOptions: "raw_options",
  rapidCommit: "rapid_commit",
  informationOnly: "information_only",
  script: "script",
  reconfigureAccept: "reconfigure_accept",
  authentication: "authentication",
  initialDelay: "initial_delay",
  releaseOnStop: "release_on_stop",
} as const;

/** Compares two configurations. Pure: it looks only at its arguments. */
export function diffConfig(old: Config, next: Config): ConfigDiff {
  const interfaces: InterfaceDiff[] = [];
  const nextByName = new Map(next.interfaces.map((i) => [i.name, i]));
  const oldNames = new Set(old.interfaces.map((i) => i.name));
  for (const o of old.interfaces) {
    const n = nextByName.get(o.name);
    interfaces.push(n === undefined ? { name: o.name, kind: "removed" } : diffInterface(o, n));
  }
  for (const n of next.interfaces) {
    if (!oldNames.has(n.name)) interfaces.push({ name: n.name, kind: "added" });
  }
  const global = Object.entries(GLOBAL_KEYS)
    .filter(([k]) =>
      !same(old.global[k as keyof typeof GLOBAL_KEYS], next.global[k as keyof typeof GLOBAL_KEYS])
    )
    .map(([, key]) => key);
  return { interfaces, global };
}

function diffInterface(o: InterfaceConfig, n: InterfaceConfig): InterfaceDiff {
  const iaNa = diffIas(o.iaNa, n.iaNa);
  const iaPd = diffIas(o.iaPd, n.iaPd);
  const other = Object.entries(INTERFACE_KEYS)
    .filter(([k]) =>
      !same(o[k as keyof typeof INTERFACE_KEYS], n[k as keyof typeof INTERFACE_KEYS])
    )
    .map(([, key]) => key);
  const iaSame = [iaNa, iaPd].every((c) =>
    c.added.length + c.removed.length + c.changed.length === 0
  );
  if (iaSame && other.length === 0) return { name: o.name, kind: "unchanged" };
  return { name: o.name, kind: "changed", iaNa, iaPd, other };
}

function diffIas<T extends IaNaSettings | IaPdSettings>(
  o: readonly T[],
  n: readonly T[],
): IaChanges {
  const oldBy = new Map(o.map((ia) => [ia.iaid, ia]));
  const newBy = new Map(n.map((ia) => [ia.iaid, ia]));
  return {
    added: n.filter((ia) => !oldBy.has(ia.iaid)).map((ia) => ia.iaid),
    removed: o.filter((ia) => !newBy.has(ia.iaid)).map((ia) => ia.iaid),
    changed: n.filter((ia) => oldBy.has(ia.iaid) && !same(oldBy.get(ia.iaid), ia)).map((ia) =>
      ia.iaid
    ),
  };
}

/** Structural equality of plain configuration values (objects, arrays, scalars). */
function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  if (ka.length !== kb.length) return false;
  return ka.every((k) =>
    same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])
  );
}
