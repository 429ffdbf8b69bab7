/**
 * Gives a parsed dhcp6c.conf the meaning dhcp6c gives it (its config.c),
 * as a configuration document of the same shape as edge6's TOML, with the
 * position of every key. Statements with no effect on a client, and values
 * dhcp6c would adjust, become notes; what dhcp6c refuses becomes an error.
 * @module
 */
import { formatIPv6, maskPrefix, normalizeIPv6, parseIPv6 } from "../dhcp6/ipv6.ts";
import { OptionCode } from "../dhcp6/constants.ts";
import { NOT_REQUESTABLE } from "./option_codes.ts";
import { UINT32_MAX } from "./defaults.ts";
import { formatPath, type PathSegment } from "./key_path.ts";
import type { ConfigMessage } from "./message.ts";
import { optionName } from "./option_names.ts";
import type { SourcePosition } from "./position.ts";
import type { ConfigTable } from "./validate.ts";
import type {
  Dhcp6cDecl,
  Dhcp6cOption,
  Dhcp6cStatement,
  PrefixDecl,
  PrefixInterface,
  Where,
} from "./dhcp6c_ast.ts";

/** A document for `validateConfig`, the positions of its keys, notes and errors. */
export interface Dhcp6cDocument {
  /** The document, shaped as edge6's TOML, for `validateConfig`. */
  readonly doc: ConfigTable;
  /** Where each key came from, by key path text (see `formatPath`). */
  readonly positions: Map<string, SourcePosition>;
  /** Statements that have no effect on a client or that dhcp6c would adjust. */
  readonly notes: ConfigMessage[];
  /** What dhcp6c would refuse; the document is not usable when there are any. */
  readonly errors: ConfigMessage[];
}

const SERVER_ONLY = "is a server setting and has no effect on a client";

/** Converts dhcp6c statements to a configuration document. */
export function dhcp6cToDocument(statements: readonly Dhcp6cStatement[]): Dhcp6cDocument {
  return new Converter().run(statements);
}

type NaStatement = Extract<Dhcp6cStatement, { kind: "id-assoc-na" }>;
type PdStatement = Extract<Dhcp6cStatement, { kind: "id-assoc-pd" }>;
type IfStatement = Extract<Dhcp6cStatement, { kind: "interface" | "profile" | "host" | "pool" }>;
type AuthStatement = Extract<Dhcp6cStatement, { kind: "authentication" }>;
type KeyStatement = Extract<Dhcp6cStatement, { kind: "keyinfo" }>;

class Converter {
  private readonly doc: ConfigTable = {};
  private readonly positions = new Map<string, SourcePosition>();
  private readonly notes: ConfigMessage[] = [];
  private readonly errors: ConfigMessage[] = [];
  private readonly na = new Map<number, NaStatement>();
  private readonly pd = new Map<number, PdStatement>();
  /** Which interface sends each IA ("na:0" → "wan0"), as dhcp6c moves an IA to one interface. */
  private readonly claimed = new Map<string, string>();
  private readonly auth = new Map<string, AuthStatement>();

