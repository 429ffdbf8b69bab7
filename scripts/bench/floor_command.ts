/**
 * The lab benchmark's floor for short commands: what `edge6 check` and
 * `edge6 status` do at the least, in a bare Deno process. `check FILE`
 * reads the file and parses it with the same TOML package; `status SOCKET`
 * sends the agent the status request and prints its answer.
 *
 *   deno run -A scripts/bench/floor_command.ts check FILE | status SOCKET
 * @module
 */
import { parse } from "toml";

const [mode, path] = Deno.args;
if (path === undefined) throw new TypeError("usage: floor_command.ts check FILE | status SOCKET");
if (mode === "check") {
  const doc = parse(await Deno.readTextFile(path));
  console.log(`${Object.keys(doc).length} tables`);
} else {
  const conn = await Deno.connect({ transport: "unix", path });
  await conn.write(new TextEncoder().encode('{"command":"status"}\n'));
  let text = "";
  const buffer = new Uint8Array(65536);
  for (;;) {
    const n = await conn.read(buffer);
    if (n === null) break;
    text += new TextDecoder().decode(buffer.subarray(0, n));
    if (text.includes("\n")) break;
  }
  conn.close();
  console.log(text.length);
}
