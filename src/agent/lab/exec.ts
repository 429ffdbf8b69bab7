/**
 * Runs helper programs (`ip`, `kea-dhcp6`, `dhcp6s`) for the lab and the
 * end-to-end suite: always an argument vector through `Deno.Command`, never a
 * shell, optionally inside a network namespace (`ip netns exec`).
 * @module
 */

/** What a finished program printed and returned. */
export interface ExecResult {
  /** The exit code. */
  readonly code: number;
  /** Everything written to standard output, as text. */
  readonly stdout: string;
  /** Everything written to standard error, as text. */
  readonly stderr: string;
}

/** Runs `program args…` (inside `netns` if given) and collects its output. */
export async function exec(
  program: string,
  args: readonly string[],
  netns?: string,
): Promise<ExecResult> {
  const argv = netns === undefined
    ? [program, ...args]
    : ["ip", "netns", "exec", netns, program, ...args];
  const output = await new Deno.Command(argv[0]!, {
    args: argv.slice(1),
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  const decoder = new TextDecoder();
  return {
    code: output.code,
    stdout: decoder.decode(output.stdout),
    stderr: decoder.decode(output.stderr),
  };
}

/** Like `exec`, but throws an `Error` with the command and its stderr unless it exits 0. */
export async function execOk(
  program: string,
  args: readonly string[],
  netns?: string,
): Promise<string> {
  const result = await exec(program, args, netns);
  if (result.code !== 0) {
    const where = netns === undefined ? "" : ` (in ${netns})`;
    throw new Error(
      `${program} ${args.join(" ")}${where} exited ${result.code}: ${result.stderr.trim()}`,
    );
  }
  return result.stdout;
}

/** True when `program` is found on PATH (or is an existing path). */
export function haveProgram(program: string): boolean {
  const dirs = program.includes("/") ? [""] : (Deno.env.get("PATH") ?? "").split(":");
  for (const dir of dirs) {
    try {
      const info = Deno.statSync(dir === "" ? program : `${dir}/${program}`);
      if (info.isFile && ((info.mode ?? 0) & 0o111) !== 0) return true;
    } catch {
      // not in this directory
    }
  }
  return false;
}