  run(statements: readonly Dhcp6cStatement[]): Dhcp6cDocument {
    const interfaces: IfStatement[] = [];
    const profiles: IfStatement[] = [];
    const keys: KeyStatement[] = [];
    const seen = { interface: new Map<string, Where>(), profile: new Map<string, Where>() };
    for (const s of statements) {
      switch (s.kind) {
        case "interface":
        case "profile": {
          const first = seen[s.kind].get(s.name);
          if (first) {
            this.note(
              s.at,
              [s.kind, s.name],
              `${s.kind} ${s.name} is defined again (first at ${
                where(first)
              }); dhcp6c ignores this one`,
            );
          } else {
            seen[s.kind].set(s.name, s.at);
            (s.kind === "interface" ? interfaces : profiles).push(s);
          }
          break;
        }
        case "id-assoc-na":
        case "id-assoc-pd": {
          const map: Map<number, NaStatement | PdStatement> = s.kind === "id-assoc-na"
            ? this.na
            : this.pd;
          const first = map.get(s.iaid);
          const type = s.kind === "id-assoc-na" ? "na" : "pd";
          if (first) {
            this.note(
              s.at,
              [],
              `id-assoc ${type} ${s.iaid} is defined again (first at ${
                where(first.at)
              }); dhcp6c ignores this one`,
            );
          } else map.set(s.iaid, s);
          break;
        }
        case "authentication":
          if (this.auth.has(s.name)) {
            this.note(
              s.at,
              ["authentication", s.name],
              `authentication ${s.name} is defined again; dhcp6c ignores this one`,
            );
          } else this.auth.set(s.name, s);
          break;
        case "keyinfo":
          if (keys.some((k) => k.name === s.name)) {
            this.note(
              s.at,
              ["keyinfo", s.name],
              `keyinfo ${s.name} is defined again; dhcp6c ignores this one`,
            );
          } else keys.push(s);
          break;
        case "host":
        case "pool":
          this.note(s.at, [], `${s.kind} ${s.name} ${SERVER_ONLY}`);
          break;
        case "option":
          this.note(s.at, [], `option ${s.name} ${SERVER_ONLY}`);
          break;
      }
    }
    for (const a of this.auth.values()) this.authentication(a);
    for (const k of keys) this.keyinfo(k);
    // Debian's dhcp6c configures profiles before interfaces: a profile that
    // sends an IA claims it first.
    for (const s of profiles) this.iface(s);
    for (const s of interfaces) this.iface(s);
    for (const [iaid, s] of this.na) {
      if (!this.claimed.has(`na:${iaid}`)) {
        this.note(s.at, [], `id-assoc na ${iaid} has no effect: no interface sends ia-na ${iaid}`);
      }
    }
    for (const [iaid, s] of this.pd) {
      if (!this.claimed.has(`pd:${iaid}`)) {
        this.note(s.at, [], `id-assoc pd ${iaid} has no effect: no interface sends ia-pd ${iaid}`);
      }
    }
    return { doc: this.doc, positions: this.positions, notes: this.notes, errors: this.errors };
  }

