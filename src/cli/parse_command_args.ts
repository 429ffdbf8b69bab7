/**
 * Argument parsing shared by the subcommands: the strict mode of node:util's
 * `parseArgs` (the same syntax: `-x`, `-xy`, `-cVALUE`, `-c VALUE`,
 * `--name VALUE`, `--name=VALUE`, `--` ending the options), written here so
 * that a command does not load Node's compatibility layer for it, which
 * costs a short command a third of its time and the agent megabytes of
 * memory. Each error is one line that names the argument at fault; the
 * number of positional arguments is checked too.
 * @module
 */
import type { CommandIo } from "./command.ts";

/** One option: a flag (`boolean`) or one that takes a value (`string`), once or repeatedly. */
export interface OptionSpec {
  /** Whether the option takes a value. */
  readonly type: "boolean" | "string";
  /** Whether it may be given several times (the values are then collected in order). */
  readonly multiple?: boolean;
}

/** Options by name; a one-letter name is typed `-x`, a longer one `--name`. */
export type OptionsSpec = Readonly<Record<string, OptionSpec>>;

/** The value an option spec gives. */
type ValueOf<S extends OptionSpec> = S["type"] extends "string"
  ? S["multiple"] extends true ? string[] : string
  : S["multiple"] extends true ? boolean[]
  : boolean;

/** The options and positional arguments of a successful parse. */
export interface CommandArgs<O extends OptionsSpec> {
  /** The options given, by name (absent when not given). */
  readonly values: { [K in keyof O]?: ValueOf<O[K]> };
  /** The other arguments, in order. */
  readonly positionals: string[];
}

/** How an option is written on the command line. */
function flagOf(name: string): string {
  return name.length === 1 ? `-${name}` : `--${name}`;
}

/** Parses `args` against `options` (strict: unknown options and missing values are errors). */
function parseOptions<O extends OptionsSpec>(args: readonly string[], options: O): CommandArgs<O> {
  const values: Record<string, unknown> = {};
  const positionals: string[] = [];
  const set = (name: string, value: string | boolean) => {
    const spec = options[name]!;
    if (spec.multiple) values[name] = [...(values[name] as unknown[] | undefined ?? []), value];
    else values[name] = value;
  };
  const known = (name: string, typed: string): OptionSpec => {
    const spec = Object.hasOwn(options, name) ? options[name] : undefined;
    if (spec === undefined) throw new TypeError(`unknown option '${typed}'`);
    return spec;
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "--") {
      positionals.push(...args.slice(i + 1));
      break;
    }
    if (arg.startsWith("--")) {
      const eq = arg.indexOf("=");
      const name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
      const spec = known(name, `--${name}`);
      if (spec.type === "boolean") {
        if (eq >= 0) throw new TypeError(`option ${flagOf(name)} takes no value`);
        set(name, true);
      } else if (eq >= 0) {
        set(name, arg.slice(eq + 1));
      } else {
        set(name, valueAfter(args, i++, name));
      }
      continue;
    }
    if (arg.startsWith("-") && arg !== "-") {
      for (let j = 1; j < arg.length; j++) {
        const name = arg[j]!;
        const spec = known(name, `-${name}`);
        if (spec.type === "boolean") {
          set(name, true);
          continue;
        }
        // A value: the rest of this argument (-cFILE), else the next one.
        if (j + 1 < arg.length) set(name, arg.slice(j + 1));
        else set(name, valueAfter(args, i++, name));
        break;
      }
      continue;
    }
    positionals.push(arg);
  }
  return { values: values as CommandArgs<O>["values"], positionals };
}

/** The value after `args[i]` for option `name`; an error when there is none or it looks like an option. */
function valueAfter(args: readonly string[], i: number, name: string): string {
  const next = args[i + 1];
  if (next === undefined) throw new TypeError(`option ${flagOf(name)} needs a value`);
  if (next.startsWith("-") && next !== "-") {
    throw new TypeError(
      `option ${flagOf(name)} needs a value (one starting with '-' is written --${name}=-VALUE)`,
    );
  }
  return next;
}

/** What a command accepts. */
export interface ArgsSpec<O extends OptionsSpec> {
  /** The options; one-letter names are written `-x`. */
  readonly options: O;
  /** Fewest positional arguments (default 0). */
  readonly minPositionals?: number;
  /** Most positional arguments (default 0: none; `Infinity`: no limit). */
  readonly maxPositionals?: number;
  /** The positional arguments expected, for the message when the count is wrong (e.g. "exactly one FILE"). */
  readonly positionals?: string;
}

/**
 * Parses `args` strictly against `spec`. Throws a TypeError with a one-line
 * reason (e.g. `unknown option '--bogus'`) when they do not fit.
 */
export function parseStrictArgs<O extends OptionsSpec>(
  args: readonly string[],
  spec: ArgsSpec<O>,
): CommandArgs<O> {
  const parsed = parseOptions(args, spec.options);
  const count = parsed.positionals.length;
  if (count < (spec.minPositionals ?? 0) || count > (spec.maxPositionals ?? 0)) {
    const expected = spec.positionals ?? "no arguments";
    throw new TypeError(
      count > 0 && (spec.maxPositionals ?? 0) === 0
        ? `unexpected argument '${parsed.positionals[0]}': expected ${expected}`
        : `expected ${expected}, got ${count}`,
    );
  }
  return parsed;
}

/**
 * {@link parseStrictArgs} for the command `name`: on a usage error, writes
 * `edge6 NAME: reason` to standard error and returns undefined (the caller
 * then exits with status 2).
 */
export function parseCommandArgs<O extends OptionsSpec>(
  name: string,
  args: readonly string[],
  spec: ArgsSpec<O>,
  io: CommandIo,
): CommandArgs<O> | undefined {
  try {
    return parseStrictArgs(args, spec);
  } catch (e) {
    io.err(`edge6 ${name}: ${(e as Error).message}\n`);
    return undefined;
  }
}
