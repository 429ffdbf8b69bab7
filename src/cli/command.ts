/**
 * The shape every edge6 subcommand implements.
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

/** One subcommand of `edge6`. */
export interface Command {
  /** The word typed after `edge6`. */
  readonly name: string;
  /** One line for `edge6 --help`. */
  readonly summary: string;
  /** Full help text for `edge6 NAME --help`. */
  readonly help: string;
  /** Runs the command; resolves to the process exit code. */
  run(args: string[], io: CommandIo): Promise<number>;
}

/** CommandIo bound to the real process streams. */
export const processIo: CommandIo = {
  out(text: string): void {
    Deno.stdout.writeSync(new TextEncoder().encode(text));
  },
  err(text: string): void {
    Deno.stderr.writeSync(new TextEncoder().encode(text));
  },
  async readStdin(): Promise<Uint8Array> {
    return new Uint8Array(await new Response(Deno.stdin.readable).arrayBuffer());
  },
};
