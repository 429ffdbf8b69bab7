import assert from "node:assert/strict";
import { startControlServer } from "../agent/control_server.ts";
import { metricsDoc } from "../metrics/test_doc.ts";
import { formatPrometheus } from "../metrics/prometheus.ts";
import { formatStatusText } from "../hooks/status_text.ts";
import { statusCommand } from "./status.ts";
import { captureIo } from "./test_io.ts";

Deno.test("status: text, JSON and Prometheus from the control socket and from status.json agree", async () => {
  const dir = await Deno.makeTempDir();
  const server = await startControlServer(`${dir}/edge6.sock`, (request) => {
    const doc = request.interface === undefined ? metricsDoc : {
      ...metricsDoc,
      interfaces: metricsDoc.interfaces.filter((i) => i.name === request.interface),
    };
    return Promise.resolve({ ok: true, status: JSON.parse(JSON.stringify(doc)) });
  });
  try {
    const file = `${dir}/status.json`;
    // generated_at is null in this document, so nothing is counted down.
    await Deno.writeTextFile(file, JSON.stringify(metricsDoc, null, 2));
    const run = async (...args: string[]) => {
      const io = captureIo();
      const code = await statusCommand.run(args, io);
      assert.equal(code, 0, io.stderr);
      return io.stdout;
    };
    const fromSocket = await run("--format", "prometheus", "-s", server.path);
    assert.equal(fromSocket, formatPrometheus(metricsDoc));
    assert.equal(await run("--format", "prometheus", "--file", file), fromSocket);
    assert.equal(await run("-s", server.path), formatStatusText(metricsDoc));
    assert.equal(await run("--file", file), formatStatusText(metricsDoc));
    assert.deepEqual(JSON.parse(await run("--json", "-s", server.path)), metricsDoc);
    assert.deepEqual(JSON.parse(await run("--format", "json", "--file", file)), metricsDoc);
    // One interface, either way.
    const one = await run("--format", "prometheus", "--file", file, "wan1");
    assert.equal(one, await run("--format", "prometheus", "-s", server.path, "wan1"));
    assert.ok(one.includes('interface="wan1"') && !one.includes('interface="wan0"'));
  } finally {
    await server.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("status: usage errors exit 2, unreadable or foreign files exit 1, one line each", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(`${dir}/bad.json`, '{"version": 2}');
    await Deno.writeTextFile(`${dir}/ok.json`, JSON.stringify(metricsDoc));
    const cases: [string[], number, string][] = [
      [["--format", "xml"], 2, "edge6 status: --format xml: expected text, json, prometheus\n"],
      [
        ["--json", "--format", "text"],
        2,
        "edge6 status: --json and --format text contradict each other\n",
      ],
      [
        ["--file", "x", "-s", "y"],
        2,
        "edge6 status: give --file, or -c/-s to ask the agent, not both\n",
      ],
      [
        ["--file", `${dir}/none.json`],
        1,
        `edge6 status: cannot read ${dir}/none.json: no such file\n`,
      ],
      [
        ["--file", `${dir}/bad.json`],
        1,
        `edge6 status: ${dir}/bad.json: status: version must be 1, got 2\n`,
      ],
      [
        ["--file", `${dir}/ok.json`, "eth9"],
        1,
        `edge6 status: ${dir}/ok.json has no interface eth9\n`,
      ],
    ];
    for (const [args, code, message] of cases) {
      const io = captureIo();
      assert.equal(await statusCommand.run(args, io), code, args.join(" "));
      assert.equal(io.stderr, message);
      assert.equal(io.stdout, "");
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
