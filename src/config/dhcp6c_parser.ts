/**
 * A recursive-descent parser for dhcp6c.conf, following the grammar of
 * dhcp6c's cfparse.y statement by statement. It expands `include` (depth
 * limited as dhcp6c does), keeps going after an error to report them all,
 * and gives every error its file, line and column.
 * @module
 */
import { isIPv6 } from "../dhcp6/ipv6.ts";
import { UINT32_MAX } from "./defaults.ts";
import { normalizeHex } from "./hex.ts";
import { closest } from "./suggest.ts";
import { IFID_MAX } from "./ifid.ts";
import { DHCP6C_OPTION_NAMES } from "./option_names.ts";
import { DHCP6C_TOP_LEVEL_STATEMENTS } from "./detect_format.ts";
import { type Token, tokenize } from "./dhcp6c_tokens.ts";
import type {
  AddressDecl,
  Dhcp6cAuthParam,
  Dhcp6cDecl,
  Dhcp6cIfParam,
  Dhcp6cKeyParam,
  Dhcp6cOption,
  Dhcp6cStatement,
  PrefixDecl,
  PrefixInterface,
  Where,
} from "./dhcp6c_ast.ts";

/** How deep `include` may nest (dhcp6c's MAX_INCLUDE_DEPTH). */
export const MAX_INCLUDE_DEPTH = 10;

/** Reads an included file; throws (e.g. Deno.errors.NotFound) when it cannot. */
export type IncludeReader = (path: string) => string;

/** A parse error at a place in a file. */
export interface Dhcp6cError {
  /** Where the error lies. */
  readonly at: Where;
  /** What is wrong and what was expected. */
  readonly message: string;
}

/** The statements of a file and its includes, and every error found. */
export interface Dhcp6cParse {
  /** The top-level statements, includes expanded in place. */
  readonly statements: Dhcp6cStatement[];
  /** Every error found, in file order; empty when the parse succeeded. */
  readonly errors: Dhcp6cError[];
}

/** Global option names of `option NAME …;` and what follows them. */
const GLOBAL_OPTIONS: ReadonlyMap<string, "addresses" | "string" | "number"> = new Map([
  ["domain-name-servers", "addresses"],
  ["domain-name", "string"],
  ["ntp-servers", "addresses"],
  ["sip-server-address", "addresses"],
  ["sip-server-domain-name", "string"],
  ["nis-server-address", "addresses"],
  ["nis-domain-name", "string"],
  ["nis-server-domain-name", "string"],
  ["nisp-server-address", "addresses"],
  ["nisp-domain-name", "string"],
  ["nisp-server-domain-name", "string"],
  ["bcmcs-server-address", "addresses"],
  ["bcmcs-server-domain-name", "string"],
  ["refreshtime", "number"],
]);

/** dhcp6c's smallest information refresh time (DHCP6_IRT_MINIMUM, RFC 9915 §21.23). */
const IRT_MINIMUM = 600;

/**
 * Parses dhcp6c.conf text. `file` names it in errors and is the base for
 * relative include paths; `read` reads included files.
 */
export function parseDhcp6c(text: string, file: string, read: IncludeReader): Dhcp6cParse {
  const errors: Dhcp6cError[] = [];
  const statements = parseFile(text, file, read, [joinPath(".", file)], errors);
  return { statements, errors };
}

function parseFile(
  text: string,
  file: string,
  read: IncludeReader,
  stack: string[],
  errors: Dhcp6cError[],
): Dhcp6cStatement[] {
  const { tokens, errors: lexErrors } = tokenize(text);
  for (const e of lexErrors) {
    errors.push({ at: { file, line: e.line, col: e.col }, message: e.message });
  }
  return new Parser(tokens, file, read, stack, errors).statements();
}

class ParseError extends Error {}

