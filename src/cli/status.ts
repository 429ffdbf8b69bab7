/**
 * `edge6 status`: what the running agent holds, per interface (state, leases,
 * delegated prefixes and LAN subnets, timers, counters), as text, JSON or
 * Prometheus metrics, from the control socket or from STATE_DIR/status.json.
 * @module
 */
import type { Command, CommandIo } from "./command.ts";
import { requestAgent } from "./control_target.ts";
import { IFACE_OPERAND, SOCKET_OPTIONS } from "./control_command.ts";
import { parseCommandArgs } from "./parse_command_args.ts";
import { formatStatusText } from "../hooks/status_text.ts";
import { parseStatusDocument, type StatusDocument } from "../hooks/status_json.ts";
import { ageStatusDocument } from "../hooks/status_age.ts";
import { formatPrometheus } from "../metrics/prometheus.ts";

/** The output formats of `--format`. */
export const STATUS_FORMATS = ["text", "json", "prometheus"] as const;

/** One of {@link STATUS_FORMATS}. */
export type StatusFormat = typeof STATUS_FORMATS[number];

const OPTIONS = {
  format: {
    type: "string",
    value: "FORMAT",
    text: "text (default), json (the status document, schema version 1) or prometheus " +
      "(the Prometheus text exposition format, for node_exporter's textfile collector)",
  },
  json: { type: "boolean", text: "the same as --format json" },
  ...SOCKET_OPTIONS,
  file: {
    type: "string",
    value: "FILE",
    text: "read the status document the agent writes (STATE_DIR/status.json, by default " +
      "/var/lib/edge6/status.json) instead of asking the agent; the times left are " +
      "counted down to now",
  },
} as const;

/** The `status` subcommand. */
export const statusCommand: Command = {
  name: "status",
  summary: "show what the running agent holds (text, JSON or Prometheus metrics)",
  usage: [
    "edge6 status [--format text|json|prometheus] [--json] [-c FILE | -s SOCKET] [IFACE]",
    "edge6 status [--format text|json|prometheus] --file FILE [IFACE]",
  ],
  description: `Shows, per upstream interface, the client's state, the server, each address
and delegated prefix with its preferred and valid time left, the LAN subnets
derived from them, T1, T2 and the next timer, the options received, and the
counters (messages sent, received and dropped by reason; hooks run and
failed). The agent is asked over its control socket (root only: the socket
is mode 0600), or the document it writes to STATE_DIR/status.json is read
with --file.

For node_exporter's textfile collector, run as root from cron or a timer:
  edge6 status --format prometheus > DIR/edge6.prom.tmp && mv DIR/edge6.prom.tmp DIR/edge6.prom`,
  options: OPTIONS,
  operands: [{ ...IFACE_OPERAND, text: "show only this upstream interface" }],
  exitStatus: `0 on success, 1 if the agent cannot be reached or refuses, or FILE cannot
be read, 2 for a usage error.`,
  async run(args: string[], io: CommandIo): Promise<number> {
    const parsed = parseCommandArgs("status", args, {
      options: OPTIONS,
      maxPositionals: 1,
      positionals: "at most one IFACE",
    }, io);
    if (parsed === undefined) return 2;
    const { values } = parsed;
    const format = values.json ? "json" : values.format ?? "text";
    if (!(STATUS_FORMATS as readonly string[]).includes(format)) {
      io.err(`edge6 status: --format ${format}: expected ${STATUS_FORMATS.join(", ")}\n`);
      return 2;
    }
    if (values.json && values.format !== undefined && values.format !== "json") {
      io.err(`edge6 status: --json and --format ${values.format} contradict each other\n`);
      return 2;
    }
    if (values.file !== undefined && (values.c !== undefined || values.s !== undefined)) {
      io.err("edge6 status: give --file, or -c/-s to ask the agent, not both\n");
      return 2;
    }
    const iface = parsed.positionals[0];
    try {
      const doc = values.file === undefined
        ? await fromAgent(iface, values)
        : await fromFile(values.file, iface);
      if (doc === undefined) {
        io.err(`edge6 status: ${values.file} has no interface ${iface}\n`);
        return 1;
      }
      io.out(formatStatus(doc.document, format as StatusFormat, doc.raw));
      return 0;
    } catch (e) {
      io.err(`edge6 status: ${(e as Error).message}\n`);
      return 1;
    }
  },
};

/** The document as printed in `format`; `raw` is what JSON prints (the agent's own words). */
export function formatStatus(doc: StatusDocument, format: StatusFormat, raw: unknown): string {
  switch (format) {
    case "json":
      return JSON.stringify(raw, null, 2) + "\n";
    case "prometheus":
      return formatPrometheus(doc);
    case "text":
      return formatStatusText(doc);
  }
}

async function fromAgent(
  iface: string | undefined,
  flags: { c?: string; s?: string },
): Promise<{ document: StatusDocument; raw: unknown }> {
  const response = await requestAgent("status", iface, flags);
  if (!response.ok) throw new Error(response.error);
  return { document: parseStatusDocument(response.status), raw: response.status };
}

/** The document in `file`, counted down to now and cut to `iface`; undefined when absent. */
async function fromFile(
  file: string,
  iface: string | undefined,
): Promise<{ document: StatusDocument; raw: unknown } | undefined> {
  let text: string;
  try {
    text = await Deno.readTextFile(file);
  } catch (e) {
    const why = e instanceof Deno.errors.NotFound
      ? "no such file"
      : e instanceof Deno.errors.PermissionDenied
      ? "permission denied"
      : (e as Error).message;
    throw new Error(`cannot read ${file}: ${why}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new Error(`${file} is not JSON: ${(e as Error).message}`);
  }
  let doc: StatusDocument;
  try {
    doc = ageStatusDocument(parseStatusDocument(json), Date.now());
  } catch (e) {
    throw new Error(`${file}: ${(e as Error).message}`);
  }
  if (iface !== undefined) {
    const only = doc.interfaces.filter((i) => i.name === iface);
    if (only.length === 0) return undefined;
    doc = { ...doc, interfaces: only };
  }
  return { document: doc, raw: doc };
}
