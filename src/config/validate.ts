/**
 * Turns a parsed configuration document (the plain object smol-toml returns,
 * or the one the dhcp6c.conf reader builds) into a typed {@link Config},
 * reporting every problem at once with its place in the source.
 * @module
 */
import { formatIPv6, isIPv6, maskPrefix, normalizeIPv6, parseIPv6 } from "../dhcp6/ipv6.ts";
import { MIN_DELEGATED_PREFIX_LENGTH, OptionCode } from "../dhcp6/constants.ts";
import { ENGINE_OWNED_CODES, NOT_REQUESTABLE } from "./option_codes.ts";
import { DEFAULT_GLOBAL, DEFAULT_INTERFACE_FLAGS, UINT32_MAX } from "./defaults.ts";
import { normalizeHex } from "./hex.ts";
import { IFID_MAX, IFID_STRING_FORMS, parseIfidText } from "./ifid.ts";
import { formatPath, type PathSegment } from "./key_path.ts";
import type { ConfigMessage } from "./message.ts";
import { optionName, REQUEST_NAMES } from "./option_names.ts";
import type { PositionMap, SourcePosition } from "./position.ts";
import { closest } from "./suggest.ts";
import { LAN_KEYS, validateLanTables } from "./lan.ts";
import type {
  AddressHintConfig,
  AuthenticationConfig,
  Config,
  DelegateConfig,
  GlobalConfig,
  IaNaSettings,
  IaPdSettings,
  IfidConfig,
  InterfaceConfig,
  KeyInfoConfig,
  LogTarget,
  PrefixHintConfig,
  RawOptionConfig,
} from "./types.ts";

/** The outcome of validation: a Config and its warnings, or every error found. */
export type ValidationResult =
  | { readonly ok: true; readonly config: Config; readonly warnings: ConfigMessage[] }
  | { readonly ok: false; readonly errors: ConfigMessage[]; readonly warnings: ConfigMessage[] };

/**
 * A configuration document before validation: the table a TOML file parses to,
 * or the one `dhcp6cToDocument` builds from dhcp6c.conf statements.
 */
export type ConfigTable = Record<string, unknown>;

/** Keys of each table, for unknown-key errors and "did you mean". */
export const KNOWN_KEYS = {
  top: ["global", "interface", "profile", "authentication", "keyinfo", "lan"],
  global: [
    "duid_file",
    "state_dir",
    "control_socket",
    "log_level",
    "log_target",
    "log_facility",
    "hook_timeout",
  ],
  interface: [
    "ia_na",
    "ia_pd",
    "request",
    "raw_options",
    "rapid_commit",
    "information_only",
    "script",
    "reconfigure_accept",
    "authentication",
    "initial_delay",
    "release_on_stop",
  ],
  iaNa: ["iaid", "addresses"],
  address: ["address", "preferred_lifetime", "valid_lifetime"],
  iaPd: ["iaid", "prefixes", "delegate"],
  prefix: ["prefix", "preferred_lifetime", "valid_lifetime"],
  delegate: ["interface", "sla_id", "sla_len", "ifid"],
  rawOption: ["code", "data"],
  authentication: ["protocol", "algorithm", "rdm"],
  keyinfo: ["realm", "key_id", "secret", "expire"],
  lan: LAN_KEYS,
} as const;

const LOG_LEVELS = ["error", "warn", "notice", "info", "debug"] as const;
const LOG_TARGETS = ["stderr", "syslog"] as const;
const FACILITIES = [
  "kern",
  "user",
  "mail",
  "daemon",
  "auth",
  "syslog",
  "lpr",
  "news",
  "uucp",
  "cron",
  "authpriv",
  "ftp",
  "local0",
  "local1",
  "local2",
  "local3",
  "local4",
  "local5",
  "local6",
  "local7",
] as const;

/**
 * What an interface requests when its table has no `request` key: DNS
 * servers and the domain list (RFC 3646), what a router needs to pass on.
 */
export const DEFAULT_REQUEST: readonly number[] = [OptionCode.DNS_SERVERS, OptionCode.DOMAIN_LIST];

/** dhcp6c's IFNAMSIZ-bound interface names; Linux refuses '/', ':' and blanks. */
const IFNAME = /^[A-Za-z0-9._@+-]{1,15}$/;

/** Profile names: a word of dhcp6c's lexer (cftoken.l `string`), kept to a sane length. */
const PROFILE_NAME = /^[A-Za-z0-9:._-]{1,64}$/;

