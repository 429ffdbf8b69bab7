/**
 * Fails when the pure protocol code under src/dhcp6/ reaches for IO, wall
 * time, timers or ambient randomness: the engine takes time and randomness as
 * inputs, so that the whole protocol runs on a virtual clock in tests and only
 * the agent (the IO shell) has side effects.
 * Usage: deno run -A scripts/check_purity.ts [root]
 * @module
 */

/** Tokens forbidden under src/dhcp6/, with why. */
export const FORBIDDEN: readonly { readonly token: string; readonly why: string }[] = [
  { token: "Deno.", why: "IO belongs to the shell" },
  { token: "setTimeout", why: "timers are the shell's; the engine reports pollTimeout()" },
  { token: "setInterval", why: "timers are the shell's; the engine reports pollTimeout()" },
  { token: "Date.now", why: "time comes in as an argument" },
  { token: "new Date(", why: "time comes in as an argument" },
  { token: "Math.random", why: "randomness is injected" },
  { token: "performance.now", why: "time comes in as an argument" },
];

/** One forbidden token found in a file. */
export interface Violation {
  /** The file's path as given to the scan. */
  readonly file: string;
  /** 1-based line number of the token. */
  readonly line: number;
  /** The forbidden token found. */
  readonly token: string;
  /** Why it is forbidden there, for the report. */
  readonly why: string;
}

/** The violations in one file's text; test files (`*_test.ts`, `*_bench.ts`) may use IO. */
export function findViolations(file: string, text: string): Violation[] {
  if (/_(test|bench)\.ts$/.test(file)) return [];
  const out: Violation[] = [];
  text.split("\n").forEach((line, i) => {
    for (const { token, why } of FORBIDDEN) {
      if (line.includes(token)) out.push({ file, line: i + 1, token, why });
    }
  });
  return out;
}

async function* walk(dir: string): AsyncGenerator<string> {
  for await (const entry of Deno.readDir(dir)) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory) yield* walk(path);
    else if (entry.isFile && /\.(ts|js|mts|tsx)$/.test(entry.name)) yield path;
  }
}

/** Scans `root` and returns every violation. */
export async function checkPurity(root: string): Promise<Violation[]> {
  const found: Violation[] = [];
  for await (const file of walk(root)) {
    found.push(...findViolations(file, await Deno.readTextFile(file)));
  }
  return found;
}

if (import.meta.main) {
  const root = Deno.args[0] ?? "src/dhcp6";
  const violations = await checkPurity(root);
  for (const v of violations) {
    console.error(`${v.file}:${v.line}: "${v.token}" is not allowed under ${root} (${v.why})`);
  }
  if (violations.length > 0) {
    console.error(`check_purity: ${violations.length} violation(s)`);
    Deno.exit(1);
  }
  console.log(`check_purity: ${root} is free of IO, timers, wall time and Math.random`);
}
