import assert from "node:assert/strict";

const MAIN = new URL("../../main.ts", import.meta.url).pathname;

Deno.test("a reader that goes away (edge6 decode … | head) ends the command quietly, status 141", async () => {
  const line = "0100000100060001000100010203040506\n";
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "--quiet", "--cached-only", MAIN, "decode"],
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const writer = child.stdin.getWriter();
  // Far more output than a pipe holds (64 KiB), so that writing blocks on the reader.
  await writer.write(new TextEncoder().encode(line.repeat(20_000)));
  await writer.close();
  const reader = child.stdout.getReader();
  const first = await reader.read();
  assert.ok(first.value !== undefined && first.value.length > 0, "some output came");
  await reader.cancel(); // as head does after its lines
  const status = await child.status;
  const stderr = new TextDecoder().decode(
    new Uint8Array(await new Response(child.stderr).arrayBuffer()),
  );
  assert.equal(status.code, 141);
  assert.equal(stderr, "", "no stack trace");
});
