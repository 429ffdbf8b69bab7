/**
 * Helpers for the commands' tests: an IO that records what a command writes,
 * and the path of a dhcp6c.conf fixture.
 * @module
 */
import type { CommandIo } from "./command.ts";

/** A {@link CommandIo} that keeps everything written to it. */
export interface CapturedIo extends CommandIo {
  /** All text written to standard output so far. */
  stdout: string;
  /** All text written to standard error so far. */
  stderr: string;
}

/** An IO that records output and error text and reads `stdin` as standard input. */
export function captureIo(stdin = ""): CapturedIo {
  const io: CapturedIo = {
    stdout: "",
    stderr: "",
    out(text: string) {
      io.stdout += text;
    },
    err(text: string) {
      io.stderr += text;
    },
    readStdin: () => Promise.resolve(new TextEncoder().encode(stdin)),
  };
  return io;
}

/** The non-empty lines written to standard output. */
export function outputLines(io: CapturedIo): string[] {
  return io.stdout.split("\n").filter((line) => line !== "");
}

/** The path of `name` in tests/fixtures/dhcp6c/. */
export function dhcp6cFixture(name: string): string {
  return new URL(`../../tests/fixtures/dhcp6c/${name}`, import.meta.url).pathname;
}
