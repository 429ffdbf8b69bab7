/**
 * edge6 entry point: hands the command line to the CLI dispatcher (as
 * `edge6 run` when started under the name dhcp6c: src/cli/invoked_name.ts).
 * `deno run -A main.ts …` behaves exactly as the compiled binary.
 * @module
 */
import { main } from "./src/cli/main.ts";
import { processCommandLine } from "./src/cli/invoked_name.ts";

if (import.meta.main) {
  Deno.exit(await main(processCommandLine()));
}