/**
 * The fewest bits a delegated prefix leaves before /64: edge6 discards
 * prefixes shorter than /MIN_DELEGATED_PREFIX_LENGTH, so no more than this.
 */
const MOST_SUBNET_BITS = 64 - MIN_DELEGATED_PREFIX_LENGTH;

/**
 * Validates a configuration document. `positions` maps key paths to their
 * place in `file`; `warnings` already found by a front end are passed through.
 */
export function validateConfig(
  doc: ConfigTable,
  file: string,
  positions: PositionMap,
  warnings: ConfigMessage[] = [],
): ValidationResult {
  const v = new Validator(file, positions, warnings);
  const config = v.config(doc);
  if (v.errors.length > 0) return { ok: false, errors: v.errors, warnings: v.warnings };
  return { ok: true, config, warnings: v.warnings };
}

class Validator {
  readonly errors: ConfigMessage[] = [];
  /** IAIDs in use per IA type, for client-wide uniqueness (RFC 9915 §12). */
  private readonly iaids = { na: new Map<number, string>(), pd: new Map<number, string>() };

  constructor(
    private readonly file: string,
    private readonly positions: PositionMap,
    readonly warnings: ConfigMessage[],
  ) {}

  config(doc: ConfigTable): Config {
    this.keys(doc, [], KNOWN_KEYS.top);
    const globalTable = this.table(doc, "global", []);
    const global = this.global(globalTable ?? {});
    const authentication: Record<string, AuthenticationConfig> = {};
    const authTable = this.table(doc, "authentication", []) ?? {};
    for (const [name, value] of Object.entries(authTable)) {
      const t = this.asTable(value, ["authentication", name]);
      if (t !== undefined) authentication[name] = this.authentication(t, ["authentication", name]);
    }
    const keyinfo: Record<string, KeyInfoConfig> = {};
    const keyTable = this.table(doc, "keyinfo", []) ?? {};
    for (const [name, value] of Object.entries(keyTable)) {
      const t = this.asTable(value, ["keyinfo", name]);
      if (t !== undefined) keyinfo[name] = this.keyinfo(t, ["keyinfo", name]);
    }
    const profiles: InterfaceConfig[] = [];
    const profileTable = this.table(doc, "profile", []) ?? {};
    for (const [name, value] of Object.entries(profileTable)) {
      const path = ["profile", name];
      if (!PROFILE_NAME.test(name)) {
        this.error(
          path,
          `found profile name ${
            JSON.stringify(name)
          }, expected 1 to 64 characters of letters, digits, ".", "_", "-", ":"`,
        );
      }
      const t = this.asTable(value, path);
      if (t !== undefined) profiles.push(this.iface(name, t, path, authentication));
    }
    const interfaces: InterfaceConfig[] = [];
    const ifTable = this.table(doc, "interface", []);
    if (ifTable === undefined || Object.keys(ifTable).length === 0) {
      // A non-table `interface` has been reported already; a file of profiles
      // only (Debian's stock dhcp6c.conf) is run with -P.
      if ((doc.interface === undefined || ifTable !== undefined) && profiles.length === 0) {
        this.error([], "no interface is configured; expected at least one [interface.NAME] table");
      }
    } else {
      for (const [name, value] of Object.entries(ifTable)) {
        const path = ["interface", name];
        if (!IFNAME.test(name) || name === "." || name === "..") {
          this.error(
            path,
            `found interface name ${
              JSON.stringify(name)
            }, expected 1 to 15 characters of letters, digits, ".", "_", "-", "@", "+"`,
          );
        }
        const t = this.asTable(value, path);
        if (t !== undefined) interfaces.push(this.iface(name, t, path, authentication));
      }
    }
    // A LAN interface is fed by a `delegate` entry of an interface, or of a profile that
    // `run -P` turns into interfaces.
    const lan = validateLanTables(doc.lan, {
      upstreams: interfaces.map((i) => i.name),
      delegated: [
        ...new Set(
          [...interfaces, ...profiles].flatMap((i) =>
            i.iaPd.flatMap((pd) => pd.delegate.map((d) => d.interface))
          ),
        ),
      ],
    }, { error: (p, m) => this.error(p, m), warn: (p, m) => this.warn(p, m) });
    return {
      global,
      interfaces,
      ...(profiles.length > 0 ? { profiles } : {}),
      authentication,
      keyinfo,
      ...(lan === undefined ? {} : { lan }),
    };
  }

