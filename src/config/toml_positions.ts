/**
 * Finds the line and column of every key in TOML source text. smol-toml
 * returns values without positions, so this scanner walks the same text and
 * records, for each key path, where the key (or the array element) starts.
 * It runs only on text smol-toml has accepted, so it can be forgiving.
 * @module
 */
import { formatPath, type PathSegment } from "./key_path.ts";
import type { SourcePosition } from "./position.ts";

/** Returns the position of every key path (and array element) in `text`. */
export function scanTomlPositions(text: string): Map<string, SourcePosition> {
  return new Scanner(text).run();
}

class Scanner {
  private i = 0;
  private line = 1;
  private lineStart = 0;
  private readonly positions = new Map<string, SourcePosition>();
  /** Number of elements so far of each array of tables, by resolved path. */
  private readonly aot = new Map<string, number>();

  constructor(private readonly text: string) {}

  run(): Map<string, SourcePosition> {
    let table: PathSegment[] = [];
    for (;;) {
      this.skipBlank(true);
      if (this.i >= this.text.length) break;
      if (this.text[this.i] === "[") {
        const here = this.here();
        const isArray = this.text[this.i + 1] === "[";
        this.i += isArray ? 2 : 1;
        const keys = this.readKey();
        this.i += isArray ? 2 : 1;
        table = this.resolve(keys.slice(0, -1), here);
        const last = keys[keys.length - 1] ?? "";
        table.push(last);
        this.record(table, here);
        if (isArray) {
          const id = formatPath(table);
          const n = this.aot.get(id) ?? 0;
          this.aot.set(id, n + 1);
          table.push(n);
          this.record(table, here);
        }
        this.skipToLineEnd();
        continue;
      }
      this.keyValue(table);
      this.skipToLineEnd();
    }
    return this.positions;
  }

  /** Appends the current index after every prefix that names an array of tables. */
  private resolve(keys: string[], at: SourcePosition): PathSegment[] {
    const out: PathSegment[] = [];
    for (const k of keys) {
      out.push(k);
      this.record(out, at);
      const n = this.aot.get(formatPath(out));
      if (n !== undefined) out.push(n - 1);
    }
    return out;
  }

  private keyValue(table: PathSegment[]): void {
    const here = this.here();
    const keys = this.readKey();
    const path = [...table];
    for (const k of keys) {
      path.push(k);
      this.record(path, here);
    }
    this.skipBlank(false);
    if (this.text[this.i] === "=") this.i++;
    this.skipBlank(false);
    this.value(path);
  }

  private value(path: PathSegment[]): void {
    const c = this.text[this.i];
    if (c === "{") {
      this.i++;
      for (;;) {
        this.skipBlank(true);
        if (this.i >= this.text.length) return;
        if (this.text[this.i] === "}") {
          this.i++;
          return;
        }
        if (this.text[this.i] === ",") {
          this.i++;
          continue;
        }
        this.keyValue(path);
      }
    }
    if (c === "[") {
      this.i++;
      let index = 0;
      for (;;) {
        this.skipBlank(true);
        if (this.i >= this.text.length) return;
        const d = this.text[this.i];
        if (d === "]") {
          this.i++;
          return;
        }
        if (d === ",") {
          this.i++;
          continue;
        }
        const element = [...path, index++];
        this.record(element, this.here());
        this.value(element);
      }
    }
    if (c === '"' || c === "'") {
      this.skipString();
      return;
    }
    while (this.i < this.text.length && !",]}\n#".includes(this.text[this.i]!)) this.i++;
  }

  private readKey(): string[] {
    const keys: string[] = [];
    for (;;) {
      this.skipBlank(false);
      const c = this.text[this.i];
      if (c === '"' || c === "'") {
        const start = this.i;
        this.skipString();
        keys.push(decodeQuotedKey(this.text.slice(start, this.i)));
      } else {
        const start = this.i;
        while (this.i < this.text.length && /[A-Za-z0-9_-]/.test(this.text[this.i]!)) this.i++;
        keys.push(this.text.slice(start, this.i));
      }
      this.skipBlank(false);
      if (this.text[this.i] !== ".") return keys;
      this.i++;
    }
  }

  private skipString(): void {
    const q = this.text[this.i]!;
    const triple = this.text.startsWith(q.repeat(3), this.i);
    this.i += triple ? 3 : 1;
    while (this.i < this.text.length) {
      const c = this.text[this.i]!;
      if (c === "\\" && q === '"') {
        this.i += 2;
        continue;
      }
      if (c === "\n") this.newline(this.i + 1);
      if (c === q) {
        if (!triple) {
          this.i++;
          return;
        }
        if (this.text.startsWith(q.repeat(3), this.i)) {
          this.i += 3;
          // Up to two more quotes just before the delimiter belong to the content.
          for (let n = 0; n < 2 && this.text[this.i] === q; n++) this.i++;
          return;
        }
      }
      this.i++;
    }
  }

  private skipBlank(newlines: boolean): void {
    while (this.i < this.text.length) {
      const c = this.text[this.i]!;
      if (c === " " || c === "\t" || c === "\r") this.i++;
      else if (c === "\n" && newlines) {
        this.i++;
        this.newline(this.i);
      } else if (c === "#" && newlines) {
        while (this.i < this.text.length && this.text[this.i] !== "\n") this.i++;
      } else return;
    }
  }

  private skipToLineEnd(): void {
    while (this.i < this.text.length && this.text[this.i] !== "\n") {
      if (this.text[this.i] === '"' || this.text[this.i] === "'") this.skipString();
      else this.i++;
    }
  }

  /** Counts a line break; `after` is the index just past it. */
  private newline(after: number): void {
    this.line++;
    this.lineStart = after;
  }

  private here(): SourcePosition {
    return { line: this.line, col: this.i - this.lineStart + 1 };
  }

  private record(path: readonly PathSegment[], at: SourcePosition): void {
    const id = formatPath(path);
    if (!this.positions.has(id)) this.positions.set(id, at);
  }
}

/** Decodes a quoted key; basic strings use JSON-compatible escapes for the common cases. */
function decodeQuotedKey(raw: string): string {
  if (raw.startsWith("'")) return raw.slice(1, -1);
  try {
    return JSON.parse(
      raw.replace(/\\U([0-9a-fA-F]{8})/g, (_, h: string) => {
        return JSON.stringify(String.fromCodePoint(parseInt(h, 16))).slice(1, -1);
      }).replace(/\\e/g, "\\u001b"),
    );
  } catch {
    return raw.slice(1, -1);
  }
}
