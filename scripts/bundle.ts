/**
 * Builds the one-file bundle of edge6 (`deno task bundle` → dist/edge6.js),
 * which install.sh's wrapper runs: loading one file instead of main.ts's
 * ~160 modules halves the start-up time and saves several MiB of resident
 * memory (README, "Footprint and speed"). Minified for the same reason (the
 * source text stays in V8's heap), with function and class names kept so
 * that stack traces still name them. Bundling runs esbuild, which Deno
 * fetches from the npm registry on first use.
 *
 *   deno task bundle [OUTPUT]      default dist/edge6.js
 * @module
 */

const ROOT = new URL("../", import.meta.url).pathname;

/** The `deno` arguments that bundle main.ts into `output`. */
export function bundleArgs(output: string): string[] {
  return ["bundle", "--quiet", "--minify", "--keep-names", "-o", output, `${ROOT}main.ts`];
}

/** Bundles main.ts into `output`; throws with deno's own words when it cannot. */
export async function bundle(output: string): Promise<void> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: bundleArgs(output),
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (!out.success) {
    const said = new TextDecoder().decode(out.stderr).trim();
    throw new Error(`deno bundle failed: ${said.slice(0, 500)}`);
  }
}

if (import.meta.main) {
  const output = Deno.args[0] ?? `${ROOT}dist/edge6.js`;
  try {
    await bundle(output);
  } catch (error) {
    console.error(`bundle: ${(error as Error).message}`);
    Deno.exit(1);
  }
  console.log(`bundle: wrote ${output}`);
}