  private global(t: ConfigTable): GlobalConfig {
    const p = ["global"];
    this.keys(t, p, KNOWN_KEYS.global);
    return {
      duidFile: this.path(t, "duid_file", p) ?? DEFAULT_GLOBAL.duidFile,
      stateDir: this.path(t, "state_dir", p) ?? DEFAULT_GLOBAL.stateDir,
      controlSocket: this.path(t, "control_socket", p) ?? DEFAULT_GLOBAL.controlSocket,
      logLevel: this.choice(t, "log_level", p, LOG_LEVELS) ?? DEFAULT_GLOBAL.logLevel,
      logTarget: this.logTarget(t, p) ?? DEFAULT_GLOBAL.logTarget,
      logFacility: this.choice(t, "log_facility", p, FACILITIES) ?? DEFAULT_GLOBAL.logFacility,
      hookTimeout: this.integer(t, "hook_timeout", p, 1, 86400) ?? DEFAULT_GLOBAL.hookTimeout,
    };
  }

  private iface(
    name: string,
    t: ConfigTable,
    p: PathSegment[],
    auth: Record<string, AuthenticationConfig>,
  ): InterfaceConfig {
    this.keys(t, p, KNOWN_KEYS.interface);
    const iaNa = this.list(t, "ia_na", p, (v, ep) => this.iaNa(v, ep));
    const iaPd = this.list(t, "ia_pd", p, (v, ep) => this.iaPd(v, ep));
    const request = this.request(t, p);
    const rawOptions = this.list(t, "raw_options", p, (v, ep) => this.rawOption(v, ep));
    const flag = (key: string, dflt: boolean) => this.boolean(t, key, p) ?? dflt;
    const informationOnly = flag("information_only", DEFAULT_INTERFACE_FLAGS.informationOnly);
    if (informationOnly && (iaNa.length > 0 || iaPd.length > 0)) {
      this.error(
        [...p, "information_only"],
        "found true with ia_na or ia_pd entries, expected false: Information-request carries no IAs (RFC 9915 §18.2.6)",
      );
    }
    const script = this.path(t, "script", p);
    const authName = this.string(t, "authentication", p);
    if (authName !== undefined) {
      if (!(authName in auth)) {
        const hint = closest(authName, Object.keys(auth));
        this.error(
          [...p, "authentication"],
          `found ${JSON.stringify(authName)}, expected the name of an [authentication.NAME] table${
            hint ? `; did you mean ${JSON.stringify(hint)}?` : ""
          }`,
        );
      } else {
        this.warn(
          [...p, "authentication"],
          `authentication ${JSON.stringify(authName)} has no effect: ` +
            "delayed authentication (RFC 3315 §21.4) is not part of RFC 9915",
        );
      }
    }
    return {
      name,
      iaNa,
      iaPd,
      request,
      rawOptions,
      rapidCommit: flag("rapid_commit", DEFAULT_INTERFACE_FLAGS.rapidCommit),
      informationOnly,
      ...(script !== undefined ? { script } : {}),
      reconfigureAccept: flag("reconfigure_accept", DEFAULT_INTERFACE_FLAGS.reconfigureAccept),
      ...(authName !== undefined ? { authentication: authName } : {}),
      initialDelay: flag("initial_delay", DEFAULT_INTERFACE_FLAGS.initialDelay),
      releaseOnStop: flag("release_on_stop", DEFAULT_INTERFACE_FLAGS.releaseOnStop),
    };
  }

  private iaid(t: ConfigTable, p: PathSegment[], kind: "na" | "pd"): number {
    const iaid = this.integer(t, "iaid", p, 0, UINT32_MAX);
    if (iaid === undefined) {
      if (!("iaid" in t)) this.error(p, "missing iaid, expected an integer 0–4294967295");
      return 0;
    }
    const used = this.iaids[kind];
    const here = formatPath(p);
    const other = used.get(iaid);
    if (other !== undefined) {
      this.error(
        [...p, "iaid"],
        `found ${iaid}, already used by ${other}; expected an IAID unique among the client's IA_${kind.toUpperCase()}s (RFC 9915 §12)`,
      );
    } else used.set(iaid, here);
    return iaid;
  }