  private iface(s: IfStatement): void {
    const root = s.kind === "profile" ? "profile" : "interface";
    const p: PathSegment[] = [root, s.name];
    const t: ConfigTable = {};
    this.put(p, t, s.at);
    const iaNa: ConfigTable[] = [];
    const iaPd: ConfigTable[] = [];
    const request: (string | number)[] = [];
    const requested = new Set<number>();
    const raw: ConfigTable[] = [];
    const pendingIa: { kind: "ia-na" | "ia-pd"; iaid: number; at: Where }[] = [];
    let infoOnly: Where | undefined;
    for (const d of s.decls) {
      switch (d.kind) {
        case "send":
        case "request":
          for (const o of d.options) {
            switch (o.kind) {
              case "rapid-commit":
                if (d.kind === "request") {
                  this.error(
                    o.at,
                    [],
                    "rapid-commit cannot be requested, only sent (dhcp6c refuses it)",
                  );
                } else this.put([...p, "rapid_commit"], t.rapid_commit = true, o.at);
                break;
              case "authentication":
                if (d.kind === "request") {
                  this.error(
                    o.at,
                    [],
                    "authentication cannot be requested, only sent (dhcp6c refuses it)",
                  );
                } else if (!this.auth.has(o.name)) {
                  this.error(
                    o.at,
                    [],
                    `send authentication ${o.name}: no authentication ${o.name} statement defines it`,
                  );
                } else if (t.authentication !== undefined) {
                  this.error(
                    o.at,
                    [],
                    `send authentication ${o.name}: interface ${s.name} already sends authentication ${t.authentication}`,
                  );
                } else this.put([...p, "authentication"], t.authentication = o.name, o.at);
                break;
              case "ia-na":
              case "ia-pd":
                if (d.kind === "request") {
                  this.note(
                    o.at,
                    p,
                    `request ${o.kind} ${o.iaid} has no effect (IAs are sent, not requested)`,
                  );
                } else pendingIa.push(o);
                break;
              case "info":
                if (d.kind === "send") {
                  this.note(o.at, p, `send ${o.name} has no effect (dhcp6c only requests it)`);
                } else if (requested.has(o.code)) {
                  this.note(
                    o.at,
                    [...p, "request"],
                    `request ${o.name} repeats an option already requested; ignored`,
                  );
                } else {
                  requested.add(o.code);
                  if (o.name === "ntp-servers") {
                    this.note(
                      o.at,
                      [...p, "request", request.length],
                      "dhcp6c's ntp-servers is the SNTP option 31 (RFC 4075), kept as sntp-servers; the NTP server option of RFC 5908 is ntp-server (56)",
                    );
                  }
                  this.put([...p, "request", request.length], o.code, o.at);
                  request.push(optionName(o.code) ?? String(o.code));
                }
                break;
              case "raw": {
                if (o.code === OptionCode.ORO) {
                  this.rawOro(o, d.kind, p, request, requested);
                  break;
                }
                const e = { code: o.code, data: o.hex };
                this.put([...p, "raw_options", raw.length], e, o.at);
                raw.push(e);
                break;
              }
            }
          }
          break;
        case "information-only":
          infoOnly = d.at;
          this.put([...p, "information_only"], t.information_only = true, d.at);
          break;
        case "script":
          if (t.script !== undefined) {
            this.error(d.at, [...p, "script"], "script is given twice (dhcp6c refuses this)");
          } else this.put([...p, "script"], t.script = d.path, d.at);
          break;
        case "allow":
        case "duid":
        case "preference":
        case "address-pool":
          this.note(d.at, p, `${d.kind} ${SERVER_ONLY}`);
          break;
        default:
          this.error(
            d.at,
            [],
            `${declName(d)} is not valid in an interface statement (dhcp6c refuses it)`,
          );
      }
    }
    for (const o of pendingIa) {
      const type = o.kind === "ia-na" ? "na" : "pd";
      const key = `${type}:${o.iaid}`;
      const owner = this.claimed.get(key);
      const def = type === "na" ? this.na.get(o.iaid) : this.pd.get(o.iaid);
      if (def === undefined) {
        this.error(
          o.at,
          [],
          `send ${o.kind} ${o.iaid}: no id-assoc ${type} ${o.iaid} statement defines it`,
        );
        continue;
      }
      if (owner !== undefined) {
        this.error(
          o.at,
          [],
          `send ${o.kind} ${o.iaid}: id-assoc ${type} ${o.iaid} is already sent by interface ${owner}; an IA belongs to one interface`,
        );
        continue;
      }
      this.claimed.set(key, s.name);
      if (infoOnly) {
        this.note(o.at, p, `send ${o.kind} ${o.iaid} has no effect with information-only`);
        continue;
      }
      if (def.kind === "id-assoc-na") {
        const ip = [...p, "ia_na", iaNa.length];
        iaNa.push(this.iaNa(def, ip, o.at));
      } else {
        const ip = [...p, "ia_pd", iaPd.length];
        iaPd.push(this.iaPd(def, ip, o.at));
      }
    }
    if (iaNa.length > 0) t.ia_na = iaNa;
    if (iaPd.length > 0) t.ia_pd = iaPd;
    // Always given: dhcp6c requests only what the file names, while a TOML
    // file without `request` asks for DNS servers and the domain list.
    t.request = request;
    // dhcp6c releases its bindings when it exits (unless -n); a TOML file
    // defaults to keeping them (RFC 9096 WPD-9), so the value is explicit.
    t.release_on_stop = true;
    if (raw.length > 0) t.raw_options = raw;
    const tables = (this.doc[root] ??= {}) as ConfigTable;
    tables[s.name] = t;
  }

  /**
   * `send raw-option 6 …` (OPNsense's documented way to ask for options): an
   * Option Request (RFC 9915 §21.7) that edge6 builds itself, so its codes
   * join `request`; codes a client may not request are left out.
   */
  private rawOro(
    o: Extract<Dhcp6cOption, { kind: "raw" }>,
    verb: "send" | "request",
    p: PathSegment[],
    request: (string | number)[],
    requested: Set<number>,
  ): void {
    if (o.hex.length % 4 !== 0) {
      this.error(
        o.at,
        [],
        `raw-option 6 (Option Request) has ${
          o.hex.length / 2
        } bytes of data, expected 2 bytes per option code`,
      );
      return;
    }
    const added: number[] = [];
    const refused: number[] = [];
    for (let i = 0; i < o.hex.length; i += 4) {
      const code = parseInt(o.hex.slice(i, i + 4), 16);
      if (NOT_REQUESTABLE.has(code)) refused.push(code);
      else if (!requested.has(code)) {
        requested.add(code);
        added.push(code);
        this.put([...p, "request", request.length], code, o.at);
        request.push(optionName(code) ?? code);
      }
    }
    const named = (codes: number[]) =>
      codes.map((c) => optionName(c) === undefined ? String(c) : `${c} (${optionName(c)})`)
        .join(", ");
    const parts = [
      `${verb} raw-option 6 is an Option Request, which edge6 builds itself: ` +
      (added.length > 0 ? `${named(added)} added to request` : "it adds nothing to request"),
    ];
    if (refused.length > 0) {
      const them = refused.length === 1 ? "it" : "them";
      parts.push(`${named(refused)} left out: a client may not request ${them} (RFC 9915 §21.7)`);
    }
    this.note(o.at, [...p, "request"], parts.join("; "));
  }

