/**
 * edge6 entry point: hands the command line to the CLI dispatcher.
 * `deno run -A main.ts …` behaves exactly as the compiled binary.
 * @module
 */
import { main } from "./src/cli/main.ts";

if (import.meta.main) {
  Deno.exit(await main(Deno.args));
}