  private iaNa(v: unknown, p: PathSegment[]): IaNaSettings | undefined {
    const t = this.asTable(v, p);
    if (t === undefined) return undefined;
    this.keys(t, p, KNOWN_KEYS.iaNa);
    const iaid = this.iaid(t, p, "na");
    const addresses = this.uniqueList(
      t,
      "addresses",
      p,
      "address",
      (e, ep) => this.addressHint(e, ep),
      (a) => a.address,
    );
    return { iaid, addresses };
  }

  private addressHint(v: unknown, p: PathSegment[]): AddressHintConfig | undefined {
    const t = this.asTable(v, p);
    if (t === undefined) return undefined;
    this.keys(t, p, KNOWN_KEYS.address);
    const text = this.string(t, "address", p);
    let address = "::";
    if (text === undefined) {
      if (!("address" in t)) this.error(p, "missing address, expected an IPv6 address");
    } else if (!isIPv6(text)) {
      this.error([...p, "address"], `found ${JSON.stringify(text)}, expected an IPv6 address`);
    } else {
      address = normalizeIPv6(text);
      const why = unusable(parseIPv6(text));
      if (why) {
        this.error(
          [...p, "address"],
          `found ${address}, expected a global or unique-local address, not ${why}`,
        );
      }
    }
    const [preferredLifetime, validLifetime] = this.lifetimes(t, p);
    return { address, preferredLifetime, validLifetime };
  }

  private lifetimes(t: ConfigTable, p: PathSegment[]): [number, number] {
    const preferred = this.lifetime(t, "preferred_lifetime", p) ?? 0;
    const valid = this.lifetime(t, "valid_lifetime", p) ?? preferred;
    if (valid !== UINT32_MAX && (preferred === UINT32_MAX || preferred > valid)) {
      const key = "valid_lifetime" in t ? "valid_lifetime" : "preferred_lifetime";
      this.error(
        [...p, key],
        `found preferred ${lifetimeText(preferred)} and valid ${
          lifetimeText(valid)
        }, expected preferred_lifetime ≤ valid_lifetime`,
      );
    }
    return [preferred, valid];
  }

  private iaPd(v: unknown, p: PathSegment[]): IaPdSettings | undefined {
    const t = this.asTable(v, p);
    if (t === undefined) return undefined;
    this.keys(t, p, KNOWN_KEYS.iaPd);
    const iaid = this.iaid(t, p, "pd");
    const prefixes = this.uniqueList(
      t,
      "prefixes",
      p,
      "prefix",
      (e, ep) => this.prefixHint(e, ep),
      (h) => `${h.prefix}/${h.length}`,
    );
    // The subnet bits left by the hint, when every hint asks for the same length.
    const lengths = new Set(prefixes.map((h) => h.length).filter((l) => l > 0));
    const hintLength = lengths.size === 1 ? [...lengths][0] : undefined;
    const names = new Map<string, number>();
    const slaIds = new Map<number, number>();
    const delegate = this.list(t, "delegate", p, (e, ep, index) => {
      const d = this.delegate(e, ep, index, hintLength);
      if (d === undefined) return undefined;
      const dup = names.get(d.interface);
      if (dup !== undefined) {
        this.error(
          [...ep, "interface"],
          `found ${
            JSON.stringify(d.interface)
          }, already delegated to by delegate[${dup}]; expected each interface once per IA_PD`,
        );
      } else names.set(d.interface, index);
      const same = slaIds.get(d.slaId);
      if (same !== undefined) {
        this.warn(
          [...ep, "sla_id"],
          `${d.slaId} is also the sla_id of delegate[${same}]: both interfaces get the same subnet`,
        );
      } else slaIds.set(d.slaId, index);
      return d;
    });
    return { iaid, prefixes, delegate };
  }

  private prefixHint(v: unknown, p: PathSegment[]): PrefixHintConfig | undefined {
    const t = this.asTable(v, p);
    if (t === undefined) return undefined;
    this.keys(t, p, KNOWN_KEYS.prefix);
    const text = this.string(t, "prefix", p);
    let prefix = "::";
    let length = 0;
    if (text === undefined) {
      if (!("prefix" in t)) {
        this.error(p, 'missing prefix, expected an IPv6 prefix such as "::/56"');
      }
    } else {
      const m = /^([^/]+)\/(\d{1,3})$/.exec(text);
      if (m === null || !isIPv6(m[1]!) || Number(m[2]) > 128) {
        this.error(
          [...p, "prefix"],
          `found ${JSON.stringify(text)}, expected an IPv6 prefix ADDRESS/LENGTH such as "::/56"`,
        );
      } else {
        length = Number(m[2]);
        const bytes = parseIPv6(m[1]!);
        const masked = maskPrefix(bytes, length);
        prefix = formatIPv6(masked);
        if (!masked.every((b, i) => b === bytes[i])) {
          this.error(
            [...p, "prefix"],
            `found ${
              JSON.stringify(text)
            }, which has bits set past /${length}; expected "${prefix}/${length}"`,
          );
        }
        const why = unusable(masked);
        if (why) {
          this.error(
            [...p, "prefix"],
            `found ${prefix}/${length}, expected a global or unique-local prefix, not ${why}`,
          );
        }
      }
    }
    const [preferredLifetime, validLifetime] = this.lifetimes(t, p);
    return { prefix, length, preferredLifetime, validLifetime };
  }

