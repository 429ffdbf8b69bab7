/**
 * `edge6 status --format prometheus`: the status document (schema 1, see
 * src/hooks/status_json.ts) as Prometheus metrics, for node_exporter's
 * textfile collector or any scraper of the text exposition format. Built
 * from the document alone, so the control socket's answer and
 * STATE_DIR/status.json give the same metrics; what the document gains later
 * (the LAN side's RA and server counters) is added here as another family.
 *
 * Metrics (labels in braces):
 *
 * | metric | type | meaning |
 * | --- | --- | --- |
 * | `edge6_build_info{version}` | gauge | always 1 |
 * | `edge6_interface_state{interface,state}` | gauge | 1 for the engine's current state, 0 for the others |
 * | `edge6_ia_t1_remaining_seconds{interface,ia,iaid}` | gauge | until Renew (RFC 9915 §18.2.4) |
 * | `edge6_ia_t2_remaining_seconds{interface,ia,iaid}` | gauge | until Rebind (§18.2.5) |
 * | `edge6_address_{preferred,valid}_remaining_seconds{interface,iaid,address}` | gauge | lifetimes left (§7.7; +Inf: infinite) |
 * | `edge6_prefix_{preferred,valid}_remaining_seconds{interface,iaid,prefix}` | gauge | lifetimes left |
 * | `edge6_lan_subnet_info{interface,lan_interface,subnet}` | gauge | 1 per LAN subnet |
 * | `edge6_next_timer_remaining_seconds{interface}` | gauge | until the engine's next timer |
 * | `edge6_messages_sent_total{interface,type}` | counter | messages sent, by type |
 * | `edge6_messages_received_total{interface,type}` | counter | accepted messages, by type |
 * | `edge6_messages_dropped_total{interface,reason}` | counter | messages dropped, by reason (§16) |
 * | `edge6_hook_runs_total{interface}` | counter | hook scripts started |
 * | `edge6_hook_failures_total{interface}` | counter | hook scripts that did not exit 0 |
 * | `edge6_hook_timeouts_total{interface}` | counter | hook scripts killed at the timeout |
 *
 * The LAN side, per `[lan.NAME]` table (`lan_interface` label):
 *
 * | metric | type | meaning |
 * | --- | --- | --- |
 * | `edge6_ra_advertising{lan_interface}` | gauge | 1 while Router Advertisements go out (RFC 4861) |
 * | `edge6_ra_router_lifetime_seconds{lan_interface}` | gauge | the router lifetime advertised (0: not a default router) |
 * | `edge6_ra_subnets{lan_interface}`, `edge6_ra_stale_subnets{lan_interface}` | gauge | /64s advertised, and deprecated ones still announced (RFC 9096) |
 * | `edge6_ra_sent_total{lan_interface}` | counter | RAs sent (`edge6_ra_solicited_total`: in answer to an RS) |
 * | `edge6_rs_received_total{lan_interface}`, `edge6_ra_received_total{lan_interface}` | counter | Router Solicitations, and other routers' RAs, heard |
 * | `edge6_ra_dropped_total{lan_interface,reason}` | counter | ND messages dropped, by reason |
 * | `edge6_lan_dhcpv6_server_running{lan_interface}` | gauge | 1 while the stateless DHCPv6 server runs |
 * | `edge6_lan_dhcpv6_{received,sent}_total{lan_interface,type}` | counter | its messages, by type |
 * | `edge6_lan_dhcpv6_dropped_total{lan_interface,reason}` | counter | requests it dropped, by reason |
 *
 * Counters start at 0 when the agent starts.
 * @module
 */
import type { ClientStateName } from "../dhcp6/client/types.ts";
import type { StatusDocument, StatusInterface } from "../hooks/status_json.ts";
import { VERSION } from "../version.ts";
import { formatExposition, type MetricFamily, type Sample } from "./exposition.ts";

/** Every state of the client engine, so that each gets a 0 or a 1. */
export const CLIENT_STATES = [
  "idle",
  "init-delay",
  "soliciting",
  "requesting",
  "bound",
  "renewing",
  "rebinding",
  "confirming",
  "declining",
  "releasing",
  "information-requesting",
  "informed",
  "stopped",
] as const satisfies readonly ClientStateName[];

// Compile-time check that no engine state is missing from the list above.
type MissingState = Exclude<ClientStateName, typeof CLIENT_STATES[number]>;
const _allStatesListed: [MissingState] extends [never] ? true : never = true;
void _allStatesListed;

/** Seconds left: null in the document means infinite (RFC 9915 §7.7). */
const lifetime = (v: number | null) => (v === null ? Infinity : v);

type Per<T> = (i: StatusInterface) => readonly T[];