  private iaNa(def: NaStatement, p: PathSegment[], at: Where): ConfigTable {
    this.put(p, undefined, at);
    this.put([...p, "iaid"], def.iaid, def.at);
    const addresses = def.addresses.map((a, i) => {
      const ap = [...p, "addresses", i];
      this.put(ap, undefined, a.at);
      this.put([...ap, "address"], undefined, a.at);
      return this.lifetimes({ address: a.address }, a, ap);
    });
    return addresses.length > 0 ? { iaid: def.iaid, addresses } : { iaid: def.iaid };
  }

  private lifetimes(
    t: ConfigTable,
    d: { pltime: number; vltime?: number; at: Where },
    p: PathSegment[],
  ): ConfigTable {
    t.preferred_lifetime = lifetime(d.pltime);
    t.valid_lifetime = lifetime(d.vltime ?? d.pltime);
    this.put([...p, "preferred_lifetime"], undefined, d.at);
    this.put([...p, "valid_lifetime"], undefined, d.at);
    return t;
  }

  private iaPd(def: PdStatement, p: PathSegment[], at: Where): ConfigTable {
    this.put(p, undefined, at);
    this.put([...p, "iaid"], def.iaid, def.at);
    const prefixes: ConfigTable[] = [];
    for (const item of def.items) {
      if (item.kind === "prefix") {
        prefixes.push(this.prefixHint(item, [...p, "prefixes", prefixes.length]));
      }
    }
    const lengths = new Set(
      def.items.filter((i): i is PrefixDecl => i.kind === "prefix").map((i) => i.length).filter((
        l,
      ) => l > 0),
    );
    const hint = lengths.size === 1 ? [...lengths][0]! : undefined;
    const delegate: ConfigTable[] = [];
    const names = new Set<string>();
    let position = 0;
    for (const item of def.items) {
      if (item.kind !== "prefix-interface") continue;
      const slaIdDefault = position++;
      if (names.has(item.name)) {
        this.note(
          item.at,
          p,
          `prefix-interface ${item.name} is given again in this id-assoc; dhcp6c ignores this one`,
        );
        continue;
      }
      names.add(item.name);
      delegate.push(this.delegate(item, [...p, "delegate", delegate.length], slaIdDefault, hint));
    }
    const t: ConfigTable = { iaid: def.iaid };
    if (prefixes.length > 0) t.prefixes = prefixes;
    if (delegate.length > 0) t.delegate = delegate;
    return t;
  }

  private prefixHint(d: PrefixDecl, p: PathSegment[]): ConfigTable {
    this.put(p, undefined, d.at);
    this.put([...p, "prefix"], undefined, d.at);
    let address = d.address;
    const bytes = parseIPv6(d.address);
    const masked = maskPrefix(bytes, d.length);
    if (!masked.every((b, i) => b === bytes[i])) {
      address = formatIPv6(masked);
      this.note(
        d.at,
        [...p, "prefix"],
        `prefix ${d.address}/${d.length} has bits set past /${d.length}; adjusted to ${address}/${d.length} as dhcp6c does`,
      );
    } else address = normalizeIPv6(address);
    return this.lifetimes({ prefix: `${address}/${d.length}` }, d, p);
  }