  private delegate(
    v: unknown,
    p: PathSegment[],
    index: number,
    hintLength: number | undefined,
  ): DelegateConfig | undefined {
    const t = this.asTable(v, p);
    if (t === undefined) return undefined;
    this.keys(t, p, KNOWN_KEYS.delegate);
    const name = this.string(t, "interface", p);
    if (name === undefined) {
      if (!("interface" in t)) {
        this.error(p, "missing interface, expected a downstream interface name");
      }
    } else if (!IFNAME.test(name)) {
      this.error(
        [...p, "interface"],
        `found ${JSON.stringify(name)}, expected an interface name of 1 to 15 characters`,
      );
    }
    const slaId = this.integer(t, "sla_id", p, 0, UINT32_MAX) ?? index;
    const slaLen = this.integer(t, "sla_len", p, 0, 64);
    // A hint is only a hint: a longer sla_len is shrunk when the shorter prefix
    // actually arrives (delegateSubnet), so the hint gives warnings, not errors.
    const room = hintLength === undefined ? undefined : 64 - Math.min(hintLength, 64);
    if (slaLen !== undefined && room !== undefined && slaLen > room) {
      this.warn(
        [...p, "sla_len"],
        `sla_len ${slaLen} is more than the ${room} bits a /${hintLength} prefix leaves before a /64; it is shrunk to ${room} if a /${hintLength} is delegated (dhcp6c does the same)`,
      );
    } else if (
      slaLen !== undefined && room === undefined && slaLen > MOST_SUBNET_BITS &&
      // dhcp6c.conf's reader has already said so for a value it cut to 64.
      !this.warnings.some((w) => w.path === formatPath([...p, "sla_len"]))
    ) {
      this.warn(
        [...p, "sla_len"],
        `sla_len ${slaLen} is more than any delegated prefix leaves before a /64 (at most ${MOST_SUBNET_BITS} bits, from a /${MIN_DELEGATED_PREFIX_LENGTH}); it is shrunk at run time to what the delegated prefix leaves (dhcp6c does the same)`,
      );
    }
    if (slaLen === 0 || (room === 0 && (slaLen === undefined || slaLen > 0))) {
      // No bits for a subnet number: the interface gets the delegated prefix as it is.
      if (slaId !== 0) {
        const why = slaLen === 0 ? "with sla_len 0" : `if a /${hintLength} is delegated`;
        this.warn(
          [...p, "sla_id" in t ? "sla_id" : "interface"],
          `sla_id ${slaId} has no effect ${why}: no bits are left for a subnet number, and the interface gets the delegated prefix as it is (dhcp6c ignores the sla-id the same way)`,
        );
      }
    } else if (slaLen !== undefined && slaLen < 32 && slaId >= 2 ** slaLen) {
      this.error(
        [...p, "sla_id" in t ? "sla_id" : "interface"],
        `${slaId} does not fit in sla_len ${slaLen} (0–${2 ** slaLen - 1})`,
      );
    } else if (room !== undefined && room < 32 && slaId >= 2 ** Math.min(slaLen ?? room, room)) {
      this.warn(
        [...p, "sla_id" in t ? "sla_id" : "interface"],
        `sla_id ${slaId} does not fit in the ${room} bits a /${hintLength} prefix leaves (0–${
          2 ** room - 1
        }); this interface gets no subnet if a /${hintLength} is delegated`,
      );
    }
    const ifid = this.ifid(t, p);
    return {
      interface: name ?? "",
      slaId,
      ...(slaLen !== undefined ? { slaLen } : {}),
      ...(ifid !== undefined ? { ifid } : {}),
    };
  }

