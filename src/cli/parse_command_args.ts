/**
 * Argument parsing shared by the subcommands: node:util's `parseArgs` in
 * strict mode, with its errors cut down to one line that names the argument
 * at fault, and a check on how many positional arguments were given.
 * @module
 */
import { parseArgs, type ParseArgsOptionsConfig } from "node:util";
import type { CommandIo } from "./command.ts";

/** The options and positional arguments of a successful parse. */
export type CommandArgs<O extends ParseArgsOptionsConfig> = ReturnType<
  typeof parseArgs<{ args: string[]; options: O; allowPositionals: true; strict: true }>
>;

/** What a command accepts. */
export interface ArgsSpec<O extends ParseArgsOptionsConfig> {
  /** The options, as `parseArgs` takes them; one-letter names are written `-x`. */
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
export function parseStrictArgs<O extends ParseArgsOptionsConfig>(
  args: readonly string[],
  spec: ArgsSpec<O>,
): CommandArgs<O> {
  let parsed: CommandArgs<O>;
  try {
    parsed = parseArgs({
      args: [...args],
      options: spec.options,
      allowPositionals: true,
      strict: true,
    });
  } catch (e) {
    throw new TypeError(usageReason(e));
  }
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
export function parseCommandArgs<O extends ParseArgsOptionsConfig>(
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

/**
 * One line saying what is wrong with the arguments, from an error `parseArgs`
 * threw (its own messages run to several sentences and lines).
 */
export function usageReason(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  const code = (e as { code?: unknown }).code;
  const quoted = /'(-{1,2})([^' =]+)/.exec(message);
  if (quoted !== null) {
    const [, dashes, name] = quoted as unknown as [string, string, string];
    if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") return `unknown option '${dashes}${name}'`;
    // parseArgs names every option `--name`; edge6's one-letter options are typed `-x`.
    const flag = name.length === 1 ? `-${name}` : `--${name}`;
    if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
      if (message.includes("does not take an argument")) return `option ${flag} takes no value`;
      if (message.includes("ambiguous")) {
        return `option ${flag} needs a value (one starting with '-' is written --${name}=-VALUE)`;
      }
      return `option ${flag} needs a value`;
    }
  }
  return message.split("\n")[0]!;
}
