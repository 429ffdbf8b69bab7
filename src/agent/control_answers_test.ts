import assert from "node:assert/strict";
import type { ClientCommand } from "../dhcp6/client/types.ts";
import { testStatus } from "../hooks/test_status.ts";
import type { InterfaceConfig } from "../config/types.ts";
import { answerControl, type ControlContext } from "./control_answers.ts";
import { HookQueue } from "./hook_queue.ts";
import { LinkTable } from "./link_table.ts";
import type { Engine, NetConfig } from "./ports.ts";
import { Upstreams } from "./upstreams.ts";

const iface = (name: string) => ({ name, iaNa: [], iaPd: [] }) as unknown as InterfaceConfig;

/** Two running upstreams whose engines record the commands they get. */
async function context(reloadAnswer = { ok: true as const, message: "reloaded" }) {
  const commands: string[] = [];
  const logger = { log() {} };
  const net = {
    links: () => Promise.resolve([]),
    addresses: () => Promise.resolve([]),
  } as unknown as NetConfig;
  const links = new LinkTable(net, logger);
  const engine = (name: string): Engine =>
    ({
      start() {},
      handleLinkChange() {},
      handleCommand: (_now: number, c: ClientCommand) => commands.push(`${name} ${c}`),
      pollAction: () => undefined,
      pollTransmit: () => undefined,
      pollTimeout: () => undefined,
      status: () => testStatus({ interfaceName: name }),
    }) as unknown as Engine;
  const upstreams = new Upstreams(
    {
      clock: { monotonic: () => 0, wall: () => 0 },
      net,
      transport: { send() {} },
      links,
      hooks: new HookQueue({ run: () => Promise.resolve() }, logger),
      engines: (c) => engine(c.interfaceName),
      random: () => 0.5,
      logger,
      stateDir: () => "/nonexistent",
      changed() {},
    },
    { fd: 0, send() {}, receive: () => undefined, close() {} },
    links,
    (i) => ({ interfaceName: i.name, informationOnly: true }) as never,
  );
  await upstreams.start(iface("wan0"));
  await upstreams.start(iface("wan1"));
  const ctx: ControlContext = {
    statuses: () => upstreams.statuses(0, ["wan0", "wan1"]),
    statusJson: (s) => s.map((x) => x.client.interfaceName),
    reload: () => Promise.resolve(reloadAnswer),
    upstreams,
    now: () => 0,
  };
  return { ctx, commands, upstreams };
}

Deno.test("control answers: status of all, of one, of an unknown interface", async () => {
  const { ctx } = await context();
  assert.deepEqual(await answerControl({ command: "status" }, ctx), {
    ok: true,
    status: ["wan0", "wan1"],
  });
  assert.deepEqual(await answerControl({ command: "status", interface: "wan1" }, ctx), {
    ok: true,
    status: ["wan1"],
  });
  assert.deepEqual(await answerControl({ command: "status", interface: "eth9" }, ctx), {
    ok: false,
    error: "no interface eth9 in this agent",
  });
});

Deno.test("control answers: renew, rebind and release reach the running engines named", async () => {
  const { ctx, commands, upstreams } = await context();
  assert.deepEqual(await answerControl({ command: "renew" }, ctx), {
    ok: true,
    message: "renew started on wan0, wan1",
  });
  assert.deepEqual(await answerControl({ command: "release", interface: "wan1" }, ctx), {
    ok: true,
    message: "release started on wan1",
  });
  assert.deepEqual(commands, ["wan0 renew", "wan1 renew", "wan1 release"]);
  for (const r of upstreams.all()) r.stopped = true;
  assert.deepEqual(await answerControl({ command: "rebind" }, ctx), {
    ok: false,
    error: "no running interfaces",
  });
  assert.deepEqual(await answerControl({ command: "rebind", interface: "wan0" }, ctx), {
    ok: false,
    error: "no running interface wan0 in this agent",
  });
});

Deno.test("control answers: reload answers with what the reload said", async () => {
  const { ctx } = await context({ ok: true, message: "reloaded: wan2 added" });
  assert.deepEqual(await answerControl({ command: "reload" }, ctx), {
    ok: true,
    message: "reloaded: wan2 added",
  });
});
