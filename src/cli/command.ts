/**
 * The shape every edge6 subcommand implements. A command describes itself
 * (usage, options, operands, sections, exit status) in one table that both
 * `edge6 COMMAND --help` (help_text.ts) and the man page (man_page.ts) are
 * rendered from, and its options are handed to the argument parser as they
 * are, so the parser, the help and the man page cannot disagree.
 * @module
 */

/** IO handles a command writes to; injectable so that commands are testable. */
export interface CommandIo {
  /** Writes text to standard output. */
  out(text: string): void;
  /** Writes text to standard error. */
  err(text: string): void;
  /** Reads all of standard input. */
  readStdin(): Promise<Uint8Array>;
}

/**
 * One option: what the argument parser (parse_command_args.ts) needs (`type`, `multiple`) plus
 * its help. The key it is stored under is its name: one letter is written
 * `-x`, longer names `--name`.
 */
export interface OptionSpec {
  /** "string" takes a value, "boolean" does not. */
  readonly type: "string" | "boolean";
  /** May be given more than once (e.g. `-d -d`). */
  readonly multiple?: boolean;
  /** The value's placeholder in the help (e.g. "FILE"); string options only. */
  readonly value?: string;
  /** What it does, one or more sentences. */
  readonly text: string;
}

/** A command's options by name. */
export type OptionsSpec = Readonly<Record<string, OptionSpec>>;

/** A positional argument. */
export interface OperandSpec {
  /** As the usage line writes it (e.g. "IFACE", "HEX…"). */
  readonly name: string;
  /** What it is. */
  readonly text: string;
}

/** A titled part of the help after the options (e.g. "Signals", "Output"). */
export interface HelpSection {
  /** The title, without a colon. */
  readonly title: string;
  /** Text; see {@link CommandSpec.description} for its form. */
  readonly body: string;
}

/** Everything the help and the man page say about a command. */
export interface CommandSpec {
  /** The word typed after `edge6`. */
  readonly name: string;
  /** One line for `edge6 --help` and the man page's command list. */
  readonly summary: string;
  /** Usage lines in full, each starting with the program (`edge6 NAME …`, or `dhcp6c …`). */
  readonly usage: readonly string[];
  /**
   * What the command does. Paragraphs are separated by a blank line; within
   * one, lines that start with two spaces are shown as they are (examples,
   * lists), the others are flowing text.
   */
  readonly description: string;
  /** The options, as the parser takes them. */
  readonly options: OptionsSpec;
  /** The positional arguments. */
  readonly operands?: readonly OperandSpec[];
  /** More titled parts after the options. */
  readonly sections?: readonly HelpSection[];
  /** The exit statuses, as a sentence or two. */
  readonly exitStatus: string;
}

/** One subcommand of `edge6`: its description and what it runs. */
export interface Command extends CommandSpec {
  /** Runs the command; resolves to the process exit code. */
  run(args: string[], io: CommandIo): Promise<number>;
}

/** The flag as typed: `-x` for one letter, `--name` otherwise. */
export function flagOf(name: string): string {
  return name.length === 1 ? `-${name}` : `--${name}`;
}

/**
 * Writes all of `text` to a standard stream. When the reader has gone (`edge6
 * decode … | head`), the command ends at once, quietly, with the status of a
 * process that SIGPIPE ended (128 + 13), as other Unix tools do.
 */
function writeAll(stream: { writeSync(p: Uint8Array): number }, text: string): void {
  let bytes = new TextEncoder().encode(text);
  try {
    while (bytes.length > 0) bytes = bytes.subarray(stream.writeSync(bytes));
  } catch (error) {
    if (error instanceof Deno.errors.BrokenPipe) Deno.exit(141);
    throw error;
  }
}

/** CommandIo bound to the real process streams. */
export const processIo: CommandIo = {
  out(text: string): void {
    writeAll(Deno.stdout, text);
  },
  err(text: string): void {
    writeAll(Deno.stderr, text);
  },
  async readStdin(): Promise<Uint8Array> {
    return new Uint8Array(await new Response(Deno.stdin.readable).arrayBuffer());
  },
};