  private ifid(t: ConfigTable, p: PathSegment[]): IfidConfig | undefined {
    const v = t["ifid"];
    if (v === undefined) return undefined;
    if (v === "random" || v === "eui-64") return v;
    // smol-toml gives a bigint only past 2^53−1 (integersAsBigInt "asNeeded").
    if (typeof v === "number" && Number.isSafeInteger(v) && v >= 0) return BigInt(v);
    if (typeof v === "bigint" && v >= 0n && v <= IFID_MAX) return v;
    const expected =
      `expected an integer 0–${IFID_MAX}, ${IFID_STRING_FORMS}, "random" or "eui-64"`;
    if (typeof v === "string" && (/^[0-9]/.test(v) || v.includes(":"))) {
      const read = parseIfidText(v);
      if (read.ok) return read.value;
      this.error([...p, "ifid"], `found ${describe(v)}: ${read.error}; ${expected}`);
      return undefined;
    }
    const hint = typeof v === "string" ? closest(v, ["random", "eui-64"]) : undefined;
    const also = hint ? `; did you mean "${hint}"?` : "";
    this.error([...p, "ifid"], `found ${describe(v)}, ${expected}${also}`);
    return undefined;
  }

  private request(t: ConfigTable, p: PathSegment[]): number[] {
    if (t["request"] === undefined) return [...DEFAULT_REQUEST];
    const out: number[] = [];
    this.list(t, "request", p, (v, ep) => {
      const code = this.optionCode(v, ep);
      if (code === undefined) return undefined;
      if (NOT_REQUESTABLE.has(code)) {
        const name = optionName(code);
        this.error(
          ep,
          `found ${code}${
            name === undefined ? "" : ` (${name})`
          }, an option a client may not request (RFC 9915 §21.7); expected an option the server sends on request, such as dns-servers`,
        );
      } else if (out.includes(code)) {
        this.error(ep, `found option ${code} again, expected each option once`);
      } else out.push(code);
      return code;
    });
    return out;
  }

  private optionCode(v: unknown, ep: PathSegment[]): number | undefined {
    if (typeof v === "number") {
      if (Number.isInteger(v) && v >= 1 && v <= 65535) return v;
      this.error(ep, `found ${v}, expected an option code 1–65535`);
      return undefined;
    }
    if (typeof v === "string") {
      const code = REQUEST_NAMES.get(v);
      if (code !== undefined) return code;
      const hint = closest(v, REQUEST_NAMES.keys());
      const also = hint ? `; did you mean ${JSON.stringify(hint)}?` : "";
      this.error(
        ep,
        `found unknown option name ${JSON.stringify(v)}, expected an option name or code${also}`,
      );
      return undefined;
    }
    this.error(ep, `found ${describe(v)}, expected an option name or code`);
    return undefined;
  }

  private rawOption(v: unknown, p: PathSegment[]): RawOptionConfig | undefined {
    const t = this.asTable(v, p);
    if (t === undefined) return undefined;
    this.keys(t, p, KNOWN_KEYS.rawOption);
    const code = this.integer(t, "code", p, 1, 65535);
    if (code === undefined && !("code" in t)) {
      this.error(p, "missing code, expected an option code 1–65535");
    }
    const instead = code === undefined ? undefined : ENGINE_OWNED_CODES.get(code);
    if (instead !== undefined) {
      const name = optionName(code!);
      this.error(
        [...p, "code"],
        `found ${code}${
          name === undefined ? "" : ` (${name})`
        }, an option edge6 builds itself: ${instead}`,
      );
    }
    const text = this.string(t, "data", p) ?? "";
    const hex = normalizeHex(text);
    if ("error" in hex) {
      this.error([...p, "data"], `found ${JSON.stringify(text)}, ${hex.error}`);
      return undefined;
    }
    if (hex.hex.length / 2 > 65535) {
      this.error([...p, "data"], "found more than 65535 bytes, expected at most 65535");
    }
    return { code: code ?? 0, data: hex.hex };
  }

  private authentication(t: ConfigTable, p: PathSegment[]): AuthenticationConfig {
    this.keys(t, p, KNOWN_KEYS.authentication);
    const protocol = this.choice(t, "protocol", p, ["delayed"] as const);
    if (protocol === undefined && !("protocol" in t)) {
      this.error(p, 'missing protocol, expected "delayed"');
    }
    const alg = this.string(t, "algorithm", p);
    if (alg !== undefined && !/^hmac-?md5$/i.test(alg)) {
      this.error([...p, "algorithm"], `found ${JSON.stringify(alg)}, expected "hmac-md5"`);
    }
    this.choice(t, "rdm", p, ["monocounter"] as const);
    return { protocol: "delayed", algorithm: "hmac-md5", rdm: "monocounter" };
  }

