/**
 * Prints a Config as edge6 TOML, with every note (a statement without effect,
 * a value that was adjusted) as a comment above the key it concerns.
 * @module
 */
import { UINT32_MAX } from "./defaults.ts";
import { colonHex } from "./hex.ts";
import { formatIfidToml } from "./ifid.ts";
import { formatPath, type PathSegment } from "./key_path.ts";
import { lanTomlLines } from "./lan.ts";
import type { ConfigMessage } from "./message.ts";
import { optionName } from "./option_names.ts";
import type { Config, InterfaceConfig } from "./types.ts";

interface Line {
  readonly text: string;
  /** The key path the line sets or opens; "" for blank lines. */
  readonly path: string;
}

/**
 * Renders `config` as TOML. `notes` become `# FILE:LINE: message` comments
 * above the closest line they concern (notes about nothing emitted go at the
 * top). `source` names the converted file in the heading comment.
 */
export function emitToml(
  config: Config,
  notes: readonly ConfigMessage[] = [],
  source?: string,
): string {
  const lines: Line[] = [];
  const add = (path: readonly PathSegment[], text: string) => {
    lines.push({ text, path: formatPath(path) });
  };
  const blank = () => lines.push({ text: "", path: "" });

  const g = config.global;
  add(["global"], "[global]");
  add(["global", "duid_file"], `duid_file = ${str(g.duidFile)}`);
  add(["global", "state_dir"], `state_dir = ${str(g.stateDir)}`);
  add(["global", "control_socket"], `control_socket = ${str(g.controlSocket)}`);
  add(["global", "log_level"], `log_level = ${str(g.logLevel)}`);
  add(["global", "log_target"], `log_target = ${str(g.logTarget)}`);
  add(["global", "log_facility"], `log_facility = ${str(g.logFacility)}`);
  add(["global", "hook_timeout"], `hook_timeout = ${g.hookTimeout}`);

  for (const iface of config.interfaces) {
    blank();
    emitInterface("interface", iface, add, blank);
  }
  for (const profile of config.profiles ?? []) {
    blank();
    emitInterface("profile", profile, add, blank);
  }
  for (const line of lanTomlLines(config.lan ?? [])) {
    if (line.text === "") blank();
    else add(line.path, line.text);
  }
  for (const [name, a] of Object.entries(config.authentication)) {
    const p = ["authentication", name];
    blank();
    add(p, `[${formatPath(p)}]`);
    add([...p, "protocol"], `protocol = ${str(a.protocol)}`);
    add([...p, "algorithm"], `algorithm = ${str(a.algorithm)}`);
    add([...p, "rdm"], `rdm = ${str(a.rdm)}`);
  }
  for (const [name, k] of Object.entries(config.keyinfo)) {
    const p = ["keyinfo", name];
    blank();
    add(p, `[${formatPath(p)}]`);
    add([...p, "realm"], `realm = ${str(k.realm)}`);
    add([...p, "key_id"], `key_id = ${k.keyId}`);
    add([...p, "secret"], `secret = ${str(k.secret)}`);
    add([...p, "expire"], `expire = ${str(k.expire)}`);
  }

  const { header, byLine } = placeNotes(lines, notes);
  const out: string[] = [];
  if (source !== undefined) out.push(`# edge6 configuration converted from ${basename(source)}.`);
  if (header.length > 0) {
    if (out.length > 0) out.push("#");
    out.push("# Statements with no effect on a client, or that were adjusted:");
    for (const n of header) out.push(comment(n));
  }
  if (out.length > 0) out.push("");
  lines.forEach((line, i) => {
    const indent = /^ */.exec(line.text)![0];
    for (const n of byLine.get(i) ?? []) out.push(indent + comment(n));
    out.push(line.text);
  });
  return out.join("\n") + "\n";
}