/** One family whose samples come from every interface. */
function family(
  name: string,
  type: MetricFamily["type"],
  help: string,
  samples: Per<Sample>,
  doc: StatusDocument,
): MetricFamily {
  return { name, type, help, samples: doc.interfaces.flatMap(samples) };
}

/** Samples of a by-key counter map (`sent`, `received`, `dropped`). */
function byKey(
  i: StatusInterface,
  counts: Readonly<Record<string, number>>,
  label: string,
): Sample[] {
  return Object.entries(counts).map(([k, v]) => ({
    labels: { interface: i.name, [label]: k },
    value: v,
  }));
}

/** The metric families of a status document, in a fixed order. */
export function statusMetrics(doc: StatusDocument): MetricFamily[] {
  const f = (name: string, type: MetricFamily["type"], help: string, samples: Per<Sample>) =>
    family(name, type, help, samples, doc);
  return [
    {
      name: "edge6_build_info",
      type: "gauge",
      help: "The edge6 version that produced these metrics (always 1).",
      samples: [{ labels: { version: VERSION }, value: 1 }],
    },
    f(
      "edge6_interface_state",
      "gauge",
      "1 for the DHCPv6 client's current state on the interface, 0 for the others.",
      (i) => {
        const states: string[] = [...CLIENT_STATES];
        if (!states.includes(i.state)) states.push(i.state);
        return states.map((s) => ({
          labels: { interface: i.name, state: s },
          value: s === i.state ? 1 : 0,
        }));
      },
    ),
    f(
      "edge6_ia_t1_remaining_seconds",
      "gauge",
      "Seconds until T1, when the client renews the IA (RFC 9915 18.2.4).",
      (i) =>
        i.ias.map((ia) => ({
          labels: { interface: i.name, ia: ia.type, iaid: String(ia.iaid) },
          value: ia.t1_left ?? null,
        })),
    ),
    f(
      "edge6_ia_t2_remaining_seconds",
      "gauge",
      "Seconds until T2, when the client rebinds the IA (RFC 9915 18.2.5).",
      (i) =>
        i.ias.map((ia) => ({
          labels: { interface: i.name, ia: ia.type, iaid: String(ia.iaid) },
          value: ia.t2_left ?? null,
        })),
    ),
    f(
      "edge6_address_preferred_remaining_seconds",
      "gauge",
      "Preferred lifetime left of a leased address; +Inf when infinite.",
      (i) =>
        i.addresses.map((a) => ({
          labels: { interface: i.name, iaid: String(a.iaid), address: a.address },
          value: lifetime(a.preferred_left),
        })),
    ),
    f(
      "edge6_address_valid_remaining_seconds",
      "gauge",
      "Valid lifetime left of a leased address; +Inf when infinite.",
      (i) =>
        i.addresses.map((a) => ({
          labels: { interface: i.name, iaid: String(a.iaid), address: a.address },
          value: lifetime(a.valid_left),
        })),
    ),
    f(
      "edge6_prefix_preferred_remaining_seconds",
      "gauge",
      "Preferred lifetime left of a delegated prefix; +Inf when infinite.",
      (i) =>
        i.prefixes.map((p) => ({
          labels: { interface: i.name, iaid: String(p.iaid), prefix: p.prefix },
          value: lifetime(p.preferred_left),
        })),
    ),
    f(
      "edge6_prefix_valid_remaining_seconds",
      "gauge",
      "Valid lifetime left of a delegated prefix; +Inf when infinite.",
      (i) =>
        i.prefixes.map((p) => ({
          labels: { interface: i.name, iaid: String(p.iaid), prefix: p.prefix },
          value: lifetime(p.valid_left),
        })),
    ),
    f(
      "edge6_lan_subnet_info",
      "gauge",
      "A subnet of a delegated prefix assigned to a LAN interface (always 1).",
      (i) =>
        i.lan_subnets.map((l) => ({
          labels: { interface: i.name, lan_interface: l.interface, subnet: l.subnet },
          value: 1,
        })),
    ),
    f(
      "edge6_next_timer_remaining_seconds",
      "gauge",
      "Seconds until the client's next timer (retransmission, T1, T2, expiry).",
      (i) => [{ labels: { interface: i.name }, value: i.next_timer_in }],
    ),
    f(
      "edge6_messages_sent_total",
      "counter",
      "DHCPv6 messages sent, by message type.",
      (i) => byKey(i, i.counters.sent, "type"),
    ),
    f(
      "edge6_messages_received_total",
      "counter",
      "DHCPv6 messages received and accepted, by message type.",
      (i) => byKey(i, i.counters.received, "type"),
    ),
    f(
      "edge6_messages_dropped_total",
      "counter",
      "DHCPv6 messages dropped, by reason (RFC 9915 16).",
      (i) => byKey(i, i.counters.dropped, "reason"),
    ),
    f(
      "edge6_hook_runs_total",
      "counter",
      "Hook scripts started.",
      (i) => [{ labels: { interface: i.name }, value: i.counters.hooks.run }],
    ),
    f(
      "edge6_hook_failures_total",
      "counter",
      "Hook scripts that did not exit 0 (timeouts included).",
      (i) => [{ labels: { interface: i.name }, value: i.counters.hooks.failed }],
    ),
    f(
      "edge6_hook_timeouts_total",
      "counter",
      "Hook scripts killed at the hook timeout.",
      (i) => [{ labels: { interface: i.name }, value: i.counters.hooks.timed_out }],
    ),
  ];
}