  private keyinfo(t: ConfigTable, p: PathSegment[]): KeyInfoConfig {
    this.keys(t, p, KNOWN_KEYS.keyinfo);
    const need = (key: string, what: string) => {
      if (!(key in t)) this.error(p, `missing ${key}, expected ${what}`);
    };
    need("realm", "a realm string");
    need("key_id", "an integer 0–4294967295");
    need("secret", "a base64 secret");
    const realm = this.string(t, "realm", p) ?? "";
    const keyId = this.integer(t, "key_id", p, 0, UINT32_MAX) ?? 0;
    const secret = this.string(t, "secret", p) ?? "";
    if ("secret" in t && !/^[A-Za-z0-9+/]+={0,2}$/.test(secret)) {
      this.error([...p, "secret"], "found text that is not base64, expected a base64 secret");
    }
    const expire = this.string(t, "expire", p) ?? "forever";
    if (
      expire !== "forever" &&
      !/^(\d{4}-\d{1,2}-\d{1,2} |\d{1,2}-\d{1,2} )?\d{1,2}:\d{2}$/.test(expire)
    ) {
      this.error(
        [...p, "expire"],
        `found ${
          JSON.stringify(expire)
        }, expected "forever", "yyyy-mm-dd HH:MM", "mm-dd HH:MM" or "HH:MM"`,
      );
    }
    return { realm, keyId, secret, expire };
  }

  // ---- typed getters -------------------------------------------------------

  private keys(t: ConfigTable, p: PathSegment[], allowed: readonly string[]): void {
    for (const key of Object.keys(t)) {
      if (allowed.includes(key)) continue;
      const hint = closest(key, allowed);
      this.error(
        [...p, key],
        `unknown key${
          hint ? `; did you mean "${hint}"?` : `, expected one of ${allowed.join(", ")}`
        }`,
      );
    }
  }

  private table(t: ConfigTable, key: string, p: PathSegment[]): ConfigTable | undefined {
    if (t[key] === undefined) return undefined;
    return this.asTable(t[key], [...p, key]);
  }

  private asTable(v: unknown, p: PathSegment[]): ConfigTable | undefined {
    if (isTable(v)) return v;
    this.error(p, `found ${describe(v)}, expected a table`);
    return undefined;
  }

  /**
   * The array under `key` as {@link list} reads it, where an entry whose
   * `idOf` repeats an earlier one is an error naming it as a `what`.
   */
  private uniqueList<T>(
    t: ConfigTable,
    key: string,
    p: PathSegment[],
    what: string,
    item: (v: unknown, path: PathSegment[]) => T | undefined,
    idOf: (entry: T) => string,
  ): T[] {
    const seen = new Set<string>();
    return this.list(t, key, p, (e, ep) => {
      const entry = item(e, ep);
      if (entry === undefined) return undefined;
      const id = idOf(entry);
      if (seen.has(id)) this.error(ep, `found ${id} again, expected each ${what} once`);
      seen.add(id);
      return entry;
    });
  }

  private list<T>(
    t: ConfigTable,
    key: string,
    p: PathSegment[],
    item: (v: unknown, path: PathSegment[], index: number) => T | undefined,
  ): T[] {
    const v = t[key];
    if (v === undefined) return [];
    if (!Array.isArray(v)) {
      this.error([...p, key], `found ${describe(v)}, expected an array`);
      return [];
    }
    const out: T[] = [];
    v.forEach((e, i) => {
      const r = item(e, [...p, key, i], i);
      if (r !== undefined) out.push(r);
    });
    return out;
  }

  private string(t: ConfigTable, key: string, p: PathSegment[]): string | undefined {
    const v = t[key];
    if (v === undefined) return undefined;
    if (typeof v === "string") return v;
    this.error([...p, key], `found ${describe(v)}, expected a string`);
    return undefined;
  }

  private path(t: ConfigTable, key: string, p: PathSegment[]): string | undefined {
    const v = this.string(t, key, p);
    if (v !== undefined && !v.startsWith("/")) {
      this.error([...p, key], `found ${JSON.stringify(v)}, expected an absolute path`);
      return undefined;
    }
    return v;
  }

