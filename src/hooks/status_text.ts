/**
 * The human-readable form of `edge6 status`, rendered from the status JSON
 * (so that the command line can format what the control socket returns).
 * Every string is escaped for the terminal first.
 * @module
 */
import { escapeForLog } from "../log/escape.ts";
import type { StatusDocument, StatusInterface } from "./status_json.ts";
import { lanStatusLines } from "./lan_status.ts";

/** `3725` → `1h2m5s`; null → `infinite`. */
export function formatDuration(seconds: number | null): string {
  if (seconds === null) return "infinite";
  if (seconds <= 0) return "0s";
  const d = Math.floor(seconds / 86400);
  const h = Math.floor((seconds % 86400) / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return [d ? `${d}d` : "", h ? `${h}h` : "", m ? `${m}m` : "", s ? `${s}s` : ""].join("");
}

/** T1/T2 in seconds; 0xffffffff means never renew or rebind (RFC 9915 §7.7, §21.4). */
function formatTimer(seconds: number): string {
  return seconds === 0xffffffff ? "infinite" : formatDuration(seconds);
}

function counts(record: Readonly<Record<string, number>>): string {
  const entries = Object.entries(record).filter(([, n]) => n > 0);
  return entries.length === 0 ? "none" : entries.map(([k, n]) => `${k} ${n}`).join(", ");
}

function iface(i: StatusInterface): string[] {
  const out: string[] = [];
  const server = i.server
    ? `  server ${i.server.duid}${i.server.address ? ` at ${i.server.address}` : ""}`
    : "";
  out.push(`${i.name}: ${i.state}${server}`);
  for (const a of i.addresses) {
    out.push(
      `  address ${a.address}  preferred ${formatDuration(a.preferred_left)}  valid ${
        formatDuration(a.valid_left)
      }  (IA_NA ${a.iaid})`,
    );
  }
  for (const p of i.prefixes) {
    out.push(
      `  prefix  ${p.prefix}  preferred ${formatDuration(p.preferred_left)}  valid ${
        formatDuration(p.valid_left)
      }  (IA_PD ${p.iaid})${p.excluded ? `  excluding ${p.excluded}` : ""}`,
    );
  }
  for (const l of i.lan_subnets) {
    out.push(
      `  lan     ${l.interface} ${l.subnet}${l.address ? ` address ${l.address}` : ""}${
        l.delegated_prefix ? ` from ${l.delegated_prefix}` : ""
      }`,
    );
  }
  for (const ia of i.ias) {
    // T1/T2 belong to a binding: an IA that holds nothing yet has none to show.
    const held = ia.type === "IA_NA"
      ? i.addresses.some((a) => a.iaid === ia.iaid)
      : i.prefixes.some((p) => p.iaid === ia.iaid);
    const timers = held ? `T1 ${formatTimer(ia.t1)}  T2 ${formatTimer(ia.t2)}` : "no lease";
    out.push(`  ${ia.type} ${ia.iaid}  ${timers}${ia.status ? `  status ${ia.status}` : ""}`);
  }
  if (i.next_timer_in !== null) out.push(`  next timer in ${formatDuration(i.next_timer_in)}`);
  const lists: [string, readonly string[]][] = [
    ["dns", i.dns_servers],
    ["domains", i.domains],
    ["sntp", i.sntp_servers],
    ["ntp", i.ntp_servers],
    ["sip", [...i.sip_servers, ...i.sip_domains]],
    ["aftr", i.aftr_name ? [i.aftr_name] : []],
    ["portal", i.captive_portal ? [i.captive_portal] : []],
    ["rejected", i.rejected],
  ];
  for (const [label, values] of lists) {
    if (values.length > 0) out.push(`  ${label.padEnd(9)}${values.join(" ")}`);
  }
  out.push(`  sent     ${counts(i.counters.sent)}`);
  out.push(`  received ${counts(i.counters.received)}`);
  out.push(`  dropped  ${counts(i.counters.dropped)}`);
  const h = i.counters.hooks;
  out.push(`  hooks    ${h.run} run, ${h.failed} failed, ${h.timed_out} timed out`);
  return out;
}

/** The status document as text, one block per interface. */
export function formatStatusText(doc: StatusDocument): string {
  const blocks = [...doc.interfaces.map(iface), ...(doc.lan ?? []).map(lanStatusLines)];
  if (blocks.length === 0) return "no interfaces\n";
  return blocks.map((lines) => lines.map(escapeForLog).join("\n")).join("\n\n") + "\n";
}
