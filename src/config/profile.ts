/**
 * Profiles at run time: `edge6 run -P NAME IFACE…`, as Debian's dhcp6c
 * `-P`, gives every IFACE without an interface statement (or table) of its
 * own the settings of profile NAME. The result is a Config of ordinary
 * interfaces, so that nothing past the configuration knows about profiles.
 * @module
 */
import type { ConfigMessage } from "./message.ts";
import { closest } from "./suggest.ts";
import type { Config, InterfaceConfig } from "./types.ts";

/** What `edge6 run` was asked to run. */
export interface RunSelection {
  /** `-P NAME`: the profile for the named interfaces that have no settings of their own. */
  readonly profile?: string;
  /** The interfaces named on the command line; empty: every configured one. */
  readonly interfaces: readonly string[];
}

/** The Config with the profile applied, or why it cannot be. */
export type ProfileResult =
  | { readonly ok: true; readonly config: Config }
  | { readonly ok: false; readonly errors: ConfigMessage[] };

/**
 * Applies `selection.profile` to the interfaces of `selection` that `config`
 * does not configure. Without a profile, a file that defines only profiles
 * (Debian's stock dhcp6c.conf) is an error that says to give -P. `file`
 * names the configuration in messages.
 */
export function applyProfile(
  config: Config,
  file: string,
  selection: RunSelection,
): ProfileResult {
  const profiles = config.profiles ?? [];
  const fail = (message: string): ProfileResult => ({
    ok: false,
    errors: [{ file, line: 1, col: 1, path: "", message }],
  });
  const name = selection.profile;
  if (name === undefined) {
    if (config.interfaces.length === 0 && profiles.length > 0) {
      const names = profiles.map((p) => p.name);
      return fail(
        `no interface statement, only profile ${names.join(", ")}: name the profile and the ` +
          `interfaces to run it on, as with Debian's dhcp6c: edge6 run -P ${names[0]} IFACE…`,
      );
    }
    return { ok: true, config };
  }
  const profile = profiles.find((p) => p.name === name);
  if (profile === undefined) {
    const hint = closest(name, profiles.map((p) => p.name));
    return fail(
      `-P ${name}: no profile ${JSON.stringify(name)} is defined (${
        profiles.length === 0 ? "none is" : `defined: ${profiles.map((p) => p.name).join(", ")}`
      })${hint ? `; did you mean ${JSON.stringify(hint)}?` : ""}`,
    );
  }
  if (selection.interfaces.length === 0) {
    return fail(
      `-P ${name}: name the interfaces to run the profile on: edge6 run -P ${name} IFACE…`,
    );
  }
  const own = new Set(config.interfaces.map((i) => i.name));
  const targets = [...new Set(selection.interfaces)].filter((i) => !own.has(i));
  const ias = [
    ...profile.iaNa.map((ia) => `IA_NA ${ia.iaid}`),
    ...profile.iaPd.map((ia) => `IA_PD ${ia.iaid}`),
  ];
  if (ias.length > 0 && targets.length > 1) {
    // RFC 9915 §12: an IAID names one IA of the client, and an IA belongs to
    // one interface (Debian's dhcp6c gives the IAs to one of them, silently).
    return fail(
      `-P ${name}: profile ${name} has ${ias.join(", ")}, and an IA belongs to one interface, ` +
        `but ${targets.join(", ")} would all take it; give all but one of them an interface ` +
        `statement of its own`,
    );
  }
  const derived: InterfaceConfig[] = targets.map((i) => ({ ...profile, name: i }));
  return { ok: true, config: { ...config, interfaces: [...config.interfaces, ...derived] } };
}