  private boolean(t: ConfigTable, key: string, p: PathSegment[]): boolean | undefined {
    const v = t[key];
    if (v === undefined) return undefined;
    if (typeof v === "boolean") return v;
    this.error([...p, key], `found ${describe(v)}, expected true or false`);
    return undefined;
  }

  private integer(
    t: ConfigTable,
    key: string,
    p: PathSegment[],
    min: number,
    max: number,
  ): number | undefined {
    const v = t[key];
    if (v === undefined) return undefined;
    if (typeof v === "number" && Number.isInteger(v) && v >= min && v <= max) return v;
    this.error([...p, key], `found ${describe(v)}, expected an integer ${min}–${max}`);
    return undefined;
  }

  private lifetime(t: ConfigTable, key: string, p: PathSegment[]): number | undefined {
    const v = t[key];
    if (v === undefined) return undefined;
    if (v === "infinity") return UINT32_MAX;
    if (typeof v === "number" && Number.isInteger(v) && v >= 0 && v <= UINT32_MAX) return v;
    this.error([...p, key], `found ${describe(v)}, expected seconds 0–4294967295 or "infinity"`);
    return undefined;
  }

  /** `log_target`: "stderr", "syslog", or the absolute path of a log file. */
  private logTarget(t: ConfigTable, p: PathSegment[]): LogTarget | undefined {
    const v = t.log_target;
    if (v === undefined) return undefined;
    if (v === "stderr" || v === "syslog") return v;
    if (typeof v === "string" && v.startsWith("/") && !v.endsWith("/") && !v.includes("\0")) {
      return v as `/${string}`;
    }
    const hint = typeof v === "string" && !v.includes("/") ? closest(v, LOG_TARGETS) : undefined;
    this.error(
      [...p, "log_target"],
      `found ${describe(v)}, expected "stderr", "syslog" or the absolute path of a log file${
        hint ? `; did you mean "${hint}"?` : ""
      }`,
    );
    return undefined;
  }

  private choice<T extends string>(
    t: ConfigTable,
    key: string,
    p: PathSegment[],
    options: readonly T[],
  ): T | undefined {
    const v = t[key];
    if (v === undefined) return undefined;
    if (typeof v === "string" && (options as readonly string[]).includes(v)) return v as T;
    const hint = typeof v === "string" ? closest(v, options) : undefined;
    this.error(
      [...p, key],
      `found ${describe(v)}, expected ${options.map((o) => `"${o}"`).join(", ")}${
        hint ? `; did you mean "${hint}"?` : ""
      }`,
    );
    return undefined;
  }

  private at(p: readonly PathSegment[]): SourcePosition {
    for (let n = p.length; n > 0; n--) {
      const pos = this.positions.get(formatPath(p.slice(0, n)));
      if (pos !== undefined) return pos;
    }
    return { line: 1, col: 1 };
  }

  private message(p: readonly PathSegment[], message: string): ConfigMessage {
    const pos = this.at(p);
    return {
      file: pos.file ?? this.file,
      line: pos.line,
      col: pos.col,
      path: formatPath(p),
      message,
    };
  }

  private error(p: readonly PathSegment[], message: string): void {
    this.errors.push(this.message(p, message));
  }

  private warn(p: readonly PathSegment[], message: string): void {
    this.warnings.push(this.message(p, message));
  }
}

function isTable(v: unknown): v is ConfigTable {
  return typeof v === "object" && v !== null && !Array.isArray(v) &&
    !(v instanceof Date) && Object.getPrototypeOf(v)?.constructor?.name !== "TomlDate";
}

/** Describes a value for "found X": the value itself when short, else its kind. */
export function describe(v: unknown): string {
  if (typeof v === "string") return JSON.stringify(v);
  if (typeof v === "number" || typeof v === "boolean" || typeof v === "bigint") return String(v);
  if (Array.isArray(v)) return "an array";
  if (v instanceof Date) return "a date";
  if (typeof v === "object" && v !== null) return "a table";
  return String(v);
}

function lifetimeText(s: number): string {
  return s === UINT32_MAX ? "infinity" : String(s);
}

/** Why an address cannot be asked for (dhcp6c refuses the same), or "" when it can. */
function unusable(bytes: Uint8Array): string {
  if (bytes[0] === 0xff) return "multicast";
  if (bytes[0] === 0xfe && (bytes[1]! & 0xc0) === 0x80) return "link-local";
  if (bytes[0] === 0xfe && (bytes[1]! & 0xc0) === 0xc0) return "site-local";
  return "";
}
