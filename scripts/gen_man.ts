/**
 * Writes docs/edge6.8 from the command table (`deno task man`); run it after
 * changing a command's help. `--check` only compares and exits 1 on a
 * difference.
 * @module
 */
import { loadCommands } from "../src/cli/commands.ts";
import { renderManPage } from "../src/cli/man_page.ts";
import { VERSION } from "../src/version.ts";

/** Where the generated page lives in the tree. */
export const MAN_PAGE = new URL("../docs/edge6.8", import.meta.url).pathname;

if (import.meta.main) {
  const page = renderManPage(VERSION, await loadCommands());
  if (Deno.args.includes("--check")) {
    const current = await Deno.readTextFile(MAN_PAGE).catch(() => "");
    if (current !== page) {
      console.error(`${MAN_PAGE} is out of date: run deno task man`);
      Deno.exit(1);
    }
  } else {
    await Deno.writeTextFile(MAN_PAGE, page);
    console.log(`wrote ${MAN_PAGE}`);
  }
}