type Lan = NonNullable<StatusDocument["lan"]>[number];

/** The LAN side's families (RA engine, stateless server), from the document's `lan` list. */
function lanMetrics(doc: StatusDocument): MetricFamily[] {
  const lans = doc.lan ?? [];
  const f = (
    name: string,
    type: MetricFamily["type"],
    help: string,
    samples: (l: Lan) => readonly Sample[],
  ): MetricFamily => ({ name, type, help, samples: lans.flatMap(samples) });
  const one = (l: Lan, value: number | null | undefined): Sample[] =>
    value === null || value === undefined
      ? []
      : [{ labels: { lan_interface: l.interface }, value }];
  const keyed = (l: Lan, counts: Readonly<Record<string, number>> | undefined, label: string) =>
    Object.entries(counts ?? {}).map(([k, v]) => ({
      labels: { lan_interface: l.interface, [label]: k },
      value: v,
    }));
  const ra = (l: Lan) => l.router_advertisements;
  const server = (l: Lan) => l.dhcpv6_server;
  return [
    f(
      "edge6_ra_advertising",
      "gauge",
      "1 while Router Advertisements go out on the LAN interface (RFC 4861).",
      (l) => one(l, ra(l) === null ? null : ra(l)!.advertising ? 1 : 0),
    ),
    f(
      "edge6_ra_router_lifetime_seconds",
      "gauge",
      "The router lifetime advertised; 0: not a default router (RFC 7084 G-4).",
      (l) => one(l, ra(l)?.router_lifetime),
    ),
    f(
      "edge6_ra_subnets",
      "gauge",
      "Subnets (/64s) advertised on the LAN interface.",
      (l) => one(l, ra(l)?.subnets.length),
    ),
    f(
      "edge6_ra_stale_subnets",
      "gauge",
      "Deprecated subnets still announced with a short lifetime (RFC 9096).",
      (l) => one(l, ra(l)?.stale.length),
    ),
    f(
      "edge6_ra_sent_total",
      "counter",
      "Router Advertisements sent.",
      (l) => one(l, ra(l)?.counters.ra_sent),
    ),
    f(
      "edge6_ra_solicited_total",
      "counter",
      "Router Advertisements sent in answer to a Router Solicitation.",
      (l) => one(l, ra(l)?.counters.ra_solicited),
    ),
    f(
      "edge6_rs_received_total",
      "counter",
      "Router Solicitations received.",
      (l) => one(l, ra(l)?.counters.rs_received),
    ),
    f(
      "edge6_ra_received_total",
      "counter",
      "Router Advertisements of other routers heard on the LAN.",
      (l) => one(l, ra(l)?.counters.ra_received),
    ),
    f(
      "edge6_ra_dropped_total",
      "counter",
      "Neighbor Discovery messages dropped, by reason.",
      (l) => keyed(l, ra(l)?.counters.dropped, "reason"),
    ),
    f(
      "edge6_lan_dhcpv6_server_running",
      "gauge",
      "1 while the stateless DHCPv6 server runs on the LAN interface.",
      (l) => one(l, server(l) === null ? null : server(l)!.running ? 1 : 0),
    ),
    f(
      "edge6_lan_dhcpv6_received_total",
      "counter",
      "Messages the stateless DHCPv6 server received, by type.",
      (l) => keyed(l, server(l)?.received, "type"),
    ),
    f(
      "edge6_lan_dhcpv6_sent_total",
      "counter",
      "Messages the stateless DHCPv6 server sent, by type.",
      (l) => keyed(l, server(l)?.sent, "type"),
    ),
    f(
      "edge6_lan_dhcpv6_dropped_total",
      "counter",
      "Requests the stateless DHCPv6 server dropped, by reason.",
      (l) => keyed(l, server(l)?.dropped, "reason"),
    ),
  ];
}

/** The status document in the Prometheus text exposition format. */
export function formatPrometheus(doc: StatusDocument): string {
  return formatExposition([...statusMetrics(doc), ...lanMetrics(doc)]);
}
