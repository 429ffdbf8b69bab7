/**
 * One-line summaries of configured interfaces, for `edge6 check`.
 * @module
 */
import { optionName } from "./option_names.ts";
import type { InterfaceConfig } from "./types.ts";

/** Summarises an interface on one line: mode, IAs, downstream interfaces, options, hook. */
export function summarizeInterface(iface: InterfaceConfig): string {
  return `${iface.name}: ${settings(iface)}`;
}

/**
 * Summarises a profile (Debian's dhcp6c `profile`, TOML `[profile.NAME]`) on
 * one line, with how to run it: `profile NAME (-P NAME): …`.
 */
export function summarizeProfile(profile: InterfaceConfig): string {
  return `profile ${profile.name} (run with -P ${profile.name} IFACE…): ${settings(profile)}`;
}

function settings(iface: InterfaceConfig): string {
  const parts: string[] = [];
  if (iface.informationOnly) parts.push("information-only");
  for (const ia of iface.iaNa) {
    const hints = ia.addresses.map((a) => a.address);
    parts.push(`IA_NA ${ia.iaid}${hints.length > 0 ? ` (${hints.join(", ")})` : ""}`);
  }
  for (const ia of iface.iaPd) {
    const hints = ia.prefixes.map((h) => `${h.prefix}/${h.length}`);
    const down = ia.delegate.map((d) =>
      `${d.interface} sla-id ${d.slaId}${d.slaLen !== undefined ? `/${d.slaLen}` : ""}`
    );
    parts.push(
      `IA_PD ${ia.iaid}${hints.length > 0 ? ` (${hints.join(", ")})` : ""}` +
        (down.length > 0 ? ` → ${down.join(", ")}` : ""),
    );
  }
  if (iface.request.length > 0) {
    parts.push(`request ${iface.request.map((c) => optionName(c) ?? String(c)).join(", ")}`);
  }
  if (iface.rawOptions.length > 0) {
    parts.push(`raw options ${iface.rawOptions.map((r) => r.code).join(", ")}`);
  }
  if (iface.rapidCommit) parts.push("rapid commit");
  if (iface.reconfigureAccept) parts.push("reconfigure accepted");
  if (iface.script !== undefined) parts.push(`script ${iface.script}`);
  if (!iface.releaseOnStop) parts.push("no release on stop");
  if (!iface.initialDelay) parts.push("no initial delay");
  return parts.length > 0 ? parts.join("; ") : "stateless, nothing requested";
}