  private delegate(
    item: PrefixInterface,
    p: PathSegment[],
    slaIdDefault: number,
    hint?: number,
  ): ConfigTable {
    this.put(p, undefined, item.at);
    this.put([...p, "interface"], undefined, item.at);
    const t: ConfigTable = { interface: item.name, sla_id: slaIdDefault };
    this.put([...p, "sla_id"], undefined, item.at);
    let slaLen: { value: number; at: Where } | undefined;
    for (const param of item.params) {
      if (param.kind === "sla-id") {
        t.sla_id = param.value;
        this.positions.set(formatPath([...p, "sla_id"]), pos(param.at));
      } else if (param.kind === "sla-len") {
        if (param.value > 128) {
          this.error(param.at, [], `sla-len ${param.value} is out of range; expected 0–128`);
          continue;
        }
        slaLen = { value: param.value, at: param.at };
      } else {
        t.ifid = param.value;
        this.put([...p, "ifid"], undefined, param.at);
      }
    }
    if (slaLen !== undefined) {
      this.put([...p, "sla_len"], undefined, slaLen.at);
      let value = slaLen.value;
      if (value > 64) {
        this.note(
          slaLen.at,
          [...p, "sla_len"],
          `sla-len ${value} adjusted to 64: a subnet cannot be longer than /64; at run time it is shrunk further to what the delegated prefix leaves (dhcp6c shrinks it the same way when the prefix arrives)`,
        );
        value = 64;
      }
      t.sla_len = value;
    } else if (hint !== undefined && hint < 48) {
      this.note(
        item.at,
        p,
        `no sla-len: dhcp6c would use 16 and make a /${
          hint + 16
        } subnet from the /${hint} hint; edge6 makes a /64`,
      );
    }
    return t;
  }

  private authentication(s: AuthStatement): void {
    const p = ["authentication", s.name];
    const t: ConfigTable = {};
    this.put(p, undefined, s.at);
    for (const param of s.params) {
      if (param.kind === "key") {
        this.note(
          param.at,
          p,
          "key in an authentication statement is not supported by dhcp6c; ignored",
        );
        continue;
      }
      if (t[param.kind] !== undefined) {
        this.note(param.at, p, `${param.kind} is given again; dhcp6c ignores this one`);
        continue;
      }
      if (param.kind === "protocol" && param.value === "reconfig") {
        this.error(
          param.at,
          [],
          "protocol reconfig is a server setting; dhcp6c refuses it in a client",
        );
        // Reported here; keep the validator from reporting a missing protocol too.
        t.protocol = "delayed";
        continue;
      }
      t[param.kind] = param.value;
      this.put([...p, param.kind], undefined, param.at);
    }
    const auth = (this.doc.authentication ??= {}) as ConfigTable;
    auth[s.name] = t;
  }

  private keyinfo(s: KeyStatement): void {
    const p = ["keyinfo", s.name];
    const t: ConfigTable = {};
    this.put(p, undefined, s.at);
    for (const param of s.params) {
      const key = param.kind === "keyid" ? "key_id" : param.kind;
      if (t[key] !== undefined) {
        this.note(param.at, p, `${param.kind} is given again; dhcp6c ignores this one`);
        continue;
      }
      t[key] = param.value;
      this.put([...p, key], undefined, param.at);
    }
    const keys = (this.doc.keyinfo ??= {}) as ConfigTable;
    keys[s.name] = t;
  }

  /** Records the position of a key path (first one wins); returns the value for chaining. */
  private put<T>(p: readonly PathSegment[], value: T, at: Where): T {
    const id = formatPath(p);
    if (!this.positions.has(id)) this.positions.set(id, pos(at));
    return value;
  }

  private note(at: Where, p: readonly PathSegment[], message: string): void {
    this.notes.push({ file: at.file, line: at.line, col: at.col, path: formatPath(p), message });
  }

  private error(at: Where, p: readonly PathSegment[], message: string): void {
    this.errors.push({ file: at.file, line: at.line, col: at.col, path: formatPath(p), message });
  }
}

function pos(at: Where): SourcePosition {
  return { file: at.file, line: at.line, col: at.col };
}

function where(at: Where): string {
  return `${at.file.slice(at.file.lastIndexOf("/") + 1)}:${at.line}`;
}

function lifetime(s: number): number | string {
  return s === UINT32_MAX ? "infinity" : s;
}

function declName(d: Dhcp6cDecl): string {
  return d.kind;
}