/** Prints an `[interface.NAME]` table, or a `[profile.NAME]` one with the same keys. */
function emitInterface(
  root: "interface" | "profile",
  iface: InterfaceConfig,
  add: (path: readonly PathSegment[], text: string) => void,
  blank: () => void,
): void {
  const p = [root, iface.name];
  /** An array of inline tables under `key` of `table`, one entry a line; nothing when empty. */
  const inlineTables = (table: PathSegment[], key: string, entries: readonly string[]) => {
    if (entries.length === 0) return;
    add([...table, key], `${key} = [`);
    entries.forEach((e, j) => add([...table, key, j], `  { ${e} },`));
    add([...table, key], "]");
  };
  /** Opens the `i`th `[[interface.NAME.kind]]` table with its IAID; returns its path. */
  const iaTable = (kind: "ia_na" | "ia_pd", i: number, iaid: number): PathSegment[] => {
    const ip = [...p, kind, i];
    blank();
    add(ip, `[[${formatPath([...p, kind])}]]`);
    add([...ip, "iaid"], `iaid = ${iaid}`);
    return ip;
  };
  add(p, `[${formatPath(p)}]`);
  // Always written: a table without `request` asks for the default options.
  const names = iface.request.map((c) => {
    const n = optionName(c);
    return n === undefined ? String(c) : str(n);
  });
  add([...p, "request"], `request = [${names.join(", ")}]`);
  inlineTables(
    p,
    "raw_options",
    iface.rawOptions.map((r) => `code = ${r.code}, data = ${str(colonHex(r.data))}`),
  );
  add([...p, "rapid_commit"], `rapid_commit = ${iface.rapidCommit}`);
  add([...p, "information_only"], `information_only = ${iface.informationOnly}`);
  if (iface.script !== undefined) add([...p, "script"], `script = ${str(iface.script)}`);
  add([...p, "reconfigure_accept"], `reconfigure_accept = ${iface.reconfigureAccept}`);
  if (iface.authentication !== undefined) {
    add([...p, "authentication"], `authentication = ${str(iface.authentication)}`);
  }
  add([...p, "initial_delay"], `initial_delay = ${iface.initialDelay}`);
  add([...p, "release_on_stop"], `release_on_stop = ${iface.releaseOnStop}`);

  iface.iaNa.forEach((ia, i) => {
    const ip = iaTable("ia_na", i, ia.iaid);
    inlineTables(
      ip,
      "addresses",
      ia.addresses.map((a) =>
        `address = ${str(a.address)}, ${lifetimes(a.preferredLifetime, a.validLifetime)}`
      ),
    );
  });
  iface.iaPd.forEach((ia, i) => {
    const ip = iaTable("ia_pd", i, ia.iaid);
    inlineTables(
      ip,
      "prefixes",
      ia.prefixes.map((h) =>
        `prefix = ${str(`${h.prefix}/${h.length}`)}, ${
          lifetimes(h.preferredLifetime, h.validLifetime)
        }`
      ),
    );
    ia.delegate.forEach((d, j) => {
      const dp = [...ip, "delegate", j];
      blank();
      add(dp, `[[${formatPath([...p, "ia_pd", "delegate"])}]]`);
      add([...dp, "interface"], `interface = ${str(d.interface)}`);
      add([...dp, "sla_id"], `sla_id = ${d.slaId}`);
      if (d.slaLen !== undefined) add([...dp, "sla_len"], `sla_len = ${d.slaLen}`);
      if (d.ifid !== undefined) {
        add(
          [...dp, "ifid"],
          `ifid = ${typeof d.ifid === "bigint" ? formatIfidToml(d.ifid) : str(d.ifid)}`,
        );
      }
    });
  });
}

/** Assigns each note to the line with the longest path that contains the note's path. */
function placeNotes(
  lines: readonly Line[],
  notes: readonly ConfigMessage[],
): { header: ConfigMessage[]; byLine: Map<number, ConfigMessage[]> } {
  const header: ConfigMessage[] = [];
  const byLine = new Map<number, ConfigMessage[]>();
  for (const n of notes) {
    let best = -1;
    let bestLength = -1;
    lines.forEach((line, i) => {
      if (line.path === "" || line.path.length <= bestLength) return;
      const p = n.path;
      if (p === line.path || p.startsWith(line.path + ".") || p.startsWith(line.path + "[")) {
        best = i;
        bestLength = line.path.length;
      }
    });
    if (best < 0) header.push(n);
    else byLine.set(best, [...(byLine.get(best) ?? []), n]);
  }
  return { header, byLine };
}

function lifetimes(preferred: number, valid: number): string {
  return `preferred_lifetime = ${lifetime(preferred)}, valid_lifetime = ${lifetime(valid)}`;
}

function lifetime(s: number): string {
  return s === UINT32_MAX ? '"infinity"' : String(s);
}

function str(s: string): string {
  return JSON.stringify(s);
}

function comment(n: ConfigMessage): string {
  return `# ${basename(n.file)}:${n.line}: ${n.message}`;
}

function basename(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}