class Parser {
  private i = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly file: string,
    private readonly read: IncludeReader,
    private readonly stack: string[],
    private readonly errors: Dhcp6cError[],
  ) {}

  statements(): Dhcp6cStatement[] {
    const out: Dhcp6cStatement[] = [];
    while (this.peek().kind !== "eof") {
      const start = this.i;
      try {
        out.push(...this.statement());
      } catch (e) {
        if (!(e instanceof ParseError)) throw e;
        this.sync(start);
      }
    }
    return out;
  }

  private statement(): Dhcp6cStatement[] {
    const t = this.peek();
    const at = this.where(t);
    const word = t.kind === "word" ? t.text : "";
    switch (word) {
      case "interface":
      case "profile":
      case "host":
      case "pool": {
        this.next();
        const name = this.word(word === "interface" ? "an interface name" : `a ${word} name`);
        const decls = this.block(() => this.declaration());
        this.semi();
        return [{ kind: word, name, decls, at }];
      }
      case "option":
        return [this.globalOption()];
      case "id-assoc":
        return [this.idAssoc()];
      case "authentication": {
        this.next();
        const name = this.word("an authentication name");
        const params = this.block(() => this.authParam());
        this.semi();
        return [{ kind: "authentication", name, params, at }];
      }
      case "keyinfo": {
        this.next();
        const name = this.word("a key name");
        const params = this.block(() => this.keyParam());
        this.semi();
        return [{ kind: "keyinfo", name, params, at }];
      }
      case "include":
        return this.include();
      default:
        return this.fail(
          t,
          "interface, profile, id-assoc, authentication, keyinfo, include, host, pool or option",
          DHCP6C_TOP_LEVEL_STATEMENTS,
        );
    }
  }

  private include(): Dhcp6cStatement[] {
    this.next();
    const t = this.peek();
    const path = this.string("a quoted file name");
    this.semi();
    const at = this.where(t);
    const full = path.startsWith("/") ? joinPath("/", path) : joinPath(dirname(this.file), path);
    if (this.stack.length > MAX_INCLUDE_DEPTH) {
      this.errors.push({
        at,
        message: `include "${path}": includes nest deeper than ${MAX_INCLUDE_DEPTH}`,
      });
      return [];
    }
    if (this.stack.includes(full)) {
      this.errors.push({
        at,
        message: `include "${path}": the file includes itself (${
          [...this.stack, full].join(" → ")
        })`,
      });
      return [];
    }
    let text: string;
    try {
      text = this.read(full);
    } catch (e) {
      const why = e instanceof Deno.errors.NotFound ? "no such file" : (e as Error).message;
      this.errors.push({ at, message: `include "${path}": cannot read ${full}: ${why}` });
      return [];
    }
    return parseFile(text, full, this.read, [...this.stack, full], this.errors);
  }

  private globalOption(): Dhcp6cStatement {
    const at = this.where(this.next());
    const t = this.peek();
    const name = this.word("an option name");
    const shape = GLOBAL_OPTIONS.get(name);
    if (shape === undefined) {
      return this.fail(t, `an option name (${[...GLOBAL_OPTIONS.keys()].join(", ")})`);
    }
    if (shape === "string") this.string("a quoted name");
    else if (shape === "number") {
      const n = this.peek();
      const value = this.number("seconds", 0, UINT32_MAX);
      if (value < IRT_MINIMUM) {
        this.fail(n, `a refresh time of at least ${IRT_MINIMUM} seconds`);
      }
    } else {
      while (this.peek().kind === "word") {
        const a = this.next();
        if (!isIPv6(a.text)) this.fail(a, "an IPv6 address");
      }
    }
    this.semi();
    return { kind: "option", name, at };
  }

  private idAssoc(): Dhcp6cStatement {
    const at = this.where(this.next());
    const typeToken = this.peek();
    const type = this.word('"na" or "pd"');
    if (type !== "na" && type !== "pd") return this.fail(typeToken, '"na" or "pd"');
    // dhcp6c: "If omitted, the value 0 will be used by default."
    const iaid = this.peek().kind === "word" ? this.number("an IAID", 0, UINT32_MAX) : 0;
    if (type === "na") {
      const addresses = this.block(() => {
        const t = this.peek();
        if (t.kind === "word" && t.text === "address") return this.address();
        return this.fail(t, "address");
      });
      this.semi();
      return { kind: "id-assoc-na", iaid, addresses, at };
    }
    const items = this.block((): PrefixDecl | PrefixInterface => {
      const t = this.peek();
      if (t.kind === "word" && t.text === "prefix") return this.prefix();
      if (t.kind === "word" && t.text === "prefix-interface") return this.prefixInterface();
      return this.fail(t, "prefix or prefix-interface", ["prefix", "prefix-interface"]);
    });
    this.semi();
    return { kind: "id-assoc-pd", iaid, items, at };
  }

  private prefixInterface(): PrefixInterface {
    const at = this.where(this.next());
    const name = this.word("an interface name");
    const params = this.block((): Dhcp6cIfParam => {
      const t = this.peek();
      const pat = this.where(t);
      if (t.kind === "word" && (t.text === "sla-id" || t.text === "sla-len")) {
        this.next();
        const value = this.number(
          t.text === "sla-id" ? "an SLA ID" : "an SLA length",
          0,
          UINT32_MAX,
        );
        this.semi();
        return { kind: t.text, value, at: pat };
      }
      if (t.kind === "word" && t.text === "ifid") {
        this.next();
        const v = this.peek();
        let value: bigint | "random" | "eui-64";
        if (v.kind === "word" && (v.text === "random" || v.text === "eui-64")) {
          this.next();
          value = v.text;
        } else {
          value = this.bigNumber('an interface ID, "random" or "eui-64"', IFID_MAX);
        }
        this.semi();
        return { kind: "ifid", value, at: pat };
      }
      return this.fail(t, "sla-id, sla-len or ifid", ["sla-id", "sla-len", "ifid"]);
    });
    this.semi();
    return { kind: "prefix-interface", name, params, at };
  }

  private declaration(): Dhcp6cDecl {
    const t = this.peek();
    const at = this.where(t);
    const word = t.kind === "word" ? t.text : "";
    switch (word) {
      case "send":
      case "request": {
        this.next();
        const options = [this.dhcpOption()];
        while (this.peek().kind === "punct" && this.peek().text === ",") {
          this.next();
          options.push(this.dhcpOption());
        }
        this.semi();
        return { kind: word, options, at };
      }
      case "allow": {
        this.next();
        const option = this.dhcpOption();
        this.semi();
        return { kind: "allow", option, at };
      }
      case "information-only":
        this.next();
        this.semi();
        return { kind: "information-only", at };
      case "duid": {
        this.next();
        const v = this.peek();
        const value = this.word("a DUID as hex bytes xx:xx:…");
        if (!/^[0-9a-fA-F]{2}(:[0-9a-fA-F]{2})*$/.test(value)) {
          this.fail(v, "a DUID as hex bytes xx:xx:…");
        }
        this.semi();
        return { kind: "duid", value, at };
      }
      case "address":
        return this.address();
      case "prefix":
        return this.prefix();
      case "preference": {
        this.next();
        const value = this.number("a preference 0–255", 0, 255);
        this.semi();
        return { kind: "preference", value, at };
      }
      case "script": {
        this.next();
        const path = this.string("a quoted script path");
        this.semi();
        return { kind: "script", path, at };
      }
      case "delayedkey": {
        this.next();
        const name = this.word("a key name");
        this.semi();
        return { kind: "delayedkey", name, at };
      }
      case "range": {
        this.next();
        const from = this.address6();
        const to = this.peek();
        if (!(to.kind === "word" && to.text === "to")) this.fail(to, '"to"');
        this.next();
        const last = this.address6();
        this.semi();
        return { kind: "range", from, to: last, at };
      }
      case "address-pool": {
        this.next();
        const name = this.word("a pool name");
        return { kind: "address-pool", name, ...this.lifetimesThenSemi(), at };
      }
      default:
        return this.fail(
          t,
          "send, request, information-only, script, allow, duid, preference, address, prefix, delayedkey, range or address-pool",
          // Suggest only what a client's interface block uses.
          ["send", "request", "information-only", "script"],
        );
    }
  }

  private dhcpOption(): Dhcp6cOption {
    const t = this.peek();
    const at = this.where(t);
    const word = t.kind === "word" ? t.text : "";
    if (word === "rapid-commit") {
      this.next();
      return { kind: "rapid-commit", at };
    }
    if (word === "authentication") {
      this.next();
      return { kind: "authentication", name: this.word("an authentication name"), at };
    }
    if (word === "ia-na" || word === "ia-pd") {
      this.next();
      return { kind: word, iaid: this.number("an IAID", 0, UINT32_MAX), at };
    }
    if (word === "raw-option") {
      this.next();
      const code = this.number("an option code 1–65535", 1, 65535);
      const d = this.peek();
      // A hex run without colons may be all digits ("00", "1234"): any word will do.
      if (d.kind !== "word") return this.fail(d, "option data as hex bytes (xx:xx:… or xxxx)");
      this.next();
      const hex = normalizeHex(d.text);
      if ("error" in hex) return this.fail(d, `option data: ${hex.error}`);
      return { kind: "raw", code, hex: hex.hex, at };
    }
    const code = DHCP6C_OPTION_NAMES.get(word);
    if (code !== undefined) {
      this.next();
      return { kind: "info", name: word, code, at };
    }
    return this.fail(
      t,
      `an option (rapid-commit, ia-na N, ia-pd N, authentication NAME, raw-option N HEX, ${
        [...DHCP6C_OPTION_NAMES.keys()].join(", ")
      })`,
      [
        "rapid-commit",
        "ia-na",
        "ia-pd",
        "authentication",
        "raw-option",
        ...DHCP6C_OPTION_NAMES.keys(),
      ],
    );
  }

  private address(): AddressDecl {
    const at = this.where(this.next());
    const address = this.address6();
    return { kind: "address", address, ...this.lifetimesThenSemi(), at };
  }

  private prefix(): PrefixDecl {
    const at = this.where(this.next());
    const address = this.address6();
    const slash = this.peek();
    if (!(slash.kind === "punct" && slash.text === "/")) {
      this.fail(slash, '"/" and a prefix length');
    }
    this.next();
    const length = this.number("a prefix length 0–128", 0, 128);
    return { kind: "prefix", address, length, ...this.lifetimesThenSemi(), at };
  }

  private authParam(): Dhcp6cAuthParam {
    const t = this.peek();
    const at = this.where(t);
    const word = t.kind === "word" ? t.text : "";
    this.expectWordOf(t, ["protocol", "algorithm", "rdm", "key"]);
    const v = this.peek();
    const value = this.word("a value");
    let param: Dhcp6cAuthParam;
    if (word === "protocol") {
      if (value !== "delayed" && value !== "reconfig") this.fail(v, '"delayed" or "reconfig"');
      param = { kind: "protocol", value: value as "delayed" | "reconfig", at };
    } else if (word === "algorithm") {
      if (!["hmac-md5", "HMAC-MD5", "hmacmd5", "HMACMD5"].includes(value)) {
        this.fail(v, '"hmac-md5"');
      }
      param = { kind: "algorithm", value: "hmac-md5", at };
    } else if (word === "rdm") {
      if (value !== "monocounter") this.fail(v, '"monocounter"');
      param = { kind: "rdm", value: "monocounter", at };
    } else {
      param = { kind: "key", value, at };
    }
    this.semi();
    return param;
  }

  private keyParam(): Dhcp6cKeyParam {
    const t = this.peek();
    const at = this.where(t);
    const word = t.kind === "word" ? t.text : "";
    this.expectWordOf(t, ["realm", "keyid", "secret", "expire"]);
    let param: Dhcp6cKeyParam;
    if (word === "keyid") {
      param = { kind: "keyid", value: this.number("a key ID 0–4294967295", 0, UINT32_MAX), at };
    } else {
      param = {
        kind: word as "realm" | "secret" | "expire",
        value: this.string("a quoted string"),
        at,
      };
    }
    this.semi();
    return param;
  }

  // ---- pieces --------------------------------------------------------------

  /** `{ item* }`: recovers inside the braces after an error in one item. */
  private block<T>(item: () => T): T[] {
    const open = this.peek();
    if (!(open.kind === "punct" && open.text === "{")) this.fail(open, '"{"');
    this.next();
    const out: T[] = [];
    for (;;) {
      const t = this.peek();
      if (t.kind === "punct" && t.text === "}") {
        this.next();
        return out;
      }
      if (t.kind === "eof") this.fail(t, '"}"');
      const start = this.i;
      try {
        out.push(item());
      } catch (e) {
        if (!(e instanceof ParseError)) throw e;
        this.syncInBlock(start);
      }
    }
  }

  private duration(): number {
    const t = this.peek();
    if (t.kind === "word" && t.text === "infinity") {
      this.next();
      return UINT32_MAX;
    }
    return this.number('a duration in seconds or "infinity"', 0, UINT32_MAX);
  }

  /** A preferred lifetime, an optional valid lifetime, then the ";" that ends the statement. */
  private lifetimesThenSemi(): { pltime: number; vltime?: number } {
    const pltime = this.duration();
    const vltime = this.optionalDuration();
    this.semi();
    return { pltime, ...(vltime !== undefined ? { vltime } : {}) };
  }

  private optionalDuration(): number | undefined {
    const t = this.peek();
    return t.kind === "word" ? this.duration() : undefined;
  }

  private address6(): string {
    const t = this.peek();
    const text = this.word("an IPv6 address");
    if (!isIPv6(text)) this.fail(t, "an IPv6 address");
    return text;
  }

  private number(what: string, min: number, max: number): number {
    const t = this.peek();
    if (t.kind !== "word" || !/^[0-9]+$/.test(t.text)) return this.fail(t, what);
    const n = Number(t.text);
    // `what` often gives the range itself ("a prefix length 0–128"): say it once.
    const range = `${min}–${max}`;
    if (n < min || n > max) return this.fail(t, what.includes(range) ? what : `${what} (${range})`);
    this.next();
    return n;
  }

  /** A decimal number read exactly, however long (dhcp6c's 64-bit `ifid`). */
  private bigNumber(what: string, max: bigint): bigint {
    const t = this.peek();
    if (t.kind !== "word" || !/^[0-9]+$/.test(t.text)) return this.fail(t, what);
    const n = BigInt(t.text);
    if (n > max) return this.fail(t, `${what} (0–${max})`);
    this.next();
    return n;
  }

  private word(what: string): string {
    const t = this.peek();
    // dhcp6c's grammar takes names bare; a quoted one is a likely slip, so say so.
    if (t.kind === "string") return this.fail(t, `${what}, written without quotes`);
    if (t.kind !== "word") return this.fail(t, what);
    this.next();
    return t.text;
  }

  private string(what: string): string {
    const t = this.peek();
    if (t.kind !== "string") return this.fail(t, what);
    this.next();
    return t.text;
  }

  private semi(): void {
    const t = this.peek();
    if (!(t.kind === "punct" && t.text === ";")) this.fail(t, '";"');
    this.next();
  }

  private expectWordOf(t: Token, words: string[]): void {
    if (t.kind !== "word" || !words.includes(t.text)) this.fail(t, words.join(", "), words);
    this.next();
  }

  /**
   * Records "found X, expected Y" at `t` and abandons the statement; with
   * `keywords`, a misspelt word also gets "did you mean …?".
   */
  private fail(t: Token, expected: string, keywords?: readonly string[]): never {
    const found = t.kind === "eof"
      ? "end of file"
      : t.kind === "string"
      ? `"${t.text}"`
      : `"${t.text}"`;
    const guess = keywords !== undefined && t.kind === "word"
      ? closest(t.text, keywords)
      : undefined;
    const hint = guess === undefined || guess === t.text ? "" : `; did you mean "${guess}"?`;
    this.errors.push({ at: this.where(t), message: `found ${found}, expected ${expected}${hint}` });
    throw new ParseError();
  }

  /** After an error in a top-level statement: skip to its closing `;`. */
  private sync(start: number): void {
    if (this.i === start) this.i++;
    let depth = 0;
    for (; this.peek().kind !== "eof"; this.i++) {
      const t = this.peek();
      if (t.kind !== "punct") continue;
      if (t.text === "{") depth++;
      else if (t.text === "}") depth = Math.max(0, depth - 1);
      else if (t.text === ";" && depth === 0) {
        this.i++;
        return;
      }
    }
  }

  /** After an error inside braces: skip to the item's `;`, or stop before the block's `}`. */
  private syncInBlock(start: number): void {
    if (this.i === start && !(this.peek().kind === "punct" && this.peek().text === "}")) this.i++;
    let depth = 0;
    for (; this.peek().kind !== "eof"; this.i++) {
      const t = this.peek();
      if (t.kind !== "punct") continue;
      if (t.text === "{") depth++;
      else if (t.text === "}") {
        if (depth === 0) return;
        depth--;
      } else if (t.text === ";" && depth === 0) {
        this.i++;
        return;
      }
    }
  }

  private peek(): Token {
    return this.tokens[this.i] ?? this.tokens[this.tokens.length - 1]!;
  }

  private next(): Token {
    const t = this.peek();
    if (this.i < this.tokens.length - 1) this.i++;
    return t;
  }

  private where(t: Token): Where {
    return { file: this.file, line: t.line, col: t.col };
  }
}

function dirname(path: string): string {
  const slash = path.lastIndexOf("/");
  return slash < 0 ? "." : slash === 0 ? "/" : path.slice(0, slash);
}

/** Joins and normalises (`.`, `..`, repeated slashes) so that include cycles are seen. */
function joinPath(dir: string, name: string): string {
  const joined = dir === "." ? name : `${dir}/${name}`;
  const absolute = joined.startsWith("/");
  const out: string[] = [];
  for (const part of joined.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === ".." && out.length > 0 && out[out.length - 1] !== "..") out.pop();
    else if (part !== ".." || !absolute) out.push(part);
  }
  return (absolute ? "/" : "") + out.join("/");
}
